"""The platform registry: every platform by every name, its law, and what its addresses say."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from core.db import session
from core.models import Role
from sellers.models import NoticeRule, Platform, Seller
from sellers.services import find_platform, resolve_seller
from sellers.services.identity import url_ids
from tests.conftest import post_form, sign_in
from tests.factories import platform_id

# Each platform the issue names, by its English name, its Chinese name, an alias and a domain.
ALIASES = {
    "Taobao": ["淘宝", "淘宝网", "淘寶", "TAOBAO", "ｔａｏｂａｏ", "https://item.taobao.com/x"],
    "Tmall": ["天猫", "天貓", "tmall.hk"],
    "JD.com": ["京东", "京东商城", "JD", "jd.com"],
    "Pinduoduo": ["拼多多", "PDD", "yangkeduo.com"],
    "Temu": ["TEMU", "temu.com"],
    "Douyin": ["抖音", "抖店", "haohuo.jinritemai.com"],
    "Kuaishou": ["快手", "快手小店"],
    "Xianyu": ["闲鱼", "Goofish"],
    "Vipshop": ["唯品会", "vip.com"],
    "1688": ["1688.com", "阿里巴巴1688"],
    "AliExpress": ["速卖通", "全球速卖通", "Ali Express", "aliexpress.ru"],
    "Amazon": ["亚马逊", "Amazon.de", "Amazon UK", "amazon.co.jp", "www.amazon.com.au"],
    "eBay": ["易贝", "EBAY", "ebay.co.uk"],
    "Etsy": ["etsy", "etsy.com"],
    "Shopee": ["虾皮", "蝦皮", "shopee.tw"],
    "Lazada": ["Lazada", "lazada.co.th"],
    "Shein": ["SHEIN", "希音", "shein.com"],
    "Walmart": ["沃尔玛", "walmart.com"],
    "TikTok Shop": ["TikTok", "Tik Tok Shop", "shop.tiktok.com"],
    "Suning": ["苏宁", "苏宁易购"],
    "Dangdang": ["当当", "当当网"],
    "Dewu": ["得物", "Poizon"],
    "GitHub": ["github", "github.com", "someone.github.io"],
    "YouTube": ["油管", "youtu.be", "youtube.com"],
}


@pytest.mark.parametrize("platform", sorted(ALIASES))
def test_each_alias_resolves_to_its_platform(app: Flask, platform: str) -> None:
    with app.app_context():
        for alias in ALIASES[platform]:
            found = find_platform(alias)
            assert found is not None and found.name == platform, alias


def test_each_platform_has_one_row_a_jurisdiction_and_a_counter_notice_rule(app: Flask) -> None:
    with app.app_context():
        rows = session.scalars(select(Platform)).all()
        names = [row.name.casefold() for row in rows]
        assert len(names) == len(set(names))
        by_name = {row.name: row for row in rows}
        for name in ALIASES:
            assert by_name[name].country, name
        assert by_name["GitHub"].counter_notice_rule == NoticeRule.DMCA
        assert by_name["Taobao"].counter_notice_rule == NoticeRule.PRC
        assert by_name["Taobao"].name_zh == "淘宝"


def test_taobao_and_淘宝_are_one_seller_and_one_filter(app: Flask, client, make_seller, db) -> None:
    first = make_seller("杭州优品贸易有限公司", "淘宝")
    assert make_seller("杭州优品贸易有限公司", "Taobao") == first
    seller = db.get(Seller, first)
    assert seller.platform_id == platform_id(app, "Taobao")
    page = client.get("/sellers").get_data(as_text=True)
    assert page.count("淘宝") == 1
    assert (
        db.scalar(select(func.count()).select_from(Platform).where(Platform.name_zh == "淘宝")) == 1
    )


@pytest.mark.parametrize(
    ("platform", "url", "store", "listing"),
    [
        ("Taobao", "https://shop123456.taobao.com/?spm=a1", "123456", None),
        ("Taobao", "https://item.taobao.com/item.htm?spm=x&id=6543210", None, "6543210"),
        ("Tmall", "https://brightglasses.tmall.com/shop/view_shop.htm", "brightglasses", None),
        ("AliExpress", "https://www.aliexpress.com/store/1102345678", "1102345678", None),
        ("AliExpress", "https://aliexpress.com/item/100500123.html", None, "100500123"),
        ("JD.com", "https://mall.jd.com/index-1000001.html", "1000001", None),
        ("JD.com", "https://item.jd.com/100012043978.html", None, "100012043978"),
        ("Amazon", "https://www.amazon.de/sp?seller=A2DEMO7KQ1", "A2DEMO7KQ1", None),
        ("Amazon", "https://www.amazon.com/Some-Thing/dp/B08N5WRWNW/ref=x", None, "B08N5WRWNW"),
        ("eBay", "https://www.ebay.com/itm/1234567890", None, "1234567890"),
        ("Etsy", "https://www.etsy.com/shop/LunaCrafts", "LunaCrafts", None),
        ("Shopee", "https://shopee.sg/Some-Item-i.77777.88888", "77777", "88888"),
        ("GitHub", "https://github.com/someone/leaked-sdk", "someone", "leaked-sdk"),
        ("YouTube", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", None, "dQw4w9WgXcQ"),
        ("YouTube", "https://www.youtube.com/@SomeChannel", "SomeChannel", None),
    ],
)
def test_url_patterns_yield_store_and_listing_ids(
    app: Flask, platform: str, url: str, store: str | None, listing: str | None
) -> None:
    with app.app_context():
        found = find_platform(url)
        assert found is not None and found.name == platform
        assert url_ids(found.url_patterns, url) == (store, listing)


def test_a_store_url_gives_the_seller_its_platform_id(app: Flask, make_seller, db) -> None:
    first = make_seller("Bright Glasses", None, shop_url="https://shop123456.taobao.com/")
    seller = db.get(Seller, first)
    assert seller.platform_id == platform_id(app, "Taobao")
    assert seller.platform_seller_id == "123456"
    other_name = make_seller("光明眼镜", "淘宝", platform_seller_id="123456")
    assert other_name == first


def test_an_admin_adds_an_alias_and_it_resolves(app: Flask, client, make_user) -> None:
    sign_in(client, make_user(Role.ADMIN))
    taobao = platform_id(app, "Taobao")
    response = post_form(
        client,
        f"/admin/platforms/{taobao}",
        {
            "name": "Taobao",
            "name_zh": "淘宝",
            "aliases": "淘宝网\nTB Marketplace",
            "domains": "taobao.com",
            "country": "CN",
            "counter_notice_rule": "prc",
            "url_patterns": r"shop(?P<store>\d+)\.taobao\.com",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        found = find_platform("tb marketplace")
        assert found is not None and found.id == taobao
        assert resolve_seller("Shop", "https://shop42.taobao.com", None).platform_seller_id == "42"


def test_an_alias_of_another_platform_or_a_broken_pattern_is_refused(
    app: Flask, client, make_user
) -> None:
    sign_in(client, make_user(Role.ADMIN))
    taobao = platform_id(app, "Taobao")
    base = {"name": "Taobao", "domains": "taobao.com", "counter_notice_rule": "prc"}
    response = post_form(client, f"/admin/platforms/{taobao}", {**base, "aliases": "天猫"})
    assert response.status_code == 400
    assert "天猫 already names the platform Tmall" in response.get_data(as_text=True)
    response = post_form(
        client, f"/admin/platforms/{taobao}", {**base, "url_patterns": "shop(\\d+"}
    )
    assert response.status_code == 400
    assert "This URL pattern cannot be used" in response.get_data(as_text=True)
    with app.app_context():
        assert find_platform("天猫").name == "Tmall"


def _pick_list(page: str) -> dict[str, str | None]:
    """The platform names a page offers (the datalist the platform fields name), with labels."""
    assert 'list="platform-names"' in page  # the field uses it
    options = page.split('<datalist id="platform-names">', 1)[1].split("</datalist>", 1)[0]
    picks = {}
    for option in options.split("<option ")[1:]:
        value = option.split('value="', 1)[1].split('"', 1)[0]
        picks[value] = (
            option.split('label="', 1)[1].split('"', 1)[0] if "label=" in option else None
        )
    return picks


def test_the_complaint_form_offers_every_platform_in_both_languages(client) -> None:
    client.post("/language", data={"language": "zh"})
    picks = _pick_list(client.get("/complaints/new").text)
    assert picks["淘宝"] == "Taobao" and picks["Taobao"] == "淘宝"
    assert picks["Etsy"] is None and "GitHub" in picks
