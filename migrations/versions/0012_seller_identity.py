"""sellers: platforms in every language, their law and URL patterns; sellers shown once decided

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRC, DMCA = "prc", "dmca"
AMAZON_DOMAINS = [
    "amazon.com",
    "amazon.de",
    "amazon.co.uk",
    "amazon.fr",
    "amazon.it",
    "amazon.es",
    "amazon.nl",
    "amazon.co.jp",
    "amazon.cn",
    "amazon.ca",
    "amazon.com.au",
    "amazon.in",
    "amazon.com.mx",
    "amazon.com.br",
    "amazon.sg",
    "amazon.ae",
    "amazon.sa",
    "amazon.se",
    "amazon.pl",
    "amazon.com.tr",
    "amazon.com.be",
]
_TAOBAO_ITEM = (
    r"(?:^|\.)(?:item\.taobao|detail\.tmall)\.[a-z.]+/item\.htm\?(?:.*&)?id=(?P<listing>\d+)"
)

# Reference data: every platform the intake forms offer, by every name people use for it. Each
# entry: name, Chinese name, aliases, domains, country (its jurisdiction), default counter-notice
# rule, notice form, URL patterns (named groups `store` and `listing`). Admins edit them later.
PLATFORMS: tuple[dict[str, Any], ...] = (
    {
        "name": "AliExpress",
        "name_zh": "速卖通",
        "aliases": ["全球速卖通", "Ali Express", "AliExpress.com"],
        "domains": ["aliexpress.com", "aliexpress.us", "aliexpress.ru"],
        "country": "CN",
        "rule": PRC,
        "contact_url": "https://ipp.alibabagroup.com/",
        "url_patterns": [
            r"aliexpress\.[a-z.]+/store/(?:[a-z-]+/)?(?P<store>\d+)",
            r"aliexpress\.[a-z.]+/item/(?P<listing>\d+)\.html",
        ],
    },
    {
        "name": "Alibaba.com",
        "name_zh": "阿里巴巴国际站",
        "aliases": ["Alibaba", "阿里巴巴"],
        "domains": ["alibaba.com"],
        "country": "CN",
        "rule": PRC,
        "contact_url": "https://ipp.alibabagroup.com/",
        "url_patterns": [r"alibaba\.com/product-detail/[^?#]*_(?P<listing>\d+)\.html"],
    },
    {
        "name": "Taobao",
        "name_zh": "淘宝",
        "aliases": ["淘宝网", "淘寶", "淘寶網", "手机淘宝", "Taobao.com"],
        "domains": ["taobao.com", "world.taobao.com", "tb.cn"],
        "country": "CN",
        "rule": PRC,
        "contact_url": "https://ipp.alibabagroup.com/",
        "url_patterns": [r"(?:^|\.)shop(?P<store>\d+)\.taobao\.com", _TAOBAO_ITEM],
    },
    {
        "name": "Tmall",
        "name_zh": "天猫",
        "aliases": ["天貓", "天猫商城", "淘宝商城", "Tmall.com", "Tmall Global", "天猫国际"],
        "domains": ["tmall.com", "tmall.hk"],
        "country": "CN",
        "rule": PRC,
        "contact_url": "https://ipp.alibabagroup.com/",
        "url_patterns": [
            r"^(?!detail\.|list\.|www\.|m\.)(?P<store>[a-z0-9-]+)\.tmall\.(?:com|hk)",
            _TAOBAO_ITEM,
        ],
    },
    {
        "name": "JD.com",
        "name_zh": "京东",
        "aliases": ["京東", "京东商城", "京东国际", "JD", "Jingdong"],
        "domains": ["jd.com", "jd.hk", "3.cn"],
        "country": "CN",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [
            r"mall\.jd\.[a-z]+/index-(?P<store>\d+)\.html",
            r"shop\.jd\.[a-z]+/index-(?P<store>\d+)\.html",
            r"item\.jd\.[a-z]+/(?P<listing>\d+)\.html",
        ],
    },
    {
        "name": "Pinduoduo",
        "name_zh": "拼多多",
        "aliases": ["PDD", "拼夕夕"],
        "domains": ["pinduoduo.com", "yangkeduo.com"],
        "country": "CN",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [r"[?&]mall_id=(?P<store>\d+)", r"[?&]goods_id=(?P<listing>\d+)"],
    },
    {
        "name": "Temu",
        "name_zh": None,
        "aliases": ["Temu.com", "拼多多海外版"],
        "domains": ["temu.com"],
        "country": "IE",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [r"[?&]mall_id=(?P<store>\d+)", r"-g-(?P<listing>\d+)\.html"],
    },
    {
        "name": "Douyin",
        "name_zh": "抖音",
        "aliases": ["抖音电商", "抖店", "抖音商城"],
        "domains": ["douyin.com", "jinritemai.com"],
        "country": "CN",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [
            r"jinritemai\.com/.*[?&]shop_id=(?P<store>\w+)",
            r"jinritemai\.com/.*[?&]id=(?P<listing>\d+)",
        ],
    },
    {
        "name": "Kuaishou",
        "name_zh": "快手",
        "aliases": ["快手小店", "快手电商", "Kwai"],
        "domains": ["kuaishou.com", "gifshow.com", "kwaixiaodian.com"],
        "country": "CN",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [r"kuaishou\.com/profile/(?P<store>[\w-]+)"],
    },
    {
        "name": "Xianyu",
        "name_zh": "闲鱼",
        "aliases": ["閒魚", "咸鱼", "闲鱼网", "Goofish", "Idle Fish"],
        "domains": ["goofish.com", "2.taobao.com"],
        "country": "CN",
        "rule": PRC,
        "contact_url": "https://ipp.alibabagroup.com/",
        "url_patterns": [r"goofish\.com/item\?(?:.*&)?id=(?P<listing>\d+)"],
    },
    {
        "name": "Vipshop",
        "name_zh": "唯品会",
        "aliases": ["唯品會", "VIP.com", "唯品"],
        "domains": ["vip.com", "vipshop.com"],
        "country": "CN",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [r"detail\.vip\.com/detail-(?P<store>\d+)-(?P<listing>\d+)\.html"],
    },
    {
        "name": "1688",
        "name_zh": None,
        "aliases": ["1688.com", "阿里巴巴1688", "阿里1688"],
        "domains": ["1688.com"],
        "country": "CN",
        "rule": PRC,
        "contact_url": "https://ipp.alibabagroup.com/",
        "url_patterns": [
            r"detail\.1688\.com/offer/(?P<listing>\d+)\.html",
            r"^(?!detail\.|www\.|s\.|m\.)(?P<store>[a-z0-9-]+)\.1688\.com",
        ],
    },
    {
        "name": "Amazon",
        "name_zh": "亚马逊",
        "aliases": [
            "亞馬遜",
            "亚马逊中国",
            "Amazon.com",
            "Amazon US",
            "Amazon UK",
            "Amazon.co.uk",
            "Amazon.de",
            "Amazon Germany",
            "Amazon.fr",
            "Amazon.co.jp",
            "Amazon Japan",
            "Amazon.ca",
            "Amazon.in",
            "Amazon Marketplace",
        ],
        "domains": AMAZON_DOMAINS,
        "country": "US",
        "rule": DMCA,
        "contact_url": "https://www.amazon.com/report/infringement",
        "url_patterns": [
            r"amazon\.[a-z.]+/.*[?&]seller=(?P<store>[A-Z0-9]+)",
            r"amazon\.[a-z.]+/(?:.*/)?(?:dp|gp/product)/(?P<listing>[A-Z0-9]{10})",
        ],
    },
    {
        "name": "eBay",
        "name_zh": "易贝",
        "aliases": ["亿贝", "eBay.com", "eBay.de", "eBay UK"],
        "domains": [
            "ebay.com",
            "ebay.de",
            "ebay.co.uk",
            "ebay.fr",
            "ebay.it",
            "ebay.es",
            "ebay.ca",
            "ebay.com.au",
        ],
        "country": "US",
        "rule": DMCA,
        "contact_url": "https://www.ebay.com/help/policies/listing-policies/vero",
        "url_patterns": [
            r"ebay\.[a-z.]+/(?:usr|str)/(?P<store>[^/?#]+)",
            r"ebay\.[a-z.]+/itm/(?:[^/?#]+/)?(?P<listing>\d+)",
        ],
    },
    {
        "name": "Etsy",
        "name_zh": None,
        "aliases": ["Etsy.com"],
        "domains": ["etsy.com"],
        "country": "US",
        "rule": DMCA,
        "contact_url": "https://www.etsy.com/legal/ip/report",
        "url_patterns": [
            r"etsy\.com/(?:[a-z-]+/)?shop/(?P<store>[^/?#]+)",
            r"etsy\.com/(?:[a-z-]+/)?listing/(?P<listing>\d+)",
        ],
    },
    {
        "name": "Wish",
        "name_zh": None,
        "aliases": ["Wish.com"],
        "domains": ["wish.com"],
        "country": "US",
        "rule": DMCA,
        "contact_url": None,
        "url_patterns": [r"wish\.com/(?:[a-z-]+/)?product/(?P<listing>\w+)"],
    },
    {
        "name": "Shopee",
        "name_zh": "虾皮",
        "aliases": ["蝦皮", "虾皮购物", "蝦皮購物", "Shopee Mall"],
        "domains": [
            "shopee.com",
            "shopee.sg",
            "shopee.com.my",
            "shopee.tw",
            "shopee.co.th",
            "shopee.ph",
            "shopee.vn",
            "shopee.co.id",
            "shopee.com.br",
        ],
        "country": "SG",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [
            r"shopee\.[a-z.]+/.*-i\.(?P<store>\d+)\.(?P<listing>\d+)",
            r"shopee\.[a-z.]+/product/(?P<store>\d+)/(?P<listing>\d+)",
            r"shopee\.[a-z.]+/shop/(?P<store>\d+)",
        ],
    },
    {
        "name": "Lazada",
        "name_zh": "来赞达",
        "aliases": ["Lazada.com"],
        "domains": [
            "lazada.com",
            "lazada.sg",
            "lazada.com.my",
            "lazada.co.th",
            "lazada.com.ph",
            "lazada.vn",
            "lazada.co.id",
        ],
        "country": "SG",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [
            r"lazada\.[a-z.]+/shop/(?P<store>[^/?#]+)",
            r"lazada\.[a-z.]+/products/[^?#]*-i(?P<listing>\d+)",
        ],
    },
    {
        "name": "Shein",
        "name_zh": "希音",
        "aliases": ["SHEIN", "SHEIN.com"],
        "domains": ["shein.com"],
        "country": "SG",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [r"[?&]store_code=(?P<store>\d+)", r"-p-(?P<listing>\d+)"],
    },
    {
        "name": "Walmart",
        "name_zh": "沃尔玛",
        "aliases": ["沃爾瑪", "Walmart.com", "Walmart Marketplace"],
        "domains": ["walmart.com", "walmart.ca"],
        "country": "US",
        "rule": DMCA,
        "contact_url": "https://secure.walmart.com/reportinfringement",
        "url_patterns": [
            r"walmart\.[a-z.]+/seller/(?P<store>\d+)",
            r"walmart\.[a-z.]+/ip/(?:[^/?#]+/)?(?P<listing>\d+)",
        ],
    },
    {
        "name": "TikTok Shop",
        "name_zh": None,
        "aliases": ["TikTok", "TikTokShop", "TikTok商城", "Tik Tok Shop"],
        "domains": ["tiktok.com", "shop.tiktok.com"],
        "country": "SG",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [
            r"tiktok\.com/@(?P<store>[^/?#]+)",
            r"tiktok\.com/(?:view/)?product/(?P<listing>\d+)",
        ],
    },
    {
        "name": "Suning",
        "name_zh": "苏宁",
        "aliases": ["苏宁易购", "蘇寧", "蘇寧易購", "Suning.com"],
        "domains": ["suning.com"],
        "country": "CN",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [r"product\.suning\.com/(?P<store>\d+)/(?P<listing>\d+)\.html"],
    },
    {
        "name": "Dangdang",
        "name_zh": "当当",
        "aliases": ["当当网", "噹噹", "噹噹網", "Dangdang.com"],
        "domains": ["dangdang.com"],
        "country": "CN",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [
            r"shop\.dangdang\.com/(?P<store>\d+)",
            r"product\.dangdang\.com/(?P<listing>\d+)\.html",
        ],
    },
    {
        "name": "Dewu",
        "name_zh": "得物",
        "aliases": ["得物App", "Poizon", "毒App"],
        "domains": ["dewu.com", "poizon.com"],
        "country": "CN",
        "rule": PRC,
        "contact_url": None,
        "url_patterns": [r"[?&]spuId=(?P<listing>\d+)"],
    },
    {
        "name": "GitHub",
        "name_zh": None,
        "aliases": ["Github.com", "GitHub Pages"],
        "domains": ["github.com", "github.io", "githubusercontent.com"],
        "country": "US",
        "rule": DMCA,
        "contact_url": "https://support.github.com/contact/dmca-takedown",
        "url_patterns": [
            r"^github\.com/(?P<store>[^/?#]+)(?:/(?P<listing>[^/?#]+))?",
            r"^(?P<store>[a-z0-9-]+)\.github\.io",
        ],
    },
    {
        "name": "YouTube",
        "name_zh": "油管",
        "aliases": ["优兔", "Youtube.com", "YT"],
        "domains": ["youtube.com", "youtu.be"],
        "country": "US",
        "rule": DMCA,
        "contact_url": "https://support.google.com/youtube/answer/2807622",
        "url_patterns": [
            r"youtube\.com/(?:@|channel/|c/|user/)(?P<store>[^/?#]+)",
            r"youtube\.com/(?:watch\?(?:.*&)?v=|shorts/)(?P<listing>[\w-]+)",
            r"youtu\.be/(?P<listing>[\w-]+)",
        ],
    },
)


def upgrade() -> None:
    with op.batch_alter_table("platforms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_zh", sa.String(length=80), nullable=True))
        batch_op.add_column(
            sa.Column("aliases", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column(
                "counter_notice_rule",
                sa.Enum("prc", "dmca", name="noticerule", native_enum=False, length=8),
                nullable=False,
                server_default="prc",
            )
        )
        batch_op.add_column(
            sa.Column("url_patterns", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table("sellers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("public_since", core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("name_is_person", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("credit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moved_from_id", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_credit_events_moved_from_id"), ["moved_from_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_credit_events_moved_from_id_credit_events"),
            "credit_events",
            ["moved_from_id"],
            ["id"],
        )
    _seed_platforms()
    _publish_decided_sellers()


def downgrade() -> None:
    with op.batch_alter_table("credit_events", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_credit_events_moved_from_id_credit_events"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_credit_events_moved_from_id"), type_="unique")
        batch_op.drop_column("moved_from_id")
    with op.batch_alter_table("sellers", schema=None) as batch_op:
        batch_op.drop_column("name_is_person")
        batch_op.drop_column("public_since")
    with op.batch_alter_table("platforms", schema=None) as batch_op:
        batch_op.drop_column("url_patterns")
        batch_op.drop_column("counter_notice_rule")
        batch_op.drop_column("aliases")
        batch_op.drop_column("name_zh")


def _seed_platforms() -> None:
    platforms = sa.table(
        "platforms",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("name_zh", sa.String),
        sa.column("aliases", sa.JSON),
        sa.column("domains", sa.JSON),
        sa.column("country", sa.String),
        sa.column("counter_notice_rule", sa.String),
        sa.column("contact_url", sa.String),
        sa.column("url_patterns", sa.JSON),
        sa.column("created_at", core.db.UTCDateTime(timezone=True)),
    )
    connection = op.get_bind()
    existing = {
        name.casefold(): (id_, domains, url)
        for id_, name, domains, url in connection.execute(
            sa.select(
                platforms.c.id, platforms.c.name, platforms.c.domains, platforms.c.contact_url
            )
        )
    }
    seeded_at = datetime(2026, 12, 4, tzinfo=UTC)
    for entry in PLATFORMS:
        values = {
            "name_zh": entry["name_zh"],
            "aliases": entry["aliases"],
            "counter_notice_rule": entry["rule"],
            "url_patterns": entry["url_patterns"],
        }
        found = existing.get(entry["name"].casefold())
        if found is None:
            connection.execute(
                platforms.insert().values(
                    name=entry["name"],
                    domains=entry["domains"],
                    country=entry["country"],
                    contact_url=entry["contact_url"],
                    created_at=seeded_at,
                    **values,
                )
            )
            continue
        id_, domains, url = found  # an admin's domains and notice form are kept, and added to
        merged = list(domains or []) + [d for d in entry["domains"] if d not in (domains or [])]
        connection.execute(
            platforms.update()
            .where(platforms.c.id == id_)
            .values(domains=merged, contact_url=url or entry["contact_url"], **values)
        )


def _publish_decided_sellers() -> None:
    """Sellers with a credit event (a decided case) or a confirmed account stay public; the name
    keys are recomputed, since shop labels (旗舰店, Store) now tell shops apart."""
    from sellers.services.identity import looks_like_person, name_key  # pure functions

    sellers = sa.table(
        "sellers",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("name_key", sa.String),
        sa.column("account_id", sa.Integer),
        sa.column("public_since", core.db.UTCDateTime(timezone=True)),
        sa.column("name_is_person", sa.Boolean),
    )
    aliases = sa.table(
        "seller_aliases",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("name_key", sa.String),
    )
    events = sa.table("credit_events", sa.column("seller_id", sa.Integer))
    connection = op.get_bind()
    decided = set(connection.scalars(sa.select(events.c.seller_id).distinct()))
    published_at = datetime(2026, 12, 4, tzinfo=UTC)
    for id_, name, account_id in connection.execute(
        sa.select(sellers.c.id, sellers.c.name, sellers.c.account_id)
    ):
        connection.execute(
            sellers.update()
            .where(sellers.c.id == id_)
            .values(
                name_key=name_key(name)[:200],
                name_is_person=looks_like_person(name),
                public_since=published_at if id_ in decided or account_id else None,
            )
        )
    for id_, name in connection.execute(sa.select(aliases.c.id, aliases.c.name)):
        connection.execute(
            aliases.update().where(aliases.c.id == id_).values(name_key=name_key(name)[:200])
        )
