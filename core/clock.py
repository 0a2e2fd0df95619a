"""The one source of "now": jobs run with --now and tests set it. Nothing else reads the time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_fixed: datetime | None = None


def now() -> datetime:
    """The current moment, timezone-aware in UTC (or the moment the clock was set to)."""
    return _fixed if _fixed is not None else datetime.now(UTC)


def set_now(moment: datetime | None) -> None:
    """Fix the clock at `moment` (aware), or let it run again with None."""
    global _fixed
    if moment is not None and moment.tzinfo is None:
        raise ValueError("the clock takes timezone-aware moments only")
    _fixed = moment.astimezone(UTC) if moment is not None else None


@contextmanager
def frozen_at(moment: datetime) -> Iterator[datetime]:
    """Run a block with the clock fixed at `moment`, then restore what it was."""
    previous = _fixed
    set_now(moment)
    try:
        yield now()
    finally:
        set_now(previous)


def wall_now() -> datetime:
    """The real time, whatever the clock is set to: for recording when a process actually ran."""
    return datetime.now(UTC)
