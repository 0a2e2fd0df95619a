"""The dashboard's filters, read from the query string; anything out of range is a clear 400."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import ColumnElement
from werkzeug.datastructures import MultiDict

from casework.kinds import case_kinds
from casework.models import Queue
from casework.services.calendar_store import default_calendar
from core import clock
from core.db import session

DEFAULT_DAYS = 30
MAX_DAYS = 366
LANGUAGES = ("en", "zh", "other")
TEXT_LIMIT = 80


@dataclass(frozen=True)
class Filters:
    first: date
    last: date
    kind: str | None = None
    queue_id: int | None = None
    platform: str | None = None
    category: str | None = None
    language: str | None = None

    def on(
        self, table: Any, *, period: bool = True, only: tuple[str, ...] | None = None
    ) -> list[ColumnElement[bool]]:
        """Conditions on a rollup table: the period on its `day`, and each filter it has."""
        found: list[ColumnElement[bool]] = []
        if period:
            found.append(table.day.between(self.first, self.last))
        for name in ("kind", "queue_id", "platform", "category", "language"):
            value = getattr(self, name)
            if value is not None and hasattr(table, name) and (only is None or name in only):
                found.append(getattr(table, name) == value)
        return found

    def query_args(self) -> dict[str, str]:
        """The filters as query-string arguments (for links and CSV downloads)."""
        values = asdict(self)
        args = {"from": self.first.isoformat(), "to": self.last.isoformat()}
        for name, key in (
            ("kind", "kind"),
            ("queue_id", "queue"),
            ("platform", "platform"),
            ("category", "category"),
            ("language", "language"),
        ):
            if values[name] is not None:
                args[key] = str(values[name])
        return args


def local_today() -> date:
    """Today in the default calendar's time zone: the days the figures are counted in."""
    return clock.now().astimezone(ZoneInfo(default_calendar().time_zone)).date()


def _day(args: MultiDict[str, str], name: str, default: date) -> date:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        abort(400, _("“%(value)s” is not a date: write it as YYYY-MM-DD.", value=raw[:20]))


def _text(args: MultiDict[str, str], name: str) -> str | None:
    value = args.get(name, "").strip()
    if len(value) > TEXT_LIMIT:
        abort(400, _("The filter %(name)s is too long.", name=name))
    return value or None


def parse_filters(args: MultiDict[str, str]) -> Filters:
    """The filters of a request; 400 with a message in the reader's language when one is bad."""
    today = local_today()
    last = _day(args, "to", today)
    first = _day(args, "from", last - timedelta(days=DEFAULT_DAYS - 1))
    if first > last:
        abort(400, _("The period starts after it ends."))
    if (last - first).days + 1 > MAX_DAYS:
        abort(400, _("Choose a period of at most %(days)d days.", days=MAX_DAYS))
    if first.year < 2000 or last > today + timedelta(days=MAX_DAYS):
        abort(400, _("Choose a period between the year 2000 and next year."))
    kind = _text(args, "kind")
    if kind is not None and kind not in case_kinds():
        abort(400, _("There is no kind of case called “%(kind)s”.", kind=kind))
    queue_id = None
    if raw := _text(args, "queue"):
        if not raw.isdigit() or len(raw) > 9 or session.get(Queue, int(raw)) is None:
            abort(400, _("There is no queue %(queue)s.", queue=raw))
        queue_id = int(raw)
    language = _text(args, "language")
    if language is not None and language not in LANGUAGES:
        abort(400, _("Choose the language en, zh or other."))
    return Filters(
        first, last, kind, queue_id, _text(args, "platform"), _text(args, "category"), language
    )
