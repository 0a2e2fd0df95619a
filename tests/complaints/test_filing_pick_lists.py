"""The filing form's country and currency pick-lists (CLDR names in the page's language, codes as
values), and a purchase older than 3 years: filed, with the form asking when the problem
appeared."""

from __future__ import annotations

import re
from datetime import timedelta

from core import clock
from tests.complaints.consumer_helpers import counts, file_form, filed


def _option(html: str, select: str, value: str) -> str | None:
    """The text of the option `value` of the select named `select`, or None."""
    found = re.search(rf'<select[^>]*name="{select}".*?</select>', html, re.S)
    assert found, html
    option = re.search(rf'<option[^>]*value="{value}"[^>]*>([^<]*)</option>', found.group(0))
    return option.group(1) if option else None


def test_countries_and_currencies_are_named_in_the_page_language(client) -> None:
    html = client.get("/complaints/new").get_data(as_text=True)
    assert _option(html, "country", "DE") == "Germany"
    assert _option(html, "country", "CN") == "China"
    assert _option(html, "currency", "EUR") == "Euro (EUR)"
    assert _option(html, "currency", "DEM") is None  # CLDR names old currencies too: not listed
    assert _option(html, "country", "EU") is None  # a grouping, not a country

    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    html = client.get("/complaints/new").get_data(as_text=True)
    assert _option(html, "country", "DE") == "德国"
    assert _option(html, "currency", "CNY") == "人民币 (CNY)"
    assert _option(html, "country", "") == "请选择您所在的国家或地区"


def test_a_refused_form_keeps_the_chosen_country_and_currency(client, db) -> None:
    response = file_form(client, description="too short", country="FR", currency="CNY")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and counts(db) == (0, 0)
    assert re.search(r'<option selected value="FR">|<option value="FR" selected>', html), html
    assert re.search(r'<option selected value="CNY">|<option value="CNY" selected>', html)


def test_no_country_chosen_is_refused_in_the_page_language(client, db) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    response = file_form(client, country="")
    assert response.status_code == 400 and counts(db) == (0, 0)
    assert "请选择您所在的国家或地区。" in response.get_data(as_text=True)


def test_a_purchase_older_than_3_years_is_filed(client, db) -> None:
    old = (clock.now() - timedelta(days=3 * 365 + 30)).date().isoformat()
    reference, _token = filed(client, purchase_date=old)
    assert reference.startswith("C-")
    assert counts(db)[0] == 1


def test_the_form_asks_when_the_problem_appeared_for_an_old_purchase(client, db) -> None:
    old = (clock.now() - timedelta(days=3 * 365 + 30)).date().isoformat()
    recent = (clock.now() - timedelta(days=30)).date().isoformat()
    note = re.compile(r'<p class="flash info" id="old-purchase" role="status"( hidden)?>')

    asked = file_form(client, description="too short", purchase_date=old).get_data(as_text=True)
    shown = note.search(asked)
    assert shown and shown.group(1) is None  # shown when the form comes back
    assert "when the problem appeared" in asked

    quiet = file_form(client, description="too short", purchase_date=recent)
    hidden = note.search(quiet.get_data(as_text=True))
    assert hidden and hidden.group(1) == " hidden"
