"""The command line: `flask --app wsgi db|users|demo ...`. Packages add their own groups."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from alembic import command
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from core import clock, migrate, scheduler, users
from core.db import engine
from core.demo import database_is_empty, load_demo_data
from core.jobs import declared_jobs, last_runs, next_run, run_job
from core.models import LANGUAGES, JobOutcome, JobRun, Role
from core.passwords import weak_password_reason
from core.transaction import unit_of_work

db_cli = AppGroup("db", help="Database migrations (Alembic).")
jobs_cli = AppGroup("jobs", help="Scheduled jobs.")
users_cli = AppGroup("users", help="User accounts.")
demo_cli = AppGroup("demo", help="Demo data for trying Redress out.")


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
            migrate.alembic_config(connection),
            message=message,
            rev_id=rev_id,
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
    with force_locale(language), unit_of_work():
        reason = weak_password_reason(password, (email, name))
        if reason:
            raise click.BadParameter(reason, param_hint="--password")
        try:
            user = users.create_user(email, name, password, Role(role), language=language)
        except users.AccountError as error:
            raise click.ClickException(str(error.message)) from error
    click.echo(f"created {user.role.value} {user.email} (id {user.id})")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Only when the database has no users yet.")
@click.option(
    "--i-know-this-is-production",
    "production_ok",
    is_flag=True,
    help="Load demo data although REDRESS_ENV is production (demo admins get random passwords).",
)
def demo_load(if_empty: bool, production_ok: bool) -> None:
    """Load the demo data of every package and print how to sign in."""
    if not current_app.extensions["redress.config"].is_development and not production_ok:
        raise click.ClickException(
            "REDRESS_ENV is production: demo data would add demo accounts (admins among them) "
            "to a live database. Add --i-know-this-is-production if that is really what you want."
        )
    if if_empty and not database_is_empty():
        click.echo("database already has data; demo data not loaded")
        return
    for line in load_demo_data():
        click.echo(line)


@jobs_cli.command("list")
def jobs_list() -> None:
    """Every declared job with its schedule, next run, last run and result."""
    now, last = clock.now(), last_runs()
    rows = [("job", "schedule", "next run (UTC)", "last run (UTC)", "result")]
    for job in sorted(declared_jobs().values(), key=lambda j: j.name):
        run = last.get(job.name)
        upcoming = next_run(job, now)
        rows.append(
            (
                job.name,
                job.schedule,
                upcoming.strftime("%Y-%m-%d %H:%M") if upcoming else "-",
                run.started_at.strftime("%Y-%m-%d %H:%M") if run else "never",
                _describe_run(run) if run else "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def _describe_run(run: JobRun) -> str:
    counts = ", ".join(f"{key} {value}" for key, value in sorted(run.counts.items()))
    return f"{run.outcome.value}" + (f" ({counts})" if counts else "")


@jobs_cli.command("run")
@click.argument("name")
@click.option(
    "--now",
    "moment",
    type=click.DateTime(
        formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]
    ),
    help="ISO-8601 moment the job takes as now (UTC unless an offset is given).",
)
def jobs_run(name: str, moment: datetime | None) -> None:
    """Run job NAME once, now or with the clock set to --now."""
    if name not in declared_jobs():
        raise click.BadParameter(f"no job is called {name}; see `jobs list`", param_hint="NAME")
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    run = run_job(name, now=moment, trigger="command")
    click.echo(f"{name}: {_describe_run(run)}")
    if run.outcome == JobOutcome.FAILED:
        raise click.ClickException(run.error or "failed")


@click.command("scheduler")
def scheduler_command() -> None:
    """Run the scheduler: wait for the lock, then run every job on its schedule."""
    scheduler.serve(current_app._get_current_object())  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    app.cli.add_command(scheduler_command)
    for group in (db_cli, users_cli, demo_cli, jobs_cli):
        app.cli.add_command(group)
