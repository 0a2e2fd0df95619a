"""Checks the complaint form and the API share: a purchase in the past, an amount paid written
as digits and above zero, a real country and a real currency."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from babel.numbers import list_currencies
from flask_babel import lazy_gettext as _l

from core import clock
from core.countries import normal_country

# "49.99" or "0.5", more than 0; not "1e3", "4,99", "-5" or "0.00". The API document says the same.
AMOUNT_PATTERN = r"^([1-9][0-9]{0,9}(\.[0-9]{1,2})?|0\.(0[1-9]|[1-9][0-9]?))$"
PLAIN_AMOUNT = re.compile(r"[0-9]{1,10}(?:\.[0-9]{1,2})?")


def purchase_date_problem(day: date | None) -> str | None:
    # A day of slack: a consumer east of UTC may already be in tomorrow.
    if day is not None and day > clock.now().date() + timedelta(days=1):
        return str(_l("The date of purchase cannot be in the future."))
    return None


# Complaints are time-barred 3 years after the problem appeared, which may be long after the
# purchase: an older purchase is accepted, and the form asks when the problem appeared.
LIMITATION_YEARS = 3


def purchase_is_old(day: date | None) -> bool:
    today = clock.now().date()
    try:
        limit = today.replace(year=today.year - LIMITATION_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - LIMITATION_YEARS, day=28)
    return day is not None and day < limit


def amount_problem(raw: str | None, amount: Decimal | None) -> str | None:
    """`raw` is the text as typed (None for a JSON number), `amount` its value."""
    if raw is not None and raw.strip() and not PLAIN_AMOUNT.fullmatch(raw.strip()):
        return str(_l("Write the amount in digits with a dot for decimals, e.g. 49.99."))
    if amount is not None and amount <= 0:
        return str(_l("Give the amount you paid: more than 0."))
    return None


def country_problem(code: str | None) -> str | None:
    if code and normal_country(code) is None:
        return str(_l("%(code)s is no country code: use two letters, e.g. CN or DE.", code=code))
    return None


def currency_problem(code: str | None) -> str | None:
    if code and code.strip().upper() not in list_currencies():
        return str(
            _l("%(code)s is no currency code: use three letters, e.g. EUR or CNY.", code=code)
        )
    return None
