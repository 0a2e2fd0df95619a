"""resolve_seller finds the seller a case is about, within its platform, or creates one."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from core.db import session
from sellers.models import Seller, SellerAlias
from sellers.services import SellerError, merge_sellers, resolve_seller, save_seller
from tests.factories import platform_id


def count_sellers(db) -> int:
    return db.scalar(select(func.count()).select_from(Seller))


def test_two_spellings_and_then_the_chinese_name_resolve_to_one_seller(
    app: Flask, make_seller, db
) -> None:
    first = make_seller("Shenzhen ABC Technology Co., Ltd.", "AliExpress")
    assert make_seller("SHENZHEN ABC TECHNOLOGY CO LTD", "AliExpress") == first
    assert count_sellers(db) == 1
    with app.app_context():  # an officer adds the platform seller id
        seller = session.get_one(Seller, first)
        save_seller(
            seller,
            name=seller.name,
            platform_id=seller.platform_id,
            platform_seller_id="2201234567",
        )
        session.commit()
    chinese = make_seller("深圳ABC科技有限公司", "AliExpress", platform_seller_id="2201234567")
    assert chinese == first
    assert count_sellers(db) == 1
    aliases = set(db.scalars(select(SellerAlias.name).where(SellerAlias.seller_id == first)))
    assert aliases == {"SHENZHEN ABC TECHNOLOGY CO LTD", "深圳ABC科技有限公司"}


def test_similar_names_on_different_platforms_stay_apart(make_seller) -> None:
    on_aliexpress = make_seller("Shenzhen ABC Technology Co., Ltd.", "AliExpress")
    on_temu = make_seller("Shenzhen ABC Technology Co., Ltd.", "Temu")
    on_amazon = make_seller("Shenzhen ABC Technologies Ltd", "Amazon")
    assert len({on_aliexpress, on_temu, on_amazon}) == 3


def test_a_shop_url_or_platform_id_wins_over_a_different_name(make_seller) -> None:
    seller = make_seller(
        "Bright Store",
        "AliExpress",
        shop_url="https://www.aliexpress.com/store/42",
        platform_seller_id="42",
    )
    assert (
        make_seller(
            "Totally Other Name", "AliExpress", shop_url="http://aliexpress.com/store/42/?spm=x"
        )
        == seller
    )
    assert make_seller("Another Name", "AliExpress", platform_seller_id="42") == seller


def test_a_similar_name_is_a_candidate_never_the_same_seller(make_seller, db) -> None:
    original = make_seller("Shenzhen ABC Technology Co., Ltd.", "AliExpress")
    close = make_seller("Shenzhen ABC Technologies Co Ltd", "AliExpress")
    assert close != original
    flagged = db.get(Seller, close)
    assert flagged.possible_duplicate_of_id == original and flagged.duplicate_score >= 90
    looser = db.get(Seller, make_seller("Shenzhen ABC Tech Trading", "AliExpress"))
    assert looser.possible_duplicate_of_id == original and 75 <= looser.duplicate_score < 90
    unrelated = db.get(Seller, make_seller("Guangzhou Lucky Toys", "AliExpress"))
    assert unrelated.possible_duplicate_of_id is None


@pytest.mark.parametrize(
    ("platform", "names"),
    [
        ("AliExpress", ["Shop1102345678 Store", "Shop1102345679 Store", "Shop1102345670 Store"]),
        ("Shein", [f"SHEIN partner {n}" for n in range(1, 13)]),
        ("Temu", ["Best Deals Shop", "Best Meals Shop"]),
        ("Tmall", ["深圳市光明眼镜旗舰店", "深圳市光明眼镜专卖店", "深圳市光明眼镜专营店"]),
    ],
)
def test_near_names_from_the_issue_stay_distinct_sellers(
    make_seller, db, platform: str, names: list[str]
) -> None:
    ids = [make_seller(name, platform) for name in names]
    assert len(set(ids)) == len(names)
    assert make_seller(names[0].upper(), platform) == ids[0]  # the same name, once more


def test_the_exact_name_in_another_width_or_legal_form_is_the_same_seller(make_seller) -> None:
    first = make_seller("深圳市光明眼镜有限公司", "淘宝")
    assert make_seller("深圳市光明眼镜", "Taobao") == first
    assert make_seller("ＢＥＳＴ ＤＥＡＬＳ Ｓｈｏｐ", "Temu") == make_seller(
        "Best Deals Shop", "Temu"
    )


def test_different_platform_ids_are_different_sellers_however_alike_the_names(
    make_seller,
) -> None:
    first = make_seller("Happy Gadgets", "Amazon", platform_seller_id="A1")
    assert make_seller("Happy Gadgets", "Amazon", platform_seller_id="A2") != first


def test_platform_given_by_name_or_domain(app: Flask, make_seller, db) -> None:
    seller = db.get(Seller, make_seller("Store One", "https://www.temu.com/x.html"))
    assert seller.platform_id == platform_id(app, "Temu")
    assert db.get(Seller, make_seller("Store Two", "aliexpress")).platform_id == platform_id(
        app, "AliExpress"
    )
    assert db.get(Seller, make_seller("Store Three", "Nowhere Market")).platform_id is None


def test_nothing_to_go_by_is_refused(app: Flask, db) -> None:
    with app.app_context():
        try:
            resolve_seller("  ", None, "AliExpress", None)
        except SellerError as error:
            assert "name" in str(error)
        else:
            raise AssertionError("resolved a seller from nothing")
    assert count_sellers(db) == 0


def test_resolution_follows_a_merge(app: Flask, make_seller) -> None:
    survivor = make_seller("North Star Trading", "Amazon", platform_seller_id="N1")
    merged = make_seller("Polaris Goods", "Amazon", platform_seller_id="P1")
    with app.app_context():
        merge_sellers(session.get_one(Seller, merged), session.get_one(Seller, survivor), None)
        session.commit()
    assert make_seller("Polaris Goods", "Amazon", platform_seller_id="P1") == survivor
