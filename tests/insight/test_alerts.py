"""Systemic alerts: once per episode, with the cases linked, thresholds set by admins."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import func, select

from core import clock
from core.db import session
from core.models import Role, User
from core.passwords import hash_password
from insight.models import Alert, AlertCase, AlertKind
from insight.services.alerts import raise_alerts, save_alert_rules
from tests.conftest import PASSWORD, post_form, sign_in
from tests.insight.conftest import _file, shanghai


def _alerts(kind: AlertKind) -> list[Alert]:
    return list(session.scalars(select(Alert).where(Alert.kind == kind).order_by(Alert.id)))


def test_a_seller_with_many_complaints_raises_one_alert_per_episode(data, in_app) -> None:
    save_alert_rules(3, 7, 3, 5, 8, clock.now())
    at = shanghai("2026-10-16 12:00")  # B, C, D filed 12, 13 and 15 October
    assert raise_alerts(at)["opened"] == 1
    assert raise_alerts(at + (at - at))["opened"] == 0  # the same episode: no second alert
    [alert] = _alerts(AlertKind.SELLER_VOLUME)
    assert alert.label == "Shenzhen Bright Store" and alert.count == 3
    linked = set(session.scalars(select(AlertCase.case_id).where(AlertCase.alert_id == alert.id)))
    assert linked == {data.cases[n].id for n in "BCD"}
    assert raise_alerts(shanghai("2026-10-30 12:00"))["ended"] == 1  # quiet for a week
    assert alert.ended_at is not None
    for day in ("2026-11-02 09:00", "2026-11-03 09:00", "2026-11-03 10:00"):
        _file(day, data.seller)
    assert raise_alerts(shanghai("2026-11-04 09:00"))["opened"] == 1  # a new episode
    assert len(_alerts(AlertKind.SELLER_VOLUME)) == 2


def test_a_sharp_rise_of_one_product_raises_an_alert(data, in_app) -> None:
    for day in range(2, 8):
        _file(f"2026-11-0{day} 09:00", data.seller, product="Smart Kettle X", brand=None)
    raise_alerts(shanghai("2026-11-08 09:00"))
    [alert] = _alerts(AlertKind.PRODUCT_RISE)
    assert alert.key == "smart kettle x" and alert.count == 6 and alert.baseline == 0
    # "wireless earbuds" had 4 complaints before the window and none in it: no alert
    assert (
        session.scalar(
            select(func.count()).select_from(Alert).where(Alert.key == "wireless earbuds")
        )
        == 0
    )


def test_supervisors_see_and_acknowledge_alerts_with_their_cases(app, client, data) -> None:
    with app.app_context():
        save_alert_rules(3, 7, 3, 5, 8, clock.now())
        raise_alerts(shanghai("2026-10-16 12:00"))
        session.commit()
        [alert] = _alerts(AlertKind.SELLER_VOLUME)
    sign_in(client, data.supervisor)
    assert "Shenzhen Bright Store" in client.get(
        "/insight/?from=2026-10-01&to=2026-10-31"
    ).get_data(as_text=True)
    page = client.get(f"/insight/alerts/{alert.id}").get_data(as_text=True)
    assert data.cases["B"].reference in page and data.cases["A"].reference not in page
    answer = post_form(client, f"/insight/alerts/{alert.id}/acknowledge", {})
    assert answer.status_code == 302
    assert "open, acknowledged" in client.get("/insight/alerts").get_data(as_text=True)
    assert client.get("/insight/alerts", headers={"Accept-Language": "zh"}).status_code == 200


def test_admins_set_the_thresholds(app, client, data) -> None:
    with app.app_context():
        admin = User(
            email="admin-insight@example.org",
            name="Ad Min",
            role=Role.ADMIN,
            password_hash=hash_password(PASSWORD),
        )
        session.add(admin)
        session.commit()
        admin = SimpleNamespace(email=admin.email)
    sign_in(client, admin)
    values = {
        "seller_threshold": "4",
        "window_days": "5",
        "rise_factor": "2",
        "rise_minimum": "3",
        "baseline_weeks": "4",
    }
    assert post_form(client, "/insight/settings", values).status_code == 302
    refused = post_form(client, "/insight/settings", {**values, "window_days": "500"})
    assert refused.status_code == 400
    assert "Number must be between 1 and 90" in refused.get_data(as_text=True)
    sign_in(client, data.supervisor)
    assert client.get("/insight/settings").status_code == 403
