"""The regular expressions behind the rule entities, one table, most specific first."""

from typing import NamedTuple


class Rule(NamedTuple):
    """A pattern for one label; `group` is the entity when context words surround it."""

    rank: int  # lower wins an overlap
    label: str
    pattern: str
    group: int = 0
    chinese: bool = False  # only worth running on text with Chinese characters
    keywords: tuple[str, ...] = ()  # one must be in the lower-cased text: skips slow scans


CJK = r"\u4e00-\u9fff"
_NUM = r"\d(?:[\d,.]*\d)?"  # 1,299 or 1.560 or 49.99, never ending on a separator
_CODES = (
    "USD|EUR|GBP|CNY|RMB|JPY|HKD|AUD|CAD|CHF|INR|KRW|RUB|BRL|MXN|PLN|SGD|NZD|TRY|SEK|NOK|DKK"
    "|AED|SAR|CLP|COP|ARS|PEN|ZAR|NGN|KES|EGP|PHP|IDR|MYR|THB|VND|CZK|HUF|RON|ILS|RM|Rp|kr"
)
_MONEY_TAIL = r"(?:\s?(?:[kK]\b|(?:MXN|USD|CAD|AUD|ARS|COP|CLP)\b))?"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_ZH_NUM = "0-9一二三四五六七八九十两几半"
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
_SURNAME = f"(?:欧阳|司马|诸葛|上官|东方|慕容|令狐|皇甫|[{_SURNAMES}])"
# Characters that cannot be part of a given name: they end the name or start the next word.
_NOT_GIVEN = "的了在是说和电话地址手机先女小买我你他她们给把被收到已不也都就要会对于从向让请打号"
_GIVEN = f"(?:[{CJK}](?<![{_NOT_GIVEN}]))"
_ADDR_CHAR = f"(?:[{CJK}](?<![寄送到在是的了我你他她从往发收货地址住家为把给被和与及]))"
_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"  # Latin Extended-A mixes cases; good enough for Nowák, Wiśniewski
_LOW = "a-zß-öø-ÿĀ-ž"
_EN_WORD = rf"(?:[{_UP}]['’])?[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)?(?:-[{_UP}][{_LOW}]+)?"
# "J Smith", "Mary Ann O'Neil", "Marek Wiśniewski"; never across a line break (a signature
# block puts the name and the job title on separate lines).
_EN_NAME = rf"(?:[{_UP}]\.?[ \t]+)?{_EN_WORD}(?:[ \t]+{_EN_WORD}){{0,2}}"
_EN_FULL_NAME = rf"{_EN_WORD}(?:[ \t]+{_EN_WORD}){{1,2}}"
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam|Mme|Mlle|Herr|Frau|Sr|Sra)\.?"
# ", Leeds LS6 2HB", ", 10435 Berlin", ", Springfield, IL 62704" after a street.
_PLACE_TAIL = (
    rf"(?:,[ \t]+(?:\d{{4,5}}[ \t]+)?[{_UP}][{_LOW}]+(?:[ \t][{_UP}][{_LOW}]+)?"
    r"(?:[ \t]+[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}|,[ \t]+[A-Z]{2}(?:[ \t]+\d{5}(?:-\d{4})?)?"
    r"|[ \t]+\d{5})?)?"
)
ZH_PLACES = (
    "北京|上海|天津|重庆|广州|深圳|杭州|南京|苏州|成都|武汉|西安|郑州|合肥|长沙|济南|青岛|厦门"
    "|福州|昆明|贵阳|南宁|海口|三亚|沈阳|大连|长春|哈尔滨|石家庄|太原|呼和浩特|兰州|西宁|银川"
    "|乌鲁木齐|拉萨|南昌|宁波|温州|义乌|东莞|佛山|无锡|常州|珠海|中山|泉州|烟台|徐州|香港|澳门"
    "|广东|浙江|江苏|山东|河南|河北|湖南|湖北|四川|云南|贵州|福建|安徽|江西|山西|陕西|甘肃|青海"
    "|辽宁|吉林|黑龙江|海南|台湾|新疆|西藏|内蒙古|宁夏|广西"
)
_STREET = (
    r"Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl"
    r"|Square|Sq|Terrace|Close|Crescent|Highway|Hwy|Parkway|Pkwy|Row|Gardens"
)

# "17 Victoria Street, Apt 4, Leeds LS6 2HB", the leading digit already matched.
_EN_STREET = (
    rf"\d{{0,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){{1,4}}(?:{_STREET})\b"
    r"(?:,?\s+(?:Apt|Apartment|Suite|Unit|Flat|Floor)\.?\s*#?\w+)?" + _PLACE_TAIL
)

