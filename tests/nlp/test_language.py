import pytest

from nlp.language import detect


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My parcel from Temu never arrived and the seller does not answer.", "en"),
        ("在拼多多买的耳机用了两天就坏了，商家不给退款。", "zh"),
        ("我在Amazon买的耳机坏了", "zh"),
        ("I bought 耳机 on Amazon but it broke after a week", "en"),
        ("Мой заказ не пришёл, продавец не отвечает", "other"),
        ("El pedido no llegó y el vendedor no responde a mis mensajes", "other"),
        ("Das Paket ist nicht angekommen und der Verkäufer antwortet nicht", "other"),
        ("طلبي لم يصل بعد", "other"),
        ("", "other"),
        ("😡😡😡", "other"),
    ],
)
def test_language_detection(text: str, expected: str) -> None:
    assert detect(text) == expected
