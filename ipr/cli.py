"""Command line: `flask --app wsgi ipr issue-token EMAIL` (DESIGN.md section 8) and
`flask --app wsgi ipr move-to-file-store`."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from core import clock
from core.api_tokens import issue_api_token
from core.models import Role
from core.transaction import unit_of_work
from core.users import find_user_by_email
from ipr.api import NOTICES_SCOPE
from ipr.services.files import move_legacy_files

ipr_cli = AppGroup("ipr", help="IP notices and rights holders.")


@ipr_cli.command("issue-token")
@click.argument("email")
@click.option(
    "--name",
    default="issued on the command line",
    show_default=True,
    help="what the token is for, shown in the account's token list",
)
@click.option(
    "--days",
    type=click.IntRange(1, 3650),
    default=None,
    help="expire after this many days (default: API_TOKEN_DAYS, 365)",
)
def issue_token_command(email: str, name: str, days: int | None) -> None:
    """Print a new API token (scope ipr:notices) for the rights holder with this e-mail; it
    expires, like every token, and the account page lists it with its expiry."""
    user = find_user_by_email(email)
    if user is None or user.role != Role.RIGHTS_HOLDER:
        raise click.ClickException(f"there is no rights-holder account {email}")
    days = days or current_app.extensions["redress.config"].api_token_days
    expires = clock.now() + timedelta(days=days)
    with unit_of_work():
        secret, _token = issue_api_token(user, name[:80], [NOTICES_SCOPE], expires_at=expires)
    click.echo(secret)


@ipr_cli.command("move-to-file-store")
def move_files_command() -> None:
    """Move IPR files kept in instance/ipr_files (before issue 14) into core's file store."""
    moved = move_legacy_files(Path(current_app.instance_path) / "ipr_files")
    click.echo(f"{moved} IPR files moved to the file store")