RULES: tuple[Rule, ...] = (
    Rule(0, "EMAIL", r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
    Rule(
        0, "URL", r"(?:https?://|www\.)[^\s<>\"'，。！？、）】]+[^\s<>\"'，。！？、）】.,;:!?)\]]"
    ),
    Rule(
        1,
        "URL",  # a bare domain; ranked with platforms so "temu-prize.com" beats "temu"
        r"[a-z0-9](?<![\w@./-][a-z0-9])[a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|shop|store|co|eu"
        r"|uk|io|cn|de|fr|es|it|pl|ru|in|ng|br|mx|ar|online|site|top|xyz|info|biz|app)\b"
        r"(?:/[^\s,，。)]*)?(?<![.,;:!?])",
    ),
    Rule(
        1,
        "TRACKING_ID",
        r"(?<![A-Za-z0-9])(?:[A-Z]{2}\d{9}[A-Z]{2}|LP\d{9,16}(?:CN)?|SF\d{10,15}|1Z[0-9A-Z]{16}"
        r"|YT\d{13,18}|JT\d{13}|JD[A-Z]{0,2}\d{10,20}|9[2-5]\d{20})(?![A-Za-z0-9])",
    ),
    Rule(
        1,
        "TRACKING_ID",
        r"(?:DHL|DPD|UPS|FedEx|USPS|EMS|GLS|Evri|Royal Mail|Aramex"
        r"|(?i:shipment|parcel|package)|中通|韵达|圆通|申通|顺丰|极兔|邮政|德邦|百世|快递|包裹)"
        r"(?i:\s*(?:number|no\.?|#))?\s*[:：]?\s*([A-Z]{0,6}\d[A-Z0-9]{7,25})(?![A-Za-z0-9])",
        1,
        keywords=(
            "dhl",
            "dpd",
            "ups",
            "fedex",
            "usps",
            "ems",
            "gls",
            "evri",
            "royal mail",
            "aramex",
            "shipment",
            "parcel",
            "package",
            "中通",
            "韵达",
            "圆通",
            "申通",
            "顺丰",
            "极兔",
            "邮政",
            "德邦",
            "百世",
            "快递",
            "包裹",
        ),
    ),
    Rule(
        1,
        "TRACKING_ID",
        r"(?i:tracking(?:\s+(?:number|no\.?|id|code))?|waybill|AWB)"
        r"\s*(?:is|was)?\s*[#:]?\s*([A-Z0-9]*\d[A-Z0-9]{6,29})(?![A-Za-z0-9])",
        1,
        keywords=("tracking", "waybill", "awb"),
    ),
    Rule(
        1,
        "TRACKING_ID",
        r"(?:运单号|快递单号|物流单号|快递号|(?<!订)单号)\s*(?:是|为)?\s*[#:：]?\s*"
        r"([A-Z0-9]*\d[A-Z0-9]{6,29})(?![A-Za-z0-9])",
        1,
        chinese=True,
    ),
    Rule(
        2,
        "ORDER_ID",
        r"\d(?<![\d-]\d)(?:\d{2}-\d{7}-\d{7}|\d-\d{5}-\d{5}|\d{5}-\d{12,18})(?![\d-])",
    ),
    Rule(
        2,
        "ORDER_ID",
        r"(?i:order|transaction|case|ticket|reference|ref|invoice|item|booking"
        r"|订单|交易|工单|案件)(?i:\s*(?:number|no\.?|id|编号|号码|号))?"
        r"\s*(?:is|was|是|为)?\s*[:：]?\s*"
        r"(#?(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9][A-Za-z0-9_-]{4,30})(?![A-Za-z0-9])",
        1,
        keywords=(
            "order",
            "transaction",
            "case",
            "ticket",
            "ref",
            "invoice",
            "item",
            "booking",
            "订单",
            "交易",
            "工单",
            "案件",
        ),
    ),
    Rule(3, "ORDER_ID", r"\d(?<!\d\d)\d{14,19}(?!\d)"),
    Rule(3, "PHONE", r"(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)"),
    Rule(
        3,
        "PHONE",
        r"(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}(?!\d)",
    ),
    Rule(3, "PHONE", r"\((?<![\d-]\()\d{3}\)\s?\d{3}[\s.-]\d{4}(?![\d-])"),
    Rule(3, "PHONE", r"\d(?<![\d-]\d)\d{2}[\s.-]\d{3}[\s.-]\d{4}(?![\d-])"),
    Rule(3, "PHONE", r"0(?<![\d-]0)\d{2,3}[\s-]\d{7,8}(?![\d-])"),
    Rule(3, "PHONE", r"0(?<!\d0)\d{2,4}\s\d{3,4}\s?\d{3,4}(?!\d)"),
    Rule(3, "PHONE", r"1(?<![\d-]1)-\d{3}-\d{3}-\d{4}(?![\d-])"),
    Rule(3, "PHONE", r"1(?<!\d1)[3-9]\d\*{4}\d{4}(?!\d)"),
    Rule(3, "PHONE", r"[48](?<![\d-][48])00-?\d{3,4}-?\d{4}(?![\d-])"),
    Rule(3, "PHONE", r"[6-9](?<!\d[6-9])\d{4} \d{5}(?!\d)"),
    Rule(
        3,
        "PHONE",
        r"(?i:phone|mobile|call|tel|whatsapp|电话|手机|号码|致电|打)\s*(?:number|no\.?|是|为)?"
        r"\s*[:：]?\s*(\+?\d[\d -]{3,14}\d)(?![\d-])",
        1,
        keywords=(
            "phone",
            "mobile",
            "call",
            "tel",
            "whatsapp",
            "电话",
            "手机",
            "号码",
            "致电",
            "打",
        ),
    ),
    Rule(4, "MONEY", rf"[$€£¥￥₹₩₽₱₦₫฿₺₴]\s?{_NUM}{_MONEY_TAIL}"),
    Rule(4, "MONEY", rf"(?:US|HK|CA|AU|NZ|AR|MX|A|C|R|S)\$\s?{_NUM}{_MONEY_TAIL}"),
    Rule(4, "MONEY", rf"R(?<!\wR)(?=\d){_NUM}{_MONEY_TAIL}"),  # South African rand
    Rule(4, "MONEY", rf"\b(?:{_CODES})\s?{_NUM}"),
    Rule(4, "MONEY", rf"人民币{_NUM}", chinese=True),
    Rule(
        4,
        "MONEY",
        rf"{_NUM}\s?(?:(?:{_CODES})\b"
        r"|(?i:dollars?|euros?|pounds?|bucks|yuan|pesos?|quid|rupees?|reais|zł|lei)\b"
        r"|€|₽|元|块钱|块|美元|欧元|英镑|日元|港币|卢布|美金|刀)",
    ),
    Rule(
        4,
        "MONEY",  # Chinese reviews often give a bare number after a verb of paying
        r"(?:花了|付了|花|付|价格是?|售价|标价|原价|现价|卖|退了?|赔|扣了?|收了?|多收|多扣"
        r"|补差价|运费|到手价?|要价|差价|充值|充了)\s*(\d+(?:\.\d+)?(?:多|万)?)(?![\d.])",
        1,
        chinese=True,
    ),
    Rule(4, "MONEY", r"[一二三四五六七八九十百千万两几]+(?:块钱|块|元|美元|美金)", chinese=True),
    Rule(
        5,
        "DATE",
        r"\d(?<![\d/.-]\d)(?:\d{3}[-/.]\d{1,2}[-/.]\d{1,2}"
        r"|\d?[/.-](?:\d{1,2}|XX)[/.-](?:\d{4}|\d{2}|XXXX)|\d?/\d{1,2})(?![\d/])",
    ),
    Rule(5, "DATE", r"XX(?<![\w/.-]XX)[/.-](?:\d{1,2}|XX)[/.-](?:\d{4}|\d{2}|XXXX)(?![\d/])"),
    Rule(
        5,
        "DATE",
        r"\b(?:January|February|April|June|July|August|September|October|November|December)\b"
        r"|\b(?i:the) \d{1,2}(?:st|nd|rd|th)\b|\b(?:Christmas(?: Day| Eve)?|Easter|Diwali)\b",
    ),
    Rule(
        5,
        "DATE",
        rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b"
        rf"|\b(?:{_MONTH}|(?i:early|late|mid)-?\s?{_MONTH})\s+\d{{4}}\b",
    ),
    Rule(
        5,
        "DATE",
        r"(?i:\b(?:yesterday|today|tonight|tomorrow|the day before yesterday|last night"
        r"|(?:last|this|next|past) (?:week|month|year|weekend|morning)"
        r"|(?:a|one|two|three|four|five|six|\d+) (?:days?|weeks?|months?|years?) ago"
        rf"|(?:last |next |this )?{_WEEKDAY}|black friday|cyber monday|prime day)\b)",
        keywords=("day", "week", "month", "year", "morning", "night", "ago", "tomorrow"),
    ),
    Rule(
        5,
        "DATE",
        rf"\d{{4}}年(?:\d{{1,2}}月(?:\d{{1,2}}[日号])?)?"
        rf"|\d{{1,2}}月(?:\d{{1,2}}[日号]|[初中底])"
        r"|[上下这本](?:个)?(?:周|星期|礼拜|月)[一二三四五六日天末]?"
        r"|(?:周|星期|礼拜)[一二三四五六日天]"
        r"|大前天|前天|昨天|今天|明天|昨晚|今早|今晚|去年|今年|前年|月初|月底|年底"
        rf"|[{_ZH_NUM}]+(?:天|周|个月|个星期|年)(?:前|以前|之前|后|以后)"
        r"|(?:今年|去年)?(?:双十一|双11|双十二|双12|618)"
        r"|(?<![\d路街巷弄道楼栋室])\d{1,2}[日号](?![\d楼])"
        r"|(?<![\d年])\d{1,2}月(?![\d份])|(?:上午|下午|晚上|早上)\d{1,2}点",
        chinese=True,
    ),
    Rule(6, "ADDRESS", r"(?:Apt|Apartment|Suite|Unit|Flat)\.?[ \t]*#?\w+,?[ \t]+" + _EN_STREET),
    Rule(6, "ADDRESS", r"\d(?<!\w\d)" + _EN_STREET),
    Rule(
        6,
        "ADDRESS",
        r"\b\d{1,4},?\s+(?i:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|calle"
        r"|avenida|plaza|paseo|via|viale|piazza)"
        r"(?:\s+(?:de|du|des|la|le|del|della|d'|l'|[A-Z][\w'-]+)){1,5}" + _PLACE_TAIL,
    ),
    Rule(
        6,
        "ADDRESS",
        r"\b(?:(?i:calle|avenida|via|rua)\s+)?[A-Z][a-zäöüß]+(?:straße|strasse|str\."
        r"|weg|platz|gasse|allee|gracht|laan|straat|gatan|vej)\s+\d{1,4}[a-z]?\b" + _PLACE_TAIL,
    ),
    Rule(
        6,
        "ADDRESS",
        r"\b(?:Calle|Avenida|Avda\.|Plaza|Paseo|Carrer|Rua|Via|Viale|Piazza|Corso)\s+"
        r"(?:(?:de|del|la|las|los|da|do|dos|di|della)\s+|[A-Z][\w'-]+\s+){1,4},?\s*"
        r"(?:n\.?º?\s*)?\d{1,4}[a-zA-Z]?\b" + _PLACE_TAIL,
    ),
    Rule(6, "ADDRESS", r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\bP\.?O\.? Box \d+\b"),
    Rule(
        6,
        "ADDRESS",
        rf"(?:{_ADDR_CHAR}{{1,8}}?(?:省|自治区|市|区|县|镇|乡|街道|村))*"
        rf"(?:{_ADDR_CHAR}{{1,10}}?(?:大道|路|街|巷|弄|胡同|小区|花园|公寓|大厦)"
        rf"(?:[{_ZH_NUM}]+段)?(?:[{_ZH_NUM}]+(?:号院|号|弄))?"
        rf"|{_ADDR_CHAR}{{1,8}}?(?:省|自治区|市){_ADDR_CHAR}{{1,8}}?(?:市|区|县))"
        r"(?:[0-9A-Za-z一二三四五六七八九十]+(?:栋|幢|座|号楼|号院|院|单元|层|楼|室|号))*",
        chinese=True,
    ),
    Rule(6, "ADDRESS", f"(?:{ZH_PLACES})(?:省|市|自治区)?", chinese=True),
    Rule(6, "PERSON", rf"\b{_TITLE}[ \t]+{_EN_NAME}"),  # the corpus keeps the title in the name
    Rule(
        6,
        "PERSON",
        r"(?i:name is|name's|name:|the name|named|called|signed by|signed for by|regards,"
        r"|sincerely,|thanks,|contact:|contact person:?|recipient:?|addressee:?|courier|driver"
        rf"|agent|representative|account holder|holder|on behalf of)\s+({_EN_NAME})\b",
        1,
        keywords=(
            "name",
            "call",
            "sign",
            "regards",
            "sincerely",
            "thanks",
            "contact",
            "recipient",
            "addressee",
            "courier",
            "driver",
            "agent",
            "representative",
            "holder",
            "behalf",
        ),
    ),
    Rule(6, "PERSON", rf"\b(?:I am|I'm|this is|This is)\s+({_EN_FULL_NAME})\b", 1),
    Rule(
        6,
        "PERSON",
        r"(?:我叫|我是|名叫|叫做|收件人|收货人|联系人|寄件人|姓名|快递员|客服|店主|老板)"
        rf"[:：是为\s]*({_SURNAME}{_GIVEN}{{1,2}})",
        1,
        chinese=True,
    ),
    Rule(
        6,
        "PERSON",
        rf"{_SURNAME}(?:{_GIVEN}{{0,2}}(?:先生|女士|小姐|老师|师傅|经理|同学|阿姨|大哥|大姐|主任"
        r"|会计|律师|医生|店长|主管|教授)|某{1,2})",
        chinese=True,
    ),
)
