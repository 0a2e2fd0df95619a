"""Names, shop URLs and unified social credit codes reduced to what identifies a seller."""

from __future__ import annotations

import pytest

from sellers.services.identity import (
    USCC_ALPHABET,
    is_valid_uscc,
    looks_like_person,
    name_key,
    name_similarity,
    shop_url_key,
    uscc_check_character,
)


@pytest.mark.parametrize(
    "name",
    [
        "Shenzhen ABC Technology Co., Ltd.",
        "SHENZHEN ABC TECHNOLOGY CO LTD",
        "Ｓｈｅｎｚｈｅｎ　ＡＢＣ　Ｔｅｃｈｎｏｌｏｇｙ Co.,Ltd",
        "shenzhen-abc technology limited",
        "Shenzhen ABC Technology Inc.",
    ],
)
def test_spellings_of_one_company_share_a_key(name: str) -> None:
    assert name_key(name) == "shenzhen abc technology"


def test_chinese_legal_suffixes_go_and_shop_labels_stay_apart() -> None:
    assert name_key("深圳ABC科技有限公司") == "深圳 abc 科技"
    assert name_key("ABC旗舰店") == name_key("ＡＢＣ 旗舰店") == "abc 旗舰店"
    assert name_key("深圳市光明眼镜旗舰店") != name_key("深圳市光明眼镜专卖店")
    assert name_key("Brightline Audio GmbH") == "brightline audio"


def test_a_legal_word_inside_a_name_stays() -> None:
    assert name_key("AG Audio Shop LLC") == "ag audio shop"
    assert name_key("Co.") == "co"  # nothing else to go by


def test_similar_names_score_high_and_different_ones_low() -> None:
    assert name_similarity("shenzhen abc technology", "shenzhen abc technologies") > 90
    assert name_similarity("shenzhen abc technology", "guangzhou xyz trading") < 50


def test_shop_urls_compare_without_scheme_www_query_or_slash() -> None:
    assert (
        shop_url_key("HTTPS://www.AliExpress.com/store/12345/?spm=1#top")
        == shop_url_key("aliexpress.com/store/12345")
        == "aliexpress.com/store/12345"
    )
    assert shop_url_key("  ") is None and shop_url_key(None) is None


# Published codes of real companies. Worked example for the first: the weighted sum of its
# first 17 characters (weights 3^i mod 31) is 831; 831 mod 31 = 25; 31 - 25 = 6, its last digit.
KNOWN_VALID = ["914403001922038216", "91350100M000100Y43", "91110000802100433B"]


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_real_unified_social_credit_codes_are_valid(code: str) -> None:
    assert is_valid_uscc(code)
    assert is_valid_uscc(code.lower()) and is_valid_uscc(f"{code[:9]} {code[9:]}")


def test_every_wrong_check_character_is_refused() -> None:
    code = KNOWN_VALID[0]
    for char in USCC_ALPHABET:
        assert is_valid_uscc(code[:17] + char) is (char == code[17])


@pytest.mark.parametrize(
    "code",
    [
        "",
        "91440300192203821",
        "9144030019220382166",
        "91440300I922038216",  # I is not used
        "9144030O1922038216",
        "91440A001922038216",  # region code must be digits
    ],
)
def test_malformed_codes_are_refused(code: str) -> None:
    assert not is_valid_uscc(code)


def test_check_character_of_a_built_code() -> None:
    first = "91310000MA1FL0000"
    assert is_valid_uscc(first + uscc_check_character(first))


@pytest.mark.parametrize("name", ["Maria Lopez", "John A. Smith", "张伟", "李娜", "王小明"])
def test_a_private_persons_name_is_read_as_one(name: str) -> None:
    assert looks_like_person(name)


@pytest.mark.parametrize(
    "name",
    [
        "Best Deals Shop",
        "Fresh Fakes",
        "Maria Lopez Trading",
        "杭州优品贸易有限公司",
        "深圳市光明眼镜旗舰店",
    ],
)
def test_a_trade_name_is_not(name: str) -> None:
    assert not looks_like_person(name)
