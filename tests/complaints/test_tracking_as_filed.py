"""The tracking page shows the complaint as filed, who must act next and by when in the viewer's
time zone, the rejection reason in the viewer's language, and where to go after a refusal."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from complaints.workflow import ComplaintState as S
from core.models import Role
from tests.complaints.consumer_helpers import PDF, filed, upload
from tests.complaints.walk import complaint_of, officer_step, step
from tests.conftest import sign_in
from tests.factories import at


def _page(client, reference: str, token: str) -> str:
    return client.get(f"/complaints/{reference}?token={token}").get_data(as_text=True)


def test_the_page_shows_what_was_filed(client, db) -> None:
    at("2026-03-02 10:00")
    reference, token = filed(
        client, [upload(PDF, "receipt.pdf")], purchase_date="2026-02-20", product="earbuds X2"
    )
    html = _page(client, reference, token)
    assert "What you filed" in html
    assert "2026-03-02" in html  # the date filed, in Shanghai
    for shown in (
        "Shenzhen Bright Store",
        "AliExpress",
        "earbuds X2",
        "8123456789",
        "2026-02-20",
        "49.99 EUR",
        "A refund",  # the desired resolution as the consumer picked it, not its code
        "never arrived and the seller is silent.",
        "receipt.pdf",
        "Anna Berg",
    ):
        assert shown in html, shown
    assert ">refund<" not in html


def test_the_deadline_is_in_the_viewers_time_zone_and_says_who_acts(client, db) -> None:
    at("2026-03-02 10:00")
    reference, token = filed(client)
    due = complaint_of(db, reference).due_at
    shanghai = due.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    html = _page(client, reference, token)
    assert f"Redress decides whether to take up your complaint by {shanghai}" in html
    assert "Asia/Shanghai" in html and "(UTC)" not in html
    assert "complaints/timezone.js" in html

    client.set_cookie("tz", "Europe/Berlin")
    berlin = due.astimezone(ZoneInfo("Europe/Berlin")).strftime("%Y-%m-%d %H:%M")
    assert berlin != shanghai
    html = _page(client, reference, token)
    assert f"by {berlin}" in html and "Europe/Berlin" in html

    client.set_cookie("tz", "Not/AZone")
    assert f"by {shanghai}" in _page(client, reference, token)


def test_the_rejection_reason_is_in_the_viewers_language_with_the_way_on(
    app, client, db, make_user
) -> None:
    at("2026-03-02 10:00")
    reference, token = filed(client)  # a consumer in Germany
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    case = complaint_of(db, reference)
    assert step(officer, case.id, "reject", {"reason": "too_old"}).status_code == 302
    assert complaint_of(db, reference).status == S.REJECTED

    html = _page(client, reference, token)
    assert "More than 3 years since you knew of the harm" in html
    assert "ECC-Net" in html and "12315" not in html
    assert "court" in html

    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    html = _page(client, reference, token)
    assert "自知道权益受损之日起已超过 3 年" in html
    assert "More than 3 years" not in html
    assert "您现在可以怎么做" in html and "欧洲消费者中心（ECC-Net）" in html


def test_a_consumer_in_china_is_pointed_to_12315(app, client, db, make_user) -> None:
    at("2026-03-02 10:00")
    reference, token = filed(client, country="CN")
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    case = complaint_of(db, reference)
    step(officer, case.id, "reject", {"reason": "out_of_scope", "explanation": "Not a sale."})
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    html = _page(client, reference, token)
    assert "向全国 12315 平台投诉" in html and "ECC-Net" not in html
    assert "Not a sale." in html  # the officer's own words stay as written


def test_no_way_on_is_offered_while_the_complaint_is_open(client, db) -> None:
    at("2026-03-02 10:00")
    reference, token = filed(client)
    html = _page(client, reference, token)
    assert "ECC-Net" not in html and "What you can do now" not in html


def test_failed_mediation_shows_the_way_on(app, client, db, make_user) -> None:
    at("2026-03-02 10:00")
    reference, token = filed(client, country="FR")
    officer = make_user(Role.SUPERVISOR)
    for state in (S.ACCEPTED, S.AWAITING_SELLER, S.MEDIATION):
        officer_step(app, officer, reference, state, "")
    officer_step(app, officer, reference, S.MEDIATION_FAILED, "The seller refused every offer.")
    html = _page(client, reference, token)
    assert "What you can do now" in html and "ECC-Net" in html
