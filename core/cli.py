"""The command line: `flask --app wsgi db|users|demo ...`. Packages add their own groups."""

from __future__ import annotations

import click
from alembic import command
from flask import Flask
from flask_babel import force_locale

from core import migrate, users
from core.db import engine, session
from core.demo import database_is_empty, load_demo_data
from core.models import LANGUAGES, Role

db_cli = click.Group("db", help="Database migrations (Alembic).")
users_cli = click.Group("users", help="User accounts.")
demo_cli = click.Group("demo", help="Demo data for trying Redress out.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: head)."""
    migrate.upgrade(engine(), revision)
    click.echo(f"database at {revision}")


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Revert migrations down to REVISION (e.g. -1, base)."""
    migrate.downgrade(engine(), revision)


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
@click.option("--rev-id", help="e.g. 0002")
@click.option("--autogenerate/--empty", default=True)
def db_revision(message: str, rev_id: str | None, autogenerate: bool) -> None:
    """Write a new migration, comparing the models with the database."""
    with engine().begin() as connection:
        command.revision(
            migrate.alembic_config(connection), message=message, rev_id=rev_id,
            autogenerate=autogenerate,
        )


@db_cli.command("current")
def db_current() -> None:
    """Show the revision the database is at."""
    with engine().connect() as connection:
        command.current(migrate.alembic_config(connection))


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--language", type=click.Choice(LANGUAGES), default="en")
@click.password_option()
def users_create(email: str, name: str, role: str, language: str, password: str) -> None:
    """Create a user account with the given role."""
    if len(password) < 10:
        raise click.BadParameter("use at least 10 characters", param_hint="--password")
    with force_locale(language):
        try:
            user = users.create_user(email, name, password, Role(role), language=language)
        except users.AccountError as error:
            raise click.ClickException(str(error.message)) from error
    session.commit()
    click.echo(f"created {user.role.value} {user.email} (id {user.id})")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Only when the database has no users yet.")
def demo_load(if_empty: bool) -> None:
    """Load the demo data of every package and print how to sign in."""
    if if_empty and not database_is_empty():
        click.echo("database already has data; demo data not loaded")
        return
    for line in load_demo_data():
        click.echo(line)


def init_app(app: Flask) -> None:
    for group in (db_cli, users_cli, demo_cli):
        app.cli.add_command(group)
