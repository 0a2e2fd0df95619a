"""The translation catalogues stay well formed when branches that each add strings are merged."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

CATALOGUES = sorted(
    Path(__file__).resolve().parents[2].glob("core/translations/*/LC_MESSAGES/*.po")
)
ENTRY = re.compile(
    r'^(?:msgctxt "(?P<context>.*)"\n)?msgid "(?P<first>.*)"\n(?P<rest>(?:".*"\n)*)', re.M
)


def test_no_message_is_translated_twice() -> None:
    assert CATALOGUES
    for catalogue in CATALOGUES:
        live = "\n".join(
            line for line in catalogue.read_text().splitlines() if not line.startswith("#~")
        )
        ids = Counter(
            (entry["context"], entry["first"] + entry["rest"].replace('"\n"', "").strip('"\n'))
            for entry in ENTRY.finditer(live + "\n")
        )
        twice = [message for message, count in ids.items() if count > 1 and message != (None, "")]
        assert not twice, f"{catalogue}: translated twice: {twice[:5]}"
