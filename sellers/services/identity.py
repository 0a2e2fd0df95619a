"""Pure functions that tell whether two seller descriptions mean the same seller.

No database here: names and shop URLs are reduced to keys, and Chinese unified social credit
codes are checked, so that services can compare like with like.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from rapidfuzz import fuzz

# Legal forms and shop labels that say nothing about who the seller is. Longest first, so that
# "有限责任公司" goes before "公司" and "co ltd" before "ltd".
_LEGAL_SUFFIXES_ZH = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "旗舰店",
    "专营店",
    "专卖店",
    "官方店",
    "公司",
)
_LEGAL_WORDS = frozenset(
    {
        "ltd",
        "limited",
        "co",
        "company",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "llc",
        "plc",
        "gmbh",
        "ag",
        "kg",
        "ug",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "pte",
        "pty",
        "kk",
        "sl",
        "lp",
        "llp",
        "official",
        "store",
        "shop",
        "flagship",
    }
)
NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_CJK_RUN = re.compile(r"([\u3400-\u9fff]+)")


def name_key(name: str) -> str:
    """A seller name reduced to what identifies it: width, case, punctuation and legal suffixes
    ("Co., Ltd.", "GmbH", "有限公司", "旗舰店") removed; words separated by single spaces."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = NOT_WORD.sub(" ", text)
    for suffix in _LEGAL_SUFFIXES_ZH:
        text = text.replace(suffix, " ")
    text = _CJK_RUN.sub(r" \1 ", text)  # "深圳abc科技" -> "深圳 abc 科技"
    words = text.split()
    while words and words[-1] in _LEGAL_WORDS:
        words.pop()  # only at the end: "Co" in "Costa Shop" or "AG Audio" stays
    key = " ".join(words)
    return key or " ".join(text.split())  # a name that is only a legal word keeps it


def shop_url_key(url: str | None) -> str | None:
    """A shop URL without scheme, "www."/"m." prefix, query, fragment or trailing slash."""
    if not url or not url.strip():
        return None
    raw = unicodedata.normalize("NFKC", url.strip())
    try:
        parts = urlsplit(raw if "//" in raw else f"//{raw}")
    except ValueError:  # e.g. "[shop]": brackets that are no IPv6 address; no host to compare
        return None
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    if not host:
        return None
    path = parts.path.rstrip("/")
    return f"{host}{path}".casefold()[:500]


def name_similarity(first_key: str, second_key: str) -> float:
    """0-100: how alike two name keys are, whatever the order of their words."""
    return fuzz.token_sort_ratio(first_key, second_key)


# GB 32100-2015: 18 characters from this alphabet of 31 (no I, O, S, V, Z); the last is a check
# character over the first 17 with weights 3^i mod 31.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_USCC_SHAPE = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$")


def uscc_check_character(first_17: str) -> str:
    """The check character that completes 17 characters of a unified social credit code."""
    total = sum(
        USCC_ALPHABET.index(char) * weight
        for char, weight in zip(first_17, USCC_WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalise_uscc(code: str) -> str:
    """Upper case, without spaces or dashes: how codes are stored."""
    return re.sub(r"[\s-]+", "", unicodedata.normalize("NFKC", code)).upper()


def is_valid_uscc(code: str) -> bool:
    """True if `code` is a well-formed unified social credit code with the right check character."""
    code = normalise_uscc(code)
    return bool(_USCC_SHAPE.match(code)) and uscc_check_character(code[:17]) == code[17]
