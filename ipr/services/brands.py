"""Which BRAND entities the NLP finds are brand names worth a warning to the officer: not a
legal form left alone (", Inc."), a country ("Finland") or one generic word ("Hotel")."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

# Legal forms of companies, and what is left of a name once they are gone.
LEGAL_FORM = re.compile(
    r"\b(?:inc|ltd|llc|llp|co|corp|corporation|company|limited|gmbh|ag|sa|sas|sarl|srl|spa"
    r"|bv|nv|plc|pty|oy|ab|as|kg)\b\.?|有限责任公司|股份有限公司|有限公司|公司|集团",
    re.IGNORECASE,
)
NOT_A_WORD = re.compile(r"[\W_]+")
# Words a notice uses for what is sold or where, never as the brand itself.
# fmt: off
GENERIC_WORDS = frozenset({
    "hotel", "hotels", "shop", "shops", "store", "stores", "market", "marketplace", "mall",
    "outlet", "official", "brand", "brands", "company", "group", "factory", "supplier",
    "seller", "sellers", "trading", "international", "global", "online", "shoes",
    "sneakers", "bags", "handbags", "watches", "watch", "sunglasses", "glasses", "earbuds",
    "headphones", "phone", "phones", "case", "cases", "clothing", "clothes", "fashion",
    "sports", "electronics", "beauty", "cosmetics", "perfume", "jewelry", "jewellery",
    "toys", "home", "garden", "kitchen", "accessories", "products", "product", "goods",
    "items", "item", "logo", "trademark", "copyright", "patent", "fake", "counterfeit",
    "replica", "original", "genuine", "new", "sale",
    "酒店", "商店", "店铺", "网店", "旗舰店", "专卖店", "商城",
    "品牌", "工厂", "厂家", "假货", "正品", "商标",
})
# fmt: on


@cache
def _country_names() -> frozenset[str]:
    names: set[str] = set()
    for language in ("en", "zh"):
        names |= {str(name).casefold() for name in Locale.parse(language).territories.values()}
    return frozenset(names)


def brand_name(text: str) -> str | None:
    """The entity as a brand name, or None when it cannot be one."""
    name = NOT_A_WORD.sub(" ", LEGAL_FORM.sub(" ", text)).strip()
    key = name.casefold()
    if len(name) < 2 or key in GENERIC_WORDS or key in _country_names():
        return None
    return name
