"""Names of marketplaces and shopping sites, for the PLATFORM rule."""

PLATFORMS: tuple[str, ...] = (
    "Amazon", "AliExpress", "Alibaba", "Temu", "Shein", "SHEIN", "eBay", "Etsy", "Lazada",
    "Shopee", "Mercado Libre", "MercadoLibre", "Rakuten", "Walmart", "Zalando", "Allegro",
    "Jumia", "Coupang", "Flipkart", "Ozon", "Wildberries", "Joom", "Banggood", "DHgate",
    "Gearbest", "Trendyol", "Cdiscount", "Kaufland", "TikTok Shop", "TikTok",
    "Facebook Marketplace", "Vinted", "Depop", "Poshmark", "Mercari", "Wayfair", "Newegg",
    "Tokopedia", "Bukalapak", "Tmall", "Taobao", "JD.com", "Pinduoduo", "Douyin", "Kuaishou",
    "Xianyu", "Vipshop", "Suning", "Xiaohongshu", "Best Buy", "Bol.com", "Fnac", "Otto", "Noon",
    "Wish", "Qoo10", "Zulily", "StockX", "Farfetch", "ASOS", "Alibaba.com", "Myntra",
    "Takealot", "Chrono24", "iHerb", "Meesho", "Uber Eats", "Amazon Prime", "Booking.com",
    "Konga", "OLX", "Back Market", "Redbubble", "Gumroad", "Chewy", "Shopify", "Instagram",
    "Facebook", "WhatsApp", "Telegram", "PayPal", "Google Play", "App Store", "Airbnb",
    "Currys", "Argos", "Costco", "Target", "Nykaa", "Ajio", "Snapdeal", "Hepsiburada", "Avito",
    "Kaspi", "Falabella", "Americanas", "Magalu", "Blibli", "Shopee Mall", "LazMall",
    "Cash App", "GCash", "Zelle", "ThemeForest", "Trustpilot", "Gitee", "GitHub", "amazon.com",
    "amazon.co.uk", "amazon.de", "walmart.com", "ebay.com", "aliexpress.com", "temu.com",
    "shein.com", "etsy.com", "taobao.com", "tmall.com", "淘宝", "淘宝网", "天猫", "天猫国际",
    "天猫超市", "京东", "京东商城", "京东国际", "京东自营", "拼多多", "抖音", "抖音商城",
    "快手", "闲鱼", "唯品会", "苏宁", "苏宁易购", "小红书", "得物", "考拉", "网易考拉",
    "考拉海购", "当当", "当当网", "亚马逊", "速卖通", "阿里巴巴", "1688", "微店", "蘑菇街",
    "聚美优品", "国美", "希音", "美团", "饿了么", "有赞", "洋码头", "西瓜视频", "支付宝",
    "花呗", "携程", "B站", "某宝", "乐天", "微信", "淘特", "京喜", "盒马", "飞猪", "大众点评",
)
# Ordinary words too: only matched with their capital letter ("I wish" is not a platform).
CASE_SENSITIVE: frozenset[str] = frozenset(
    {"Wish", "Otto", "Noon", "Ozon", "Joom", "Fnac", "Target", "Facebook", "Chewy", "Konga"}
)
