import re

from nlp import redact
from nlp.labels import PERSONAL_ENTITIES
from nlp.markup import Span

_PIECE = re.compile(r"[A-Za-z][A-Za-z'-]{2,}|\d{3,}|[\u4e00-\u9fff]{2,}")


def _leaks(cases: list[tuple[str, list[Span]]]) -> tuple[int, list[str]]:
    total, leaked = 0, []
    for text, spans in cases:
        redacted = redact(text)
        for span in spans:
            if span.label in PERSONAL_ENTITIES:
                total += 1
                # Every name part, number and Chinese run must go, not just the whole string.
                pieces = _PIECE.findall(text[span.start : span.end])
                if any(piece in redacted for piece in pieces):
                    leaked.append(f"{span.label} {text[span.start : span.end]!r} in {redacted!r}")
    return total, leaked


def test_redact_removes_every_personal_entity(redaction_cases) -> None:
    total, leaked = _leaks(redaction_cases)
    recall = 1 - len(leaked) / total
    print(f"redaction recall {recall:.3f} ({total - len(leaked)}/{total})")
    assert len(redaction_cases) == 50 and total >= 100
    assert not leaked, "\n".join(leaked)


def test_redact_keeps_what_is_not_personal() -> None:
    text = "Bought a kettle on Temu for $25 on 2026-10-02; order 112-4455667-8899001 never came."
    redacted = redact(text)
    expected = "Bought a kettle on Temu for $25 on 2026-10-02; order [ORDER_ID] never came."
    assert redacted == expected


def test_redact_uses_placeholders_in_both_languages() -> None:
    assert redact("收件人张伟，电话13812345678") == "收件人[PERSON]，电话[PHONE]"
    assert redact("") == ""
