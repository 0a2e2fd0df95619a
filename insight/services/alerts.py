"""Systemic alerts: many complaints about one seller, or a sharp rise for one brand or product.

Counts are grouped in the database from the case facts of the window. An alert is an episode: it
opens the first time the pattern holds, gathers the cases while it goes on, and ends when the
pattern no longer holds; only then can a new alert about the same subject open.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, insert, literal, select

from complaints.workflow import COMPLAINT_WORKFLOW
from core.db import session
from core.errors import Refusal
from core.models import User
from insight.models import Alert, AlertCase, AlertKind, AlertRules, CaseFacts
from sellers.models import Seller

COMPLAINT = COMPLAINT_WORKFLOW.kind
MAX_LINKED = 500  # cases linked to one alert


class RulesError(Refusal):
    """Alert thresholds out of their ranges."""


def alert_rules() -> AlertRules:
    """The thresholds in force (the defaults until an admin saves some)."""
    rules = session.get(AlertRules, 1)
    return (
        rules
        if rules is not None
        else AlertRules(
            id=1,
            seller_threshold=10,
            window_days=7,
            rise_factor=3,
            rise_minimum=5,
            baseline_weeks=8,
        )
    )


def save_alert_rules(
    seller_threshold: int,
    window_days: int,
    rise_factor: int,
    rise_minimum: int,
    baseline_weeks: int,
    now: datetime,
) -> AlertRules:
    """Store an admin's thresholds; flushes."""
    if not (
        1 <= seller_threshold <= 10_000
        and 1 <= window_days <= 90
        and 2 <= rise_factor <= 100
        and 1 <= rise_minimum <= 10_000
        and 1 <= baseline_weeks <= 52
    ):
        raise RulesError(_("Thresholds must be whole numbers in the ranges shown."))
    rules = session.get(AlertRules, 1) or AlertRules(id=1)
    rules.seller_threshold, rules.window_days = seller_threshold, window_days
    rules.rise_factor, rules.rise_minimum = rise_factor, rise_minimum
    rules.baseline_weeks, rules.updated_at = baseline_weeks, now
    session.add(rules)
    session.flush()
    return rules


def _counts(column: Any, first: date, last: date) -> dict[str, int]:
    f = CaseFacts
    present = column.is_not(None) if column is f.seller_id else column != ""
    return {
        str(key): n
        for key, n in session.execute(
            select(column, func.count())
            .where(f.kind == COMPLAINT, present, f.filed_day.between(first, last))
            .group_by(column)
        ).all()
    }


def detect(now: datetime) -> dict[str, tuple[int, int]]:
    """The patterns that hold at `now`: {(kind, key) as "kind:key": (count, baseline)}."""
    rules = alert_rules()
    today = now.date()
    start = today - timedelta(days=rules.window_days - 1)
    found: dict[str, tuple[int, int]] = {}
    for key, n in _counts(CaseFacts.seller_id, start, today).items():
        if n >= rules.seller_threshold:
            found[f"{AlertKind.SELLER_VOLUME.value}:{key}"] = (n, 0)
    base_first = start - timedelta(days=7 * rules.baseline_weeks)
    base_last = start - timedelta(days=1)
    for kind, column in (
        (AlertKind.BRAND_RISE, CaseFacts.brand),
        (AlertKind.PRODUCT_RISE, CaseFacts.product),
    ):
        recent = {k: n for k, n in _counts(column, start, today).items() if n >= rules.rise_minimum}
        if not recent:
            continue
        before = _counts(column, base_first, base_last)
        for key, n in recent.items():
            # the usual level: the weekly average before the window, scaled to the window
            usual = before.get(key, 0) / rules.baseline_weeks * rules.window_days / 7
            if n >= rules.rise_factor * max(usual, 1):
                found[f"{kind.value}:{key}"] = (n, math.ceil(usual))
    return found


def _label(kind: AlertKind, key: str) -> str:
    if kind == AlertKind.SELLER_VOLUME:
        name = session.scalar(select(Seller.name).where(Seller.id == int(key)))
        return (name or key)[:200]
    return key[:200]


def _link_cases(alert: Alert, since: datetime) -> None:
    f = CaseFacts
    column = {
        AlertKind.SELLER_VOLUME: f.seller_id,
        AlertKind.BRAND_RISE: f.brand,
        AlertKind.PRODUCT_RISE: f.product,
    }[alert.kind]
    value = int(alert.key) if alert.kind == AlertKind.SELLER_VOLUME else alert.key
    linked = select(AlertCase.case_id).where(AlertCase.alert_id == alert.id)
    room = MAX_LINKED - (session.scalar(select(func.count()).select_from(linked.subquery())) or 0)
    if room <= 0:
        return
    cases = (
        select(f.case_id)
        .where(
            f.kind == COMPLAINT,
            column == value,
            f.filed_day >= since.date(),
            f.case_id.not_in(linked),
        )
        .order_by(f.case_id)
        .limit(room)
    )
    session.execute(
        insert(AlertCase).from_select(
            ["alert_id", "case_id"], select(literal(alert.id), cases.subquery().c.case_id)
        )
    )


def raise_alerts(now: datetime) -> dict[str, int]:
    """Open an alert for each new episode, update those going on, end those over; flushes."""
    rules = alert_rules()
    found = detect(now)
    current = {
        f"{a.kind.value}:{a.key}": a
        for a in session.scalars(select(Alert).where(Alert.ended_at.is_(None)))
    }
    opened = ended = 0
    window_start = now - timedelta(days=rules.window_days - 1)
    for subject, (count, baseline) in found.items():
        kind, key = subject.split(":", 1)
        alert = current.get(subject)
        if alert is None:
            alert = Alert(
                kind=AlertKind(kind),
                key=key,
                label=_label(AlertKind(kind), key),
                count=count,
                baseline=baseline,
                started_at=now,
                last_seen_at=now,
            )
            session.add(alert)
            session.flush()
            opened += 1
        alert.count, alert.baseline, alert.last_seen_at = count, baseline, now
        _link_cases(alert, window_start)
    for subject, alert in current.items():
        if subject not in found:
            alert.ended_at = now
            ended += 1
    session.flush()
    return {"opened": opened, "ongoing": len(found) - opened, "ended": ended}


def acknowledge(alert: Alert, supervisor: User, now: datetime) -> None:
    """A supervisor has seen the alert; it stays listed until its episode ends."""
    if alert.acknowledged_at is None:
        alert.acknowledged_at, alert.acknowledged_by_id = now, supervisor.id
    session.flush()
