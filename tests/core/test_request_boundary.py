"""One request, one transaction; one refusal type; one batch helper; one file store and download
rule. Exercised through a small probe package on a real app and database of its own, so commits
are real commits."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Blueprint, Flask, redirect
from flask_babel import gettext as _
from sqlalchemy import func, select

import core
from core import migrate
from core.audit import record_audit
from core.db import session
from core.errors import Refusal, register_form_refill
from core.extensions import csrf
from core.files import FileSource, register_file_source, store_content
from core.input_guard import form_without_nul
from core.jobs import by_batches, each_in_batches
from core.models import AuditEvent
from core.transaction import keep_changes, refuse_changes, unit_of_work
from tests.conftest import BACKENDS, make_config, temporary_database
from wsgi import PACKAGES

probe = Blueprint("probe", __name__)
FILES: dict[int, Any] = {}


@probe.post("/probe/<target>/<answer>")
def answer(target: str, answer: str) -> Any:
    record_audit("probe.wrote", target)
    if answer == "refuse":
        raise Refusal(_("Not allowed now."), "conflict", {"amount": "Too much."})
    if answer == "redirect-refused":
        refuse_changes()
        return redirect("/")
    if answer == "kept-refusal":
        keep_changes()
        return "refused but kept", 400
    if answer == "fail":
        raise RuntimeError("a bug")
    return ("bad", 400) if answer == "bad" else "ok"


@probe.post("/probe-form")
def probe_form() -> str:
    return "sent"


def _probe_init(app: Flask) -> None:
    csrf.exempt(probe)
    app.register_blueprint(probe)
    register_form_refill(
        app, "probe.probe_form", lambda reason: f"form: {form_without_nul()['note']} ({reason})"
    )
    register_file_source(
        app,
        FileSource(
            "probe",
            FILES.get,
            lambda user, row, key: key == "secret" or user is not None,
            lambda: {row.sha256 for row in FILES.values()},
        ),
    )


@pytest.fixture(scope="module", params=BACKENDS)
def probe_app(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    smtp_server: Controller,
) -> Iterator[Flask]:
    folder = tmp_path_factory.mktemp(f"probe-{request.param}")
    with temporary_database(request.param, folder) as url:
        app = core.create_app(
            make_config(url, folder, smtp_server.port),
            packages=(*PACKAGES, SimpleNamespace(init_app=_probe_init)),
        )
        migrate.upgrade(app.extensions["redress.db"].engine)
        yield app
        app.extensions["redress.db"].engine.dispose()


def _written(app: Flask, target: str) -> int:
    with app.app_context():
        return (
            session.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.target == target)
            )
            or 0
        )


@pytest.mark.parametrize(
    ("answer", "status", "kept"),
    [
        ("ok", 200, 1),
        ("bad", 400, 0),
        ("refuse", 409, 0),
        ("redirect-refused", 302, 0),
        ("kept-refusal", 400, 1),
        ("fail", 500, 0),
    ],
)
def test_a_request_keeps_its_changes_only_when_it_succeeds(
    probe_app: Flask, answer: str, status: int, kept: int
) -> None:
    target = uuid.uuid4().hex
    response = probe_app.test_client().post(f"/probe/{target}/{answer}")
    assert response.status_code == status
    assert _written(probe_app, target) == kept


def test_a_refusal_is_a_page_in_the_visitors_language(probe_app: Flask) -> None:
    response = probe_app.test_client().post(
        f"/probe/{uuid.uuid4().hex}/refuse", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 409
    assert "Not allowed now." in response.get_data(as_text=True)


def test_a_refusal_under_the_api_is_the_json_error_with_its_fields(probe_app: Flask) -> None:
    response = probe_app.test_client().post(
        f"/probe/{uuid.uuid4().hex}/refuse", headers={"Accept": "application/json"}
    )
    assert response.status_code == 409
    assert response.json == {
        "error": {
            "code": "conflict",
            "message": "Not allowed now.",
            "fields": {"amount": "Too much."},
        }
    }


def test_refusal_codes_come_from_one_table() -> None:
    assert Refusal("x").status == 400
    assert Refusal("x", "invalid").status == 422
    with pytest.raises(ValueError, match="unknown refusal code"):
        Refusal("x", "gone")


def test_unit_of_work_commits_or_rolls_back(probe_app: Flask) -> None:
    kept, dropped = uuid.uuid4().hex, uuid.uuid4().hex
    with probe_app.app_context(), unit_of_work():
        record_audit("probe.wrote", kept)
    with probe_app.app_context(), pytest.raises(RuntimeError), unit_of_work():
        record_audit("probe.wrote", dropped)
        raise RuntimeError("stop")
    assert (_written(probe_app, kept), _written(probe_app, dropped)) == (1, 0)


def test_batches_commit_each_and_undo_only_the_refused_item(probe_app: Flask) -> None:
    targets = [uuid.uuid4().hex for _ in range(5)]
    items = [SimpleNamespace(id=number, target=target) for number, target in enumerate(targets)]
    done: set[int] = set()

    def find(skip: set[int], size: int) -> list[SimpleNamespace]:
        return [item for item in items if item.id not in skip | done][:size]

    def act(item: SimpleNamespace) -> bool:
        record_audit("probe.wrote", item.target)
        if item.id == 2:
            raise Refusal("moved meanwhile", "conflict")
        done.add(item.id)
        return item.id != 4  # passed by, yet what it wrote is kept

    with probe_app.app_context():
        acted = each_in_batches(find, act, size=2)
    assert acted == 3
    assert [_written(probe_app, target) for target in targets] == [1, 1, 0, 1, 1]


def test_batches_act_once_a_run_on_items_that_come_back(probe_app: Flask) -> None:
    """Another run may add work to an item meanwhile: it is left for the next run, no loop."""
    again = [SimpleNamespace(id=1), SimpleNamespace(id=2)]
    acted: list[int] = []
    with probe_app.app_context():
        assert each_in_batches(lambda skip, size: again, lambda item: acted.append(item.id)) == 2
    assert acted == [1, 2]


def test_one_download_view_asks_the_owners_rule(probe_app: Flask) -> None:
    with probe_app.app_context():
        digest = store_content(b"%PDF-1.4 evidence")
        assert store_content(b"%PDF-1.4 evidence") == digest  # kept once
        folder = Path(probe_app.instance_path) / "files"
        assert len([path for path in folder.rglob("*") if path.is_file()]) >= 1
    FILES[7] = SimpleNamespace(
        sha256=digest, filename="receipt.pdf", content_type="application/pdf"
    )
    client = probe_app.test_client()
    refused = client.get("/files/probe/7")
    assert refused.status_code == 404
    allowed = client.get("/files/probe/7?key=secret")
    assert allowed.status_code == 200
    assert allowed.data == b"%PDF-1.4 evidence"
    assert "receipt.pdf" in allowed.headers["Content-Disposition"]
    assert client.get("/files/probe/8?key=secret").status_code == 404
    assert client.get("/files/nothing/7?key=secret").status_code == 404


def test_whole_batches_are_handed_over_and_committed(probe_app: Flask) -> None:
    targets = {number: uuid.uuid4().hex for number in range(1, 6)}
    handed: list[list[int]] = []

    def next_ids(after: int, size: int) -> list[int]:
        return [number for number in targets if number > after][:size]

    def act(ids: list[int]) -> None:
        handed.append(list(ids))
        for number in ids:
            record_audit("probe.wrote", targets[number])

    with probe_app.app_context():
        assert by_batches(next_ids, act, size=2) == 5
    assert handed == [[1, 2], [3, 4], [5]]
    assert all(_written(probe_app, target) == 1 for target in targets.values())


def test_a_registered_form_comes_back_filled_after_a_refusal_its_view_never_saw(
    probe_app: Flask,
) -> None:
    client = probe_app.test_client()
    refused = client.post("/probe-form", data={"note": "typed\x00 text"})
    assert refused.status_code == 400
    assert refused.get_data(as_text=True) == (
        "form: typed text (The request contains a character that is not allowed (NUL).)"
    )
    api = client.post(
        "/probe-form", data={"note": "typed\x00"}, headers={"Accept": "application/json"}
    )
    assert api.status_code == 400 and api.json["error"]["code"] == "bad_request"
    assert client.post("/probe-form", data={"note": "fine"}).get_data(as_text=True) == "sent"
