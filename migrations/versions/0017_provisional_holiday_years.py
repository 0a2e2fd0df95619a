"""casework: years the official calendar does not cover yet get provisional statutory holidays

Revision ID: 0017
Revises: 0016

China publishes next year's holidays in November, after deadlines already run into that year, and
the library with the official days lags behind. Until the official list is loaded, each year from
the first the calendar lacks through next year is filled from the `holidays` package's statutory
days (no make-up working days) and marked provisional in `calendar_years.source`; the daily
`fill_calendar_years` job carries this on and replaces them when the official days arrive.
"""

from collections.abc import Sequence
from datetime import date

import holidays
import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOURCE = f"provisional holidays {holidays.__version__}"
calendars = sa.table("calendars", sa.column("id", sa.Integer), sa.column("code", sa.String))
years = sa.table(
    "calendar_years",
    sa.column("calendar_id", sa.Integer),
    sa.column("year", sa.Integer),
    sa.column("source", sa.String),
)
days = sa.table(
    "calendar_days",
    sa.column("calendar_id", sa.Integer),
    sa.column("day", sa.Date),
    sa.column("kind", sa.String),
    sa.column("name", sa.String),
)


def upgrade() -> None:
    connection = op.get_bind()
    through = max(2027, date.today().year + 1)
    supported = holidays.list_supported_countries()
    for calendar_id, code in connection.execute(sa.select(calendars.c.id, calendars.c.code)):
        if code not in supported:
            continue
        known = set(
            connection.scalars(sa.select(years.c.year).where(years.c.calendar_id == calendar_id))
        )
        for year in range(max(known, default=through - 1) + 1, through + 1):
            statutory = holidays.country_holidays(code, years=year)
            rows = [
                {"calendar_id": calendar_id, "day": day, "kind": "holiday", "name": name}
                for day, name in sorted(statutory.items())
            ]
            if rows:
                op.bulk_insert(days, rows)
            op.bulk_insert(years, [{"calendar_id": calendar_id, "year": year, "source": SOURCE}])


def downgrade() -> None:
    connection = op.get_bind()
    provisional = connection.execute(
        sa.select(years.c.calendar_id, years.c.year).where(years.c.source.like("provisional%"))
    ).all()
    for calendar_id, year in provisional:
        op.execute(
            days.delete().where(
                days.c.calendar_id == calendar_id,
                days.c.day.between(date(year, 1, 1), date(year, 12, 31)),
            )
        )
    op.execute(years.delete().where(years.c.source.like("provisional%")))
