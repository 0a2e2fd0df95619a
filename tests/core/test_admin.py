"""Admins manage accounts; everyone else is kept out; every change leaves an audit trail."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from core.models import AuditEvent, Role, User
from tests.conftest import post_form, sign_in


@pytest.mark.parametrize(
    "role", [Role.CONSUMER, Role.RIGHTS_HOLDER, Role.SELLER, Role.OFFICER, Role.SUPERVISOR]
)
def test_only_admins_open_the_user_pages(client: FlaskClient, make_user, role: Role) -> None:
    sign_in(client, make_user(role))
    assert client.get("/admin/users").status_code == 403
    assert post_form(client, "/admin/users", {"name": "x"}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient) -> None:
    response = client.get("/admin/users")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_admin_creates_an_officer(client: FlaskClient, make_user, db) -> None:
    admin = make_user(Role.ADMIN)
    sign_in(client, admin)
    response = post_form(
        client,
        "/admin/users",
        {
            "name": "New Officer",
            "email": "new.officer@example.org",
            "role": "officer",
            "language": "zh",
            "password": "officer password",
            "confirm": "officer password",
        },
    )
    assert response.status_code == 302
    assert "new.officer@example.org" in client.get("/admin/users").get_data(as_text=True)
    event = db.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "user.created", AuditEvent.actor_id == admin.id
        )
    )
    assert event.details == {"role": "officer", "email": "new.officer@example.org"}


def test_admin_changes_a_role_and_deactivates(client: FlaskClient, make_user, db) -> None:
    admin = make_user(Role.ADMIN)
    officer = make_user(Role.OFFICER)
    sign_in(client, admin)
    response = post_form(client, f"/admin/users/{officer.id}", {"role": "supervisor"})
    assert response.status_code == 302  # the unchecked "active" box deactivates too
    db.expire_all()
    changed = db.get(User, officer.id)
    assert changed.role == Role.SUPERVISOR and not changed.active
    actions = db.scalars(
        select(AuditEvent.action).where(
            AuditEvent.target == f"user:{officer.id}", AuditEvent.actor_id == admin.id
        )
    ).all()
    assert sorted(actions) == ["user.deactivated", "user.role_changed"]

    fresh = client.application.test_client()
    answer = post_form(fresh, "/sign-in", {"email": officer.email, "password": "x" * 12})
    assert answer.status_code == 400


def test_the_last_admin_cannot_lock_themselves_out(client: FlaskClient, make_user, db) -> None:
    admin = make_user(Role.ADMIN)
    for other in db.scalars(select(User).where(User.role == Role.ADMIN, User.id != admin.id)):
        other.active = False
    db.commit()
    sign_in(client, admin)
    response = post_form(client, f"/admin/users/{admin.id}", {"role": "officer", "active": "y"})
    assert response.status_code == 400
    assert "at least one active admin" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(User, admin.id).role == Role.ADMIN


def test_audit_events_cannot_be_rewritten(db, make_user) -> None:
    make_user(Role.OFFICER)
    event = AuditEvent(action="test.something")
    db.add(event)
    db.commit()
    event.action = "test.rewritten"
    with pytest.raises(PermissionError):
        db.flush()
    db.rollback()
