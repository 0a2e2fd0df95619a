"""Finding cases by reference, e-mail, seller, order number or words of the text.

Chinese is written without spaces, so words are found by trigrams: a GIN `pg_trgm` index on
PostgreSQL, an FTS5 `trigram` table on SQLite (both written by the migration).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, select, text, union

from casework.models import Case, CaseKey
from casework.services.access import visible_to
from core.db import session
from core.models import User

MAX_QUERY = 200


def _words(query: str) -> ColumnElement[bool]:
    pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if session.get_bind().dialect.name == "sqlite" and len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        matching = text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH :phrase").bindparams(
            phrase=phrase
        )
        return Case.id.in_(matching)
    return Case.search_text.ilike(pattern, escape="\\")


def search_cases(user: User, query: str, limit: int = 50) -> list[Case]:
    """The cases `user` may see that match `query`, newest first."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return []
    # The newest matches of each of three indexed lookups, then the newest of those: an OR of
    # them would make PostgreSQL read every case, and a common word would sort all it matches.
    newest = (Case.created_at.desc(), Case.id.desc())
    branches = (
        Case.reference == query.upper(),
        Case.id.in_(select(CaseKey.case_id).where(CaseKey.value == query.lower())),
        _words(query),
    )
    matching = union(  # each branch a subquery of its own: SQLite takes no ORDER BY in a UNION
        *(
            select(
                select(Case.id)
                .where(branch, visible_to(user))
                .order_by(*newest)
                .limit(limit)
                .subquery()
            )
            for branch in branches
        )
    )
    found = select(Case).where(Case.id.in_(matching)).order_by(*newest).limit(limit)
    return list(session.scalars(found))


def related_cases(case: Case, limit: int = 20) -> dict[str, list[Case]]:
    """Other cases sharing a key with this one (same seller, consumer, listing, ...), by key."""
    related: dict[str, list[Case]] = {}
    if case.seller_id is not None:
        related["seller"] = list(
            session.scalars(
                select(Case)
                .where(Case.seller_id == case.seller_id, Case.id != case.id)
                .order_by(Case.created_at.desc())
                .limit(limit)
            )
        )
    for key in session.scalars(select(CaseKey).where(CaseKey.case_id == case.id)):
        others = select(CaseKey.case_id).where(CaseKey.name == key.name, CaseKey.value == key.value)
        cases = list(
            session.scalars(
                select(Case)
                .where(Case.id.in_(others), Case.id != case.id)
                .order_by(Case.created_at.desc())
                .limit(limit)
            )
        )
        if cases:
            related.setdefault(key.name, []).extend(
                c for c in cases if c not in related.get(key.name, [])
            )
    return {name: cases for name, cases in related.items() if cases}
