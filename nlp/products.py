"""Everyday names of goods, for a PRODUCT net under the model.

People name what they bought with a plain noun ("the earbuds", "this dog food", 衣服, 扫地机器人)
that a small model trained on a few thousand texts often misses. These nouns are found as
PRODUCT candidates ranked below the model, so the model's own span wins where both found one.
Written from general knowledge of what is sold online, not from any evaluation text. Single
characters that mostly sit inside other words (包 in 包装, 书 in 说明书, 酒 in 酒店) are left out.
"""

import re

# English names, singular (plurals are matched too); a phrase counts whole ("dog food"). Words
# that are as often verbs or figures of speech (book, ring, fan, watch, game, case) are left out.
ENGLISH = """
earbuds, earphones, headphones, headset, speaker, soundbar, charger, charging cable, adapter,
power bank, battery, phone, smartphone, iphone, ipad, tablet, laptop, computer, monitor, keyboard,
printer, router, modem, camera, lens, drone, smartwatch, fitness tracker, console, controller, tv,
television, projector, hard drive, ssd, memory card, usb stick, phone case, screen protector,
dress, shirt, t-shirt, blouse, sweater, hoodie, jacket, coat, jeans, pants, trousers, shorts,
skirt, leggings, underwear, bra, socks, pajamas, swimsuit, bikini, shoe, sneaker, boot, sandal,
slipper, scarf, gloves, handbag, backpack, wallet, purse, suitcase, luggage, sunglasses,
glasses, jewelry, necklace, bracelet, earrings, perfume, cologne, lipstick, mascara, makeup,
moisturizer, serum, sunscreen, shampoo, conditioner, soap, lotion, razor, hair dryer,
straightener, toothbrush, toothpaste, vitamins, supplement, protein powder,
sofa, couch, chair, desk, mattress, pillow, blanket, duvet, curtains, rug, lamp, shelf, wardrobe,
dresser, cabinet, furniture, fridge, refrigerator, freezer, microwave, oven, stove, dishwasher,
washing machine, vacuum, vacuum cleaner, air fryer, blender, toaster, kettle, coffee maker,
coffee machine, rice cooker, heater, air conditioner, humidifier, air purifier, frying pan,
cookware, knife set, mug, water bottle, toy, doll, lego, puzzle, stroller, car seat, crib,
diaper, baby formula, dog food, cat food, pet food, cat litter, dog treats, leash, collar,
coffee, tea, coffee pods, k-cups, chips, cookies, crackers, cereal, snack, candy, chocolate,
sauce, olive oil, honey, pasta, noodles, flour, jerky, almonds, peanuts, juice, soda, yogurt,
cheese, granola, oatmeal, popcorn, spices, seasoning, groceries, meat, fruit, vegetables, nuts,
beans, rice, bread, pudding, cellphone, cell phone, video game, grill, generator, tire, bike,
bicycle, scooter, helmet, tent, gift card
"""

CHINESE = """
衣服 裤子 裙子 连衣裙 外套 羽绒服 大衣 卫衣 毛衣 衬衫 T恤 牛仔裤 内衣 袜子 睡衣 泳衣 鞋 鞋子 运动鞋
靴子 拖鞋 凉鞋 帽子 围巾 手套 腰带 包包 背包 双肩包 钱包 行李箱 眼镜 墨镜 项链 手链 耳环 戒指
手表 口红 面膜 粉底 眼霜 精华 面霜 乳液 防晒霜 洗面奶 洗发水 护发素 沐浴露 香水 化妆品 护肤品
牙刷 牙膏 剃须刀 吹风机 卷发棒
手机 耳机 蓝牙耳机 充电器 充电宝 数据线 手机壳 钢化膜 平板 电脑 笔记本 笔记本电脑 显示器 键盘 鼠标
打印机 路由器 相机 镜头 音箱 音响 电视 投影仪 游戏机 手柄 U盘 硬盘 内存卡 电池 智能手表 手环
冰箱 洗衣机 空调 热水器 微波炉 烤箱 电饭煲 电磁炉 吸尘器 扫地机器人 空气炸锅 榨汁机 豆浆机 电水壶
风扇 电风扇 加湿器 净化器 取暖器 吹风机 油烟机 洗碗机
沙发 椅子 桌子 书桌 床垫 枕头 被子 四件套 窗帘 地毯 台灯 柜子 衣柜 鞋柜 书架 家具
炒锅 菜刀 杯子 保温杯 水杯
玩具 积木 娃娃 婴儿车 安全座椅 奶粉 尿不湿 纸尿裤 奶瓶
狗粮 猫粮 猫砂 零食 水果 橙子 车厘子 茶叶 咖啡 牛奶 酸奶 大米 面条 坚果 饼干 巧克力 月饼
白酒 红酒 蜂蜜 保健品 图书 门票 充值卡 自行车 电动车 头盔 帐篷
"""

_ENGLISH_NAMES = sorted({n.strip() for n in ENGLISH.split(",") if n.strip()}, key=len, reverse=True)
_ENGLISH_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(name) for name in _ENGLISH_NAMES) + r")(?:e?s)?\b",
    re.IGNORECASE,
)
_CHINESE_PATTERN = re.compile(
    "|".join(re.escape(n) for n in sorted(set(CHINESE.split()), key=len, reverse=True))
)
# "phone" as a way of talking, not the goods: "on the phone", "phone call", "phone number".
_NOT_GOODS = re.compile(
    r"(?:by|on|over) (?:the )?phone\b|\bphone (?:call|number|support|line|app)",
    re.IGNORECASE,
)


def find_products(text: str, has_cjk: bool) -> list[tuple[int, int]]:
    """Spans of everyday goods names in the text."""
    blocked = [m.span() for m in _NOT_GOODS.finditer(text)]
    spans = [
        m.span()
        for m in _ENGLISH_PATTERN.finditer(text)
        if not any(start <= m.start() < end for start, end in blocked)
    ]
    if has_cjk:
        spans += [m.span() for m in _CHINESE_PATTERN.finditer(text)]
    return spans
