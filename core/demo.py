"""Demo data: each package registers a loader; `flask demo load` (and `make run`) runs them all."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy import func, select

from core import users
from core.db import session
from core.models import Role, User
from core.transaction import unit_of_work

# A loader adds its data (idempotently) and returns lines of credentials or hints to print.
DemoLoader = Callable[[], list[str]]

# Development and testing only (the README and the browser tests use it); production demo
# accounts get random passwords, printed once.
DEMO_PASSWORD = "redress-demo-2026"  # noqa: S105
DEMO_USERS = (
    ("admin@demo.redress.example", "Ada Admin", Role.ADMIN, "en"),
    ("supervisor@demo.redress.example", "Sun Li (supervisor)", Role.SUPERVISOR, "zh"),
    ("officer@demo.redress.example", "Omar Officer", Role.OFFICER, "en"),
    ("officer2@demo.redress.example", "王芳 (officer)", Role.OFFICER, "zh"),
    ("holder@demo.redress.example", "Helen Holder (Brightline Audio)", Role.RIGHTS_HOLDER, "en"),
)


def register_demo_loader(app: Flask, loader: DemoLoader) -> None:
    app.extensions.setdefault("redress.demo_loaders", []).append(loader)


def database_is_empty() -> bool:
    return not session.scalar(select(func.count()).select_from(User))


def load_demo_data() -> list[str]:
    """Run every registered loader, committing after each; returns what to tell the operator."""
    lines: list[str] = []
    for loader in current_app.extensions.get("redress.demo_loaders", []):
        with unit_of_work():
            lines.extend(loader())
    return lines


def load_demo_users() -> list[str]:
    """Staff and a rights holder to try every role with."""
    if current_app.extensions["redress.config"].is_development:
        return _demo_users(lambda: DEMO_PASSWORD, f"password for all: {DEMO_PASSWORD}")
    return _demo_users(lambda: secrets.token_urlsafe(12), "passwords shown this once only")


def _demo_users(password_for: Callable[[], str], note: str) -> list[str]:
    lines = [f"Demo accounts ({note}):"]
    for email, name, role, language in DEMO_USERS:
        if users.find_user_by_email(email) is not None:
            lines.append(f"  {role.value:<14} {email}  (exists already, password unchanged)")
            continue
        password = password_for()
        users.create_user(email, name, password, role, language=language)
        shown = "" if password == DEMO_PASSWORD else f"  {password}"
        lines.append(f"  {role.value:<14} {email}{shown}")
    return lines
