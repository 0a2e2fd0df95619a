"""Countries by their ISO 3166 two-letter codes, named in the reader's language (CLDR data)."""

from __future__ import annotations

from functools import cache

from babel import Locale
from flask_babel import get_locale

# CLDR names regions and groupings with two letters too: they are no one's law.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


@cache
def country_codes() -> frozenset[str]:
    """Every two-letter code of a country or territory."""
    names = [str(code) for code in Locale.parse("en").territories]
    return frozenset(
        code for code in names if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


def normal_country(code: str | None) -> str | None:
    """The code upper-cased and trimmed if it names a country, else None."""
    code = (code or "").strip().upper()
    return code if code in country_codes() else None


def country_name(code: str | None) -> str:
    """The country's name in the language of the request ("United States", "美国"), or the code."""
    if not code:
        return ""
    names = (get_locale() or Locale.parse("en")).territories
    return str(names.get(code.upper(), code.upper()))
