"""The command line an operator types: users create, demo load."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from core.models import Role, User


def test_users_create_makes_an_admin_who_can_sign_in(app: Flask, client, db) -> None:
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--email",
            "Root@Example.org",
            "--name",
            "Root",
            "--role",
            "admin",
            "--password",
            "a long admin password",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "created admin root@example.org" in result.output
    user = db.scalar(select(User).where(User.email == "root@example.org"))
    assert user.role == Role.ADMIN


def test_users_create_refuses_bad_input(app: Flask, db) -> None:
    runner = app.test_cli_runner()
    short = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "a@example.org",
            "--name",
            "A",
            "--role",
            "officer",
            "--password",
            "short",
        ]
    )
    assert short.exit_code != 0 and "at least 10 characters" in short.output
    role = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "a@example.org",
            "--name",
            "A",
            "--role",
            "emperor",
            "--password",
            "long enough pass",
        ]
    )
    assert role.exit_code != 0 and "emperor" in role.output
    ok = [
        "users",
        "create",
        "--email",
        "b@example.org",
        "--name",
        "B",
        "--role",
        "officer",
        "--password",
        "long enough pass",
    ]
    assert runner.invoke(args=ok).exit_code == 0
    again = runner.invoke(args=ok)
    assert again.exit_code != 0 and "already exists" in again.output
    assert (
        db.scalar(
            select(func.count())
            .select_from(User)
            .where(User.email.in_(["a@example.org", "b@example.org"]))
        )
        == 1
    )


def test_demo_load_prints_credentials_and_loads_once(app: Flask, db) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0 and "admin@demo.redress.example" in first.output
    assert "password for all" in first.output
    count = db.scalar(select(func.count()).select_from(User))
    runner.invoke(args=["demo", "load"])
    assert db.scalar(select(func.count()).select_from(User)) == count
    skipped = runner.invoke(args=["demo", "load", "--if-empty"])
    assert "already has data" in skipped.output
