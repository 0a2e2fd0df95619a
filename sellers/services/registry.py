"""Platforms and the seller registry: finding the seller a case is about, editing, aliases."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import aliased

from core.audit import record_audit
from core.db import session
from core.errors import Refusal
from core.models import User
from core.settings_cache import cached, watch
from sellers.models import NoticeRule, Platform, Seller, SellerAlias
from sellers.services.identity import (
    NOT_WORD,
    check_url_pattern,
    is_valid_uscc,
    looks_like_person,
    name_key,
    name_similarity,
    normalise_uscc,
    shop_url_key,
    url_ids,
)
from sellers.services.publication import names_a_person

watch(Platform)  # the registry is cached per process (find_platform, platform_picks)
POSSIBLE_DUPLICATE = 75  # name similarity (0-100) from which a new seller is shown to officers
# as a possible duplicate of an existing one; only an officer merges them
SELLER_FIELDS = (
    "name",
    "platform_id",
    "shop_url",
    "platform_seller_id",
    "country",
    "registration_number",
    "contact_email",
    "contact_person",
    "trader_address",
    "trader_phone",
    "trade_register",
)


class SellerError(Refusal):
    """A refused change to a seller, platform, claim or appeal; `field` names the form or API
    field it concerns, if any (it becomes the refusal's `fields`)."""

    def __init__(self, message: str, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message, code, {field: message} if field else None)
        self.field = field


# Platforms


def platforms() -> list[Platform]:
    """Every platform, by name."""
    return list(session.scalars(select(Platform).order_by(func.lower(Platform.name))))


def platform_key(text: str) -> str:
    """A platform name or alias as compared: width and case folded, without spaces or dots."""
    return NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def platform_names(platform: Platform) -> list[str]:
    """Every name the platform goes by: English, Chinese and the aliases."""
    return [platform.name, *([platform.name_zh] if platform.name_zh else []), *platform.aliases]


@dataclass(frozen=True)
class _PlatformKeys:
    id: int
    names: frozenset[str]
    domains: tuple[str, ...]


def _platform_keys() -> tuple[_PlatformKeys, ...]:
    return tuple(
        _PlatformKeys(p.id, frozenset(map(platform_key, platform_names(p))), tuple(p.domains))
        for p in platforms()
    )


def find_platform(name_or_domain: str | None) -> Platform | None:
    """The platform called so in any language (its name, Chinese name or an alias; width, case
    and spacing ignored), or whose domain the text is or ends with."""
    if not name_or_domain or not name_or_domain.strip():
        return None
    wanted = platform_key(name_or_domain)
    every = cached("platform_keys", _platform_keys)
    host = (shop_url_key(name_or_domain.strip().casefold()) or "").split("/", 1)[0]
    found = next((p for p in every if wanted and wanted in p.names), None) or next(
        (p for p in every if host and any(host == d or host.endswith(f".{d}") for d in p.domains)),
        None,
    )
    return session.get(Platform, found.id) if found else None


def platform_label(platform: Platform | None, language: str | None) -> str | None:
    """The platform's name in `language` ("zh": its Chinese name where it has one)."""
    if platform is None:
        return None
    if language == "zh" and platform.name_zh:
        return platform.name_zh
    return platform.name


def platform_picks() -> list[tuple[str, str | None]]:
    """The pick-list of platform fields: each platform's English and Chinese names, each with the
    other as its label, alphabetically."""
    return cached("platform_picks", _platform_picks)


def _platform_picks() -> list[tuple[str, str | None]]:
    picks: list[tuple[str, str | None]] = []
    for platform in platforms():
        picks.append((platform.name, platform.name_zh))
        if platform.name_zh:
            picks.append((platform.name_zh, platform.name))
    return sorted(picks, key=lambda pick: platform_key(pick[0]))


def platform_language(platform: Platform | None) -> str:
    """The language mail to a platform is written in: Chinese for platforms in China."""
    return "zh" if platform is not None and platform.country == "CN" else "en"


def seller_language(seller: Seller) -> str:
    """The language mail to a seller is written in: its account's choice once it claimed its
    record, else Chinese for sellers in China or on a Chinese platform."""
    if seller.account is not None and seller.account.language:
        return seller.account.language
    if seller.country:
        return "zh" if seller.country == "CN" else "en"
    return platform_language(seller.platform)


def save_platform(platform: Platform | None, actor: User | None = None, **fields: Any) -> Platform:
    """Create a platform (platform=None) or change one. No name or alias may be another
    platform's (whatever the case, width or spacing); URL patterns must compile and name a
    `store` or `listing` group."""
    name = fields["name"].strip()
    name_zh = (fields.get("name_zh") or "").strip() or None
    aliases = list(dict.fromkeys(a.strip() for a in fields.get("aliases", []) if a.strip()))
    patterns = [p.strip() for p in fields.get("url_patterns", []) if p.strip()]
    for pattern in patterns:
        problem = check_url_pattern(pattern)
        if problem is not None:
            raise SellerError(
                _l(
                    "This URL pattern cannot be used: %(pattern)s (%(problem)s).",
                    pattern=pattern,
                    problem=problem,
                ),
                "url_patterns",
            )
    for field, names in (
        ("name", [name]),
        ("name_zh", [name_zh] if name_zh else []),
        ("aliases", aliases),
    ):
        for other in platforms():
            if other is platform:
                continue
            taken = {platform_key(n) for n in platform_names(other)}
            clash = next((n for n in names if platform_key(n) in taken), None)
            if clash is not None and field == "name":
                raise SellerError(
                    _l("There is already a platform called %(name)s.", name=other.name), field
                )
            if clash is not None:
                raise SellerError(
                    _l(
                        "%(name)s already names the platform %(other)s.",
                        name=clash,
                        other=other.name,
                    ),
                    field,
                )
    created = platform is None
    platform = platform or Platform()
    platform.name = name
    platform.name_zh = name_zh
    platform.aliases = aliases
    platform.domains = [
        domain.strip().lower().removeprefix("www.")
        for domain in fields.get("domains", [])
        if domain.strip()
    ]
    platform.country = (fields.get("country") or "").upper() or None
    platform.counter_notice_rule = NoticeRule(fields.get("counter_notice_rule") or NoticeRule.PRC)
    platform.url_patterns = patterns
    platform.contact_email = fields.get("contact_email") or None
    platform.contact_url = fields.get("contact_url") or None
    session.add(platform)
    session.flush()
    record_audit(
        "platform.created" if created else "platform.changed",
        f"platform:{platform.id}",
        actor=actor,
        name=platform.name,
    )
    return platform


# Sellers


def canonical(seller: Seller) -> Seller:
    """The seller that stands for `seller` now (itself unless merged into another)."""
    if seller.merged_into_id is None:
        return seller
    return session.get_one(Seller, seller.merged_into_id)


@dataclass(frozen=True)
class Match:
    seller: Seller
    by: str  # platform_seller_id, shop_url, name
    score: float


def find_seller(
    name: str | None,
    shop_url: str | None,
    platform: Platform | None,
    platform_seller_id: str | None,
) -> tuple[Match | None, Match | None]:
    """(the seller these details identify, or None; the closest other seller, a candidate).

    By the platform's seller id, then the shop URL, then the exact name key (own or alias) on
    the platform. A name that is only alike never identifies a seller: it is the candidate."""
    platform_id = platform.id if platform else None
    seller_id = (platform_seller_id or "").strip() or None
    exact = _exact_match(platform_id, seller_id, shop_url_key(shop_url))
    if exact is not None:
        return exact, None
    if not name or not name.strip():
        return None, None
    key = name_key(name)
    same_name = _same_name(key, platform_id, seller_id)
    if same_name is not None:
        return Match(canonical(same_name), "name", 100), None
    best = _closest_by_name(key, platform_id, seller_id)
    if best is None:
        return None, None
    return None, Match(canonical(session.get_one(Seller, best[1])), "similar", best[0])


def _same_name(key: str, platform_id: int | None, seller_id: str | None) -> Seller | None:
    """The first seller on the platform whose name or an alias has this key (and no other
    platform seller id than the one given)."""
    alias_of = select(SellerAlias.seller_id).where(SellerAlias.name_key == key)
    query = select(Seller).where(
        _on_platform(platform_id), or_(Seller.name_key == key, Seller.id.in_(alias_of))
    )
    if seller_id:
        query = query.where(
            or_(Seller.platform_seller_id.is_(None), Seller.platform_seller_id == seller_id)
        )
    return session.scalar(query.order_by(Seller.id).limit(1))


def _on_platform(platform_id: int | None) -> ColumnElement[bool]:
    return Seller.platform_id == platform_id if platform_id else Seller.platform_id.is_(None)


def _exact_match(
    platform_id: int | None, seller_id: str | None, url_key: str | None
) -> Match | None:
    """The seller with this platform seller id, or else with this shop URL, on the platform."""
    if seller_id and platform_id:
        found = session.scalar(
            select(Seller).where(
                Seller.platform_id == platform_id, Seller.platform_seller_id == seller_id
            )
        )
        if found is not None:
            return Match(canonical(found), "platform_seller_id", 100)
    if url_key:
        found = session.scalar(
            select(Seller)
            .where(_on_platform(platform_id), Seller.shop_url_key == url_key)
            .order_by(Seller.id)
            .limit(1)
        )
        if found is not None:
            return Match(canonical(found), "shop_url", 100)
    return None


def _closest_by_name(
    key: str, platform_id: int | None, seller_id: str | None
) -> tuple[float, int] | None:
    """(score, id) of the seller on the platform whose name or alias is closest to `key`."""
    alias = aliased(SellerAlias)
    candidates = session.execute(
        select(Seller.id, Seller.name_key, alias.name_key, Seller.platform_seller_id)
        .outerjoin(alias, alias.seller_id == Seller.id)
        .where(_on_platform(platform_id))
        .order_by(Seller.id)
    )
    best: tuple[float, int] | None = None
    for candidate_id, own_key, alias_key, their_id in candidates:
        if seller_id and their_id and their_id != seller_id:
            continue  # two different ids on one platform are two sellers, however alike
        score = max(
            name_similarity(key, own_key), name_similarity(key, alias_key) if alias_key else 0
        )
        if best is None or score > best[0]:
            best = (score, candidate_id)
    return best


def resolve_seller(
    name: str | None,
    shop_url: str | None = None,
    platform: Platform | str | None = None,
    platform_seller_id: str | None = None,
) -> Seller:
    """The seller a case is about: found by platform seller id (given, or read from the shop
    URL by the platform's patterns), shop URL, or exact name key on the same platform; otherwise
    a new seller. A merely similar name never merges: the new seller is flagged as a possible
    duplicate for an officer to confirm (merge) or dismiss."""
    if isinstance(platform, str):
        platform = find_platform(platform)
    if platform is None and shop_url:
        platform = find_platform(shop_url)
    if platform is not None and not (platform_seller_id or "").strip():
        platform_seller_id = url_ids(platform.url_patterns, shop_url)[0]
    match, near = find_seller(name, shop_url, platform, platform_seller_id)
    if match is not None:
        _complete(match.seller, name, shop_url, platform_seller_id, exact=match.by != "name")
        return match.seller
    if not name or not name.strip():
        if not shop_url and not platform_seller_id:
            raise SellerError(_l("Give the seller's name, shop address or platform seller id."))
        name = platform_seller_id or shop_url or ""
    seller = Seller(
        name=name.strip()[:200],
        name_key=name_key(name)[:200],
        platform=platform,
        shop_url=(shop_url or "").strip()[:500] or None,
        shop_url_key=shop_url_key(shop_url),
        platform_seller_id=(platform_seller_id or "").strip()[:100] or None,
        name_is_person=looks_like_person(name),
    )
    if near is not None and near.score >= POSSIBLE_DUPLICATE:
        seller.possible_duplicate_of_id = near.seller.id
        seller.duplicate_score = round(near.score)
    session.add(seller)
    session.flush()
    return seller


def _complete(
    seller: Seller,
    name: str | None,
    shop_url: str | None,
    platform_seller_id: str | None,
    exact: bool,
) -> None:
    """Remember a new spelling as an alias; fill a missing URL or id from an exact match."""
    if name and name.strip() and name.strip() != seller.name:
        add_alias(seller, name.strip())
    if exact and shop_url and not seller.shop_url:
        seller.shop_url, seller.shop_url_key = shop_url.strip()[:500], shop_url_key(shop_url)
    if exact and platform_seller_id and not seller.platform_seller_id and seller.platform_id:
        seller.platform_seller_id = platform_seller_id.strip()[:100]


def add_alias(seller: Seller, name: str, actor: User | None = None) -> SellerAlias | None:
    """Record another name of the seller (nothing if it is already known)."""
    name = name.strip()[:200]
    if not name or name == seller.name or any(alias.name == name for alias in seller.aliases):
        return None
    alias = SellerAlias(seller=seller, name=name, name_key=name_key(name)[:200])
    session.add(alias)
    session.flush()
    if actor is not None:
        record_audit("seller.alias_added", f"seller:{seller.id}", actor=actor, alias=name)
    return alias


def check_seller_fields(fields: dict[str, Any], seller: Seller | None = None) -> dict[str, Any]:
    """Cleaned seller details, or SellerError naming the first field that is wrong."""
    cleaned: dict[str, Any] = {
        key: (value.strip() if isinstance(value, str) else value) or None
        for key, value in fields.items()
        if key in SELLER_FIELDS
    }
    if not cleaned.get("name"):
        raise SellerError(_l("The seller needs a name."), "name")
    if cleaned.get("country"):
        cleaned["country"] = cleaned["country"].upper()
    number = cleaned.get("registration_number")
    if number and cleaned.get("country") == "CN":
        number = cleaned["registration_number"] = normalise_uscc(number)
        if not is_valid_uscc(number):
            raise SellerError(
                _l(
                    "This is not a valid unified social credit code (18 characters "
                    "with a check character)."
                ),
                "registration_number",
            )
    if cleaned.get("contact_email"):
        try:
            cleaned["contact_email"] = validate_email(
                cleaned["contact_email"], check_deliverability=False
            ).normalized
        except EmailNotValidError as error:
            raise SellerError(_l("This e-mail address is not valid."), "contact_email") from error
    platform_id, seller_id = cleaned.get("platform_id"), cleaned.get("platform_seller_id")
    if platform_id and session.get(Platform, platform_id) is None:
        raise SellerError(_l("There is no such platform."), "platform_id")
    if platform_id and seller_id:
        clash = session.scalar(
            select(Seller).where(
                Seller.platform_id == platform_id, Seller.platform_seller_id == seller_id
            )
        )
        if clash is not None and clash is not seller:
            raise SellerError(
                _l("Seller %(id)s already has this platform seller id.", id=clash.id),
                "platform_seller_id",
            )
    return cleaned


def save_seller(seller: Seller | None, actor: User | None = None, **fields: Any) -> Seller:
    """Create a seller (seller=None) or change the given details of one; audited."""
    current = {key: getattr(seller, key) for key in SELLER_FIELDS} if seller else {}
    cleaned = check_seller_fields({**current, **fields}, seller)
    created = seller is None
    renamed = created or cleaned.get("name") != seller.name  # type: ignore[union-attr]
    seller = seller or Seller()
    for key in SELLER_FIELDS:
        setattr(seller, key, cleaned.get(key))
    seller.name_key = name_key(seller.name)[:200]
    seller.shop_url_key = shop_url_key(seller.shop_url)
    if renamed:
        seller.name_is_person = names_a_person(seller.name)
    session.add(seller)
    session.flush()
    record_audit(
        "seller.created" if created else "seller.changed",
        f"seller:{seller.id}",
        actor=actor,
        fields=sorted(key for key in fields if key in SELLER_FIELDS),
    )
    return seller


def search_sellers(
    text: str | None, platform_id: int | None = None, public: bool = False
) -> Select[Seller]:
    """Unmerged sellers whose name or alias contains `text` (normalised), for lists and the API.
    `public`: only sellers the public may see, and none found by a person's name."""
    query = select(Seller).where(Seller.merged_into_id.is_(None))
    if public:
        query = query.where(Seller.public_since.is_not(None))
        if text and text.strip():
            query = query.where(Seller.name_is_person.is_(False))
    if platform_id:
        query = query.where(Seller.platform_id == platform_id)
    key = name_key(text) if text and text.strip() else ""
    if text and key:
        by_key = _contains(key)
        plain = _contains(" ".join(NOT_WORD.sub(" ", text.casefold()).split()))
        alias_match = select(SellerAlias.seller_id).where(
            SellerAlias.name_key.like(by_key, escape="\\")
        )
        query = query.where(
            or_(
                Seller.name_key.like(by_key, escape="\\"),
                func.lower(Seller.name).like(plain, escape="\\"),
                Seller.id.in_(alias_match),
            )
        )
    return query


def _contains(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its wildcards taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def possible_duplicates() -> list[Seller]:
    """New sellers that look like an existing one, for officers to merge or dismiss."""
    return list(
        session.scalars(
            select(Seller)
            .where(Seller.possible_duplicate_of_id.is_not(None), Seller.merged_into_id.is_(None))
            .order_by(Seller.duplicate_score.desc(), Seller.id)
        )
    )


def dismiss_duplicate(seller: Seller, actor: User) -> None:
    """An officer says the two sellers are different."""
    record_audit(
        "seller.not_duplicate",
        f"seller:{seller.id}",
        actor=actor,
        of=seller.possible_duplicate_of_id,
    )
    seller.possible_duplicate_of_id = None
    seller.duplicate_score = None
    session.flush()
