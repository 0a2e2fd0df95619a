"""A seller may call itself `=HYPERLINK(...)`: every CSV Redress writes shows that as text, so a
spreadsheet opened by a supervisor, a rights holder or the public never runs it."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from core import clock
from core.db import session
from insight.services.opendata import export_open_data, folder
from insight.services.rollups import rebuild
from sellers.models import Seller
from tests.conftest import sign_in
from tests.factories import taken_down
from tests.insight.conftest import DataSet

EVIL = '=HYPERLINK("http://x")'


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for cell in row]


def _neutralised(text: str) -> None:
    cells = _cells(text)
    assert "'" + EVIL in cells, cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), cells


def _exported(app: Flask, name: str) -> str:
    with app.app_context():
        export_open_data(clock.now())
        return (folder() / name).read_text(encoding="utf-8")


def test_complaints_csv_and_top_sellers_csv(app: Flask, client: FlaskClient, data: DataSet) -> None:
    with app.app_context():
        session.get_one(Seller, data.seller.id).name = EVIL
        rebuild(clock.now())
        session.commit()
    _neutralised(_exported(app, "complaints.csv"))
    sign_in(client, data.supervisor)
    answer = client.get("/insight/figures/top_sellers.csv?from=2026-09-01&to=2026-10-31")
    assert answer.status_code == 200
    _neutralised(answer.get_data(as_text=True))


def test_notices_csv_and_the_holders_csv(
    app: Flask, client: FlaskClient, ipr: dict[str, Any]
) -> None:
    case = taken_down(ipr, 1, seller=EVIL)
    case.seller.name = EVIL
    session.commit()
    _neutralised(_exported(app, "notices.csv"))
    sign_in(client, ipr["holder"].user)
    answer = client.get("/ipr/dashboard.csv")
    raw = answer.get_data()
    assert raw.startswith("\ufeff".encode()), "Excel needs the BOM to read Chinese names"
    _neutralised(raw.decode("utf-8"))
