"""Pure functions that tell whether two seller descriptions mean the same seller.

No database here: names and shop URLs are reduced to keys, and Chinese unified social credit
codes are checked, so that services can compare like with like.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import urlsplit

from rapidfuzz import fuzz

# Legal forms that say nothing about who the seller is. Longest first, so that "有限责任公司" goes
# before "公司" and "co ltd" before "ltd". Shop labels (旗舰店, 专营店, 专卖店, store, shop) are
# kept, set apart as words: on one platform "X旗舰店" and "X专卖店" are two different shops.
_LEGAL_SUFFIXES_ZH = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "公司",
)
_SHOP_LABELS_ZH = ("旗舰店", "专营店", "专卖店", "官方店", "直营店", "店铺", "小店")
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
    }
)
NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_CJK_RUN = re.compile(r"([\u3400-\u9fff]+)")


def name_key(name: str) -> str:
    """A seller name reduced to what identifies it: width, case, punctuation and legal suffixes
    ("Co., Ltd.", "GmbH", "有限公司") removed, shop labels ("旗舰店", "Store") kept as words;
    words separated by single spaces."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = NOT_WORD.sub(" ", text)
    for suffix in _LEGAL_SUFFIXES_ZH:
        text = text.replace(suffix, " ")
    for label in _SHOP_LABELS_ZH:
        text = text.replace(label, f" {label} ")
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


def url_ids(patterns: Sequence[str], url: str | None) -> tuple[str | None, str | None]:
    """(store id, listing id) that a platform's URL patterns find in `url`, either may be None.

    Patterns are searched, ignoring case, in "host/path?query" with "www."/"m." left off the host.
    """
    if not url or not url.strip():
        return None, None
    raw = unicodedata.normalize("NFKC", url.strip())
    try:
        parts = urlsplit(raw if "//" in raw else f"//{raw}")
    except ValueError:
        return None, None
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    text = f"{host}{parts.path}" + (f"?{parts.query}" if parts.query else "")
    store = listing = None
    for pattern in patterns:
        try:
            found = re.search(pattern, text, re.IGNORECASE)
        except re.error:
            continue
        if found is None:
            continue
        groups = found.groupdict()
        store = store or (groups.get("store") or None)
        listing = listing or (groups.get("listing") or None)
    return store, listing


def check_url_pattern(pattern: str) -> str | None:
    """Why a URL pattern cannot be used (None: it can)."""
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        return str(error)
    if not {"store", "listing"} & set(compiled.groupindex):
        return "no group named store or listing"
    return None


# A private person's name, by rule: a common given name and one or two more capitalised words with
# no trade word, or two or three Chinese characters starting with a common surname. The NLP's
# PERSON entity (registered by a package that may import nlp) catches more.
_GIVEN_NAMES = frozenset(
    word
    for chunk in (
        "aaron adam adrian ahmed alan albert alex alexander alice amanda amy ana andrea",
        "andrew angela anna anne anthony antonio barbara ben benjamin brian carlos carmen",
        "carol charles chris christina christopher claire daniel david deborah dennis diana",
        "diego donald dorothy edward elena elizabeth emily emma eric eva fatima francesco",
        "francisco frank gabriel george giovanni giulia hannah hans helen henry isabel jack",
        "james jan jane jason javier jean jennifer jessica joan john jorge jose joseph juan",
        "julia julie karen kate kevin klaus laura linda lisa lucas lucia luis maria mario",
        "mark martin mary matthew michael michelle mohammed mohamed muhammad nancy nicole",
        "olga olivia pablo patricia paul pedro peter pierre rachel richard robert sandra sara",
        "sarah sophie stefan stephen steven susan thomas tom victor william wei ming hui jun",
        "li",
    )
    for word in chunk.split()
)
_LATIN_PERSON = re.compile(r"^[A-Z][a-z'\-]+(?: [A-Z]\.?)?(?: [A-Z][a-z'\-]+){1,2}$")
_COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤"
)
_ZH_PERSON = re.compile(f"^[{_COMMON_SURNAMES}][\u4e00-\u9fff]{{1,2}}$")
_TRADE_WORDS = frozenset(
    {
        "shop",
        "store",
        "mall",
        "market",
        "trading",
        "goods",
        "deals",
        "official",
        "outlet",
        "boutique",
        "tech",
        "technology",
        "electronics",
        "fashion",
        "home",
        "global",
        "direct",
        "supply",
        "world",
    }
)


def looks_like_person(name: str | None) -> bool:
    """Whether a seller name reads as a private person's name ("Maria Lopez", "张伟")."""
    if not name:
        return False
    text = " ".join(unicodedata.normalize("NFKC", name).split())
    if _ZH_PERSON.match(text):
        return True
    if not _LATIN_PERSON.match(text):
        return False
    words = [word.casefold().strip(".") for word in text.split()]
    return words[0] in _GIVEN_NAMES and not set(words) & (_TRADE_WORDS | _LEGAL_WORDS)


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
