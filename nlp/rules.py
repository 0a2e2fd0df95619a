"""Rule entities: ids, money, dates, contacts, platforms; nets for PERSON, ADDRESS and PRODUCT."""

import re
from dataclasses import dataclass

from nlp.gazetteer import CASE_SENSITIVE, PLATFORMS
from nlp.patterns import CJK, RULES, ZH_PLACES
from nlp.products import find_products


@dataclass(frozen=True, slots=True)
class Found:
    """An entity candidate: lower `rank` wins an overlap, then the longer span."""

    label: str
    start: int
    end: int
    rank: int


_PLATFORM_RANK = 1
_PRODUCT_NET_RANK = 9  # under the model (7): its span of a product wins where both found one
_COMPILED = [(r, re.compile(r.pattern)) for r in RULES]


def _platform_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for name in PLATFORMS:
        if name.isascii():
            first = re.match(r"[A-Za-z0-9]+", name)
            assert first is not None, name
            index.setdefault(first.group().lower(), []).append(name)
    for names in index.values():
        names.sort(key=len, reverse=True)  # longest first: "Amazon Prime" before "Amazon"
    return index


# Latin names are found by looking up each word (one regex pass instead of a slow alternation).
_PLATFORM_WORDS = _platform_index()
_WORD = re.compile(r"[A-Za-z0-9]+")
_CJK_PLATFORM_NAMES = "|".join(
    sorted((re.escape(n) for n in PLATFORMS if not n.isascii()), key=len, reverse=True)
)
_CJK_PLATFORM = re.compile(_CJK_PLATFORM_NAMES)
_HAS_CJK = re.compile(f"[{CJK}]")
_ADDRESS_WORD = re.compile(r"[路街巷弄号村栋室楼道区县]|小区|花园|大厦|胡同")
_PLACE = re.compile(f"(?:{ZH_PLACES})(?:省|市|自治区)?")


_SHOP_RANK = 5  # over ADDRESS (6): 深圳市光明眼镜旗舰店 is a shop, not an address
# A Chinese shop or company name ends in its form (旗舰店, 有限公司...) and starts after the
# words that lead up to it (在, 从, 的, 上 but not 上海...) or a platform's name.
_SHOP = re.compile(
    rf"[{CJK}A-Za-z0-9·&]{{2,24}}?"
    r"(?:官方旗舰店|旗舰店|专营店|专卖店|官方店|企业店|有限责任公司|股份有限公司|有限公司|商行|贸易行)"
)
_SHOP_LEAD = re.compile(f".*(?:[在从向跟给和买了的是家说找]|上(?!海)|{_CJK_PLATFORM_NAMES})")


def _chinese_shops(text: str) -> list[Found]:
    found = []
    for match in _SHOP.finditer(text):
        lead = _SHOP_LEAD.match(match.group())
        start = match.start() + (lead.end() if lead else 0)
        if match.end() - start >= 4:  # a form alone ("旗舰店") names no shop
            found.append(Found("SELLER", start, match.end(), _SHOP_RANK))
    return found


def _ascii_neighbour(char: str) -> bool:
    # "在1688上" mentions 1688: only a Latin letter or digit glued to a name makes it another word.
    return char.isascii() and (char.isalnum() or char == "_")


def _platforms(text: str, has_cjk: bool) -> list[Found]:
    found = []
    for word in _WORD.finditer(text):
        start = word.start()
        if start and (text[start - 1] in "@#" or _ascii_neighbour(text[start - 1])):
            continue  # @Shopee_PH is a handle, not a mention of the platform
        for name in _PLATFORM_WORDS.get(word.group().lower(), ()):
            end = start + len(name)
            candidate = text[start:end]
            if candidate != name and (name in CASE_SENSITIVE or candidate.lower() != name.lower()):
                continue
            if end < len(text) and _ascii_neighbour(text[end]):
                continue
            end += end < len(text) and text[end] == "+"  # "Walmart+" is Walmart's paid service
            found.append(Found("PLATFORM", start, end, _PLATFORM_RANK))
            break
    if has_cjk:
        found += [
            Found("PLATFORM", m.start(), m.end(), _PLATFORM_RANK)
            for m in _CJK_PLATFORM.finditer(text)
        ]
        found += _chinese_shops(text)
    return found


def find_entities(text: str) -> list[Found]:
    """Return every rule match in a text (overlaps included; `resolve` picks among them)."""
    has_cjk = _HAS_CJK.search(text) is not None
    found = _platforms(text, has_cjk)
    found += [Found("PRODUCT", s, e, _PRODUCT_NET_RANK) for s, e in find_products(text, has_cjk)]
    lower = text.lower()
    for rule, pattern in _COMPILED:
        if rule.chinese and not has_cjk:
            continue
        if rule.keywords and not any(word in lower for word in rule.keywords):
            continue
        for match in pattern.finditer(text):
            start, end = match.span(rule.group)
            if end > start and _plausible(rule.label, text[start:end]):
                found.append(Found(rule.label, start, end, rule.rank))
    # A house number ("12号", "Road 5") is no date: the address around it wins.
    addresses = [f for f in found if f.label == "ADDRESS"]
    return [
        f
        for f in found
        if f.label != "DATE" or not any(a.start <= f.start and f.end <= a.end for a in addresses)
    ]


def resolve(candidates: list[Found]) -> list[Found]:
    """Keep non-overlapping entities, preferring lower rank then longer spans; sorted by start."""
    taken: list[Found] = []
    for cand in sorted(candidates, key=lambda f: (f.rank, f.start - f.end, f.start)):
        if all(cand.end <= kept.start or cand.start >= kept.end for kept in taken):
            taken.append(cand)
    return sorted(taken, key=lambda f: f.start)


def _plausible(label: str, span: str) -> bool:
    if label == "ADDRESS" and _HAS_CJK.search(span):
        # A known city or province counts; otherwise a mere "...市" must show a road, a number
        # or a second admin level, or "路由器" (router) would be an address.
        if _PLACE.fullmatch(span):
            return True
        return len(span) >= 4 and _ADDRESS_WORD.search(span) is not None
    return True
