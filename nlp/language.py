"""Cheap language detection by script and stop words: en, zh or other."""

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")
_OTHER_LETTER = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0e7f]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ENGLISH = _words("""
the and to of a i it is was in my for that this not on with have you but they be are me at from
so we an or order item seller did has had been would get will your
""")
# Function and shopping words of Spanish, French, German, Portuguese, Italian and Dutch.
_FOREIGN = (
    _words("""
el la los las que de del y en por para con una un es muy pero mi mis su sus lo al ya se nos
pedido vendedor paquete envío le les des du et est pas je une pour avec dans mon ma mes commande
colis vendeur der die das und ist nicht ich ein eine mit auf für zu von mein meine bestellung
paket verkäufer não uma com os um meu minha il che non sono della ho het een niet van ik
""")
    - _ENGLISH
)


def detect(text: str) -> str:
    """Return "zh", "en" or "other" for a text; mixed Chinese and English goes to the larger."""
    cjk = len(_CJK.findall(text))
    latin = _LATIN_WORD.findall(text)
    other = len(_OTHER_LETTER.findall(text)) + len(_KANA_HANGUL.findall(text))
    # A Chinese character carries about as much as an English word, so compare them one to one.
    if cjk and cjk >= len(latin) and cjk * 2 >= other:
        return "zh"
    if other > sum(map(len, latin)):
        return "other"
    if not latin:
        return "other"  # no words at all (emoji, digits, nothing): nothing to trust, send to triage
    words = [word.lower() for word in latin]
    english = sum(word in _ENGLISH for word in words)
    foreign = sum(word in _FOREIGN for word in words)
    return "other" if foreign >= max(english, 2) else "en"
