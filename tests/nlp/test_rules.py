import itertools

import pytest

from nlp.rules import find_entities, resolve

CASES = [
    ("PLATFORM", "Bought it on AliExpress last week", "AliExpress"),
    ("PLATFORM", "在拼多多买的", "拼多多"),
    ("PLATFORM", "Mercado Libre never refunded me", "Mercado Libre"),
    ("ORDER_ID", "order 112-4455667-8899001 is missing", "112-4455667-8899001"),
    ("ORDER_ID", "订单号123456789012345678一直没发货", "123456789012345678"),
    ("ORDER_ID", "About order #GX-40018823 placed in May", "#GX-40018823"),
    ("TRACKING_ID", "tracking LP00123456789CN stuck", "LP00123456789CN"),
    ("TRACKING_ID", "快递单号SF1234567890没有更新", "SF1234567890"),
    ("TRACKING_ID", "UPS 1Z999AA10123456784 returned", "1Z999AA10123456784"),
    ("MONEY", "I paid $49.99 for it", "$49.99"),
    ("MONEY", "花了299元买的", "299元"),
    ("MONEY", "they want EUR 20 more", "EUR 20"),
    ("MONEY", "charged ¥1,299, twice", "¥1,299"),
    ("DATE", "ordered on 2026-10-02 and", "2026-10-02"),
    ("DATE", "since March 3 nothing", "March 3"),
    ("DATE", "上周买的", "上周"),
    ("DATE", "10月2日下单", "10月2日"),
    (
        "URL",
        "see https://shop.example.com/item/123.html.",
        "https://shop.example.com/item/123.html",
    ),
    ("EMAIL", "write to maria.lopez@example.com.", "maria.lopez@example.com"),
    ("PHONE", "call +44 20 7946 0958 today", "+44 20 7946 0958"),
    ("PHONE", "电话13812345678", "13812345678"),
    ("PHONE", "call (555) 123-4567", "(555) 123-4567"),
    ("PERSON", "Hello, Mr. John Smith here", "Mr. John Smith"),
    ("PERSON", "Regards, Marek Wiśniewski\nHead of Sales", "Marek Wiśniewski"),
    ("PERSON", "联系人郑女士，邮箱", "郑女士"),
    ("PERSON", "my name is Maria Lopez and", "Maria Lopez"),
    ("PERSON", "收件人张伟，电话", "张伟"),
    ("ADDRESS", "send it to 12 Rue de la Paix, Paris", "12 Rue de la Paix, Paris"),
    ("ADDRESS", "at Flat 3, 17 Elm Road, Leeds LS6 2HB", "Flat 3, 17 Elm Road, Leeds LS6 2HB"),
    ("ADDRESS", "物流显示到了苏州的驿站", "苏州"),
    ("ADDRESS", "I live at 221 Baker Street.", "221 Baker Street"),
    ("ADDRESS", "地址：北京市朝阳区建国路88号，", "北京市朝阳区建国路88号"),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES)
def test_rules_find_entities_with_exact_offsets(label: str, text: str, expected: str) -> None:
    found = [(f.label, text[f.start : f.end]) for f in resolve(find_entities(text))]
    assert (label, expected) in found


@pytest.mark.parametrize(
    "text",
    [
        "I wish the seller had answered",
        "my router broke",
        "这个路由器质量很差",
        "it may work",
    ],
)
def test_rules_do_not_fire_on_ordinary_words(text: str) -> None:
    # A router is goods (the PRODUCT net may name it), never an address, a name or an amount.
    assert [f for f in resolve(find_entities(text)) if f.label != "PRODUCT"] == []


def test_a_handle_is_not_a_platform() -> None:
    assert not [f for f in find_entities("@Shopee_PH please answer") if f.label == "PLATFORM"]


def test_resolve_keeps_entities_apart_and_sorted() -> None:
    text = "Order 112-4455667-8899001 from Temu cost $12 on 2026-10-02, call 555-123-4567"
    kept = resolve(find_entities(text))
    assert [f.start for f in kept] == sorted(f.start for f in kept)
    assert all(a.end <= b.start for a, b in itertools.pairwise(kept))
    labels = {f.label for f in kept}
    assert {"ORDER_ID", "PLATFORM", "MONEY", "DATE", "PHONE"} <= labels
