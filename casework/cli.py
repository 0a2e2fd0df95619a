"""Command line: `flask nlp export-corrections FILE`, `flask calendars seed` and
`flask attachments move-to-file-store`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from casework.services.calendar_store import default_calendar, seed_from_library
from casework.services.corrections import export_corrections
from casework.services.files import move_legacy_attachments
from core.transaction import unit_of_work

nlp_cli = AppGroup("nlp", help="Officers' corrections of the NLP results.")
calendars_cli = AppGroup("calendars", help="Business calendars.")
attachments_cli = AppGroup("attachments", help="Case attachments.")


@nlp_cli.command("export-corrections")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export_corrections_command(file: Path) -> None:
    """Write officers' corrections as JSONL for `python -m nlp add-corrections FILE`."""
    with file.open("w", encoding="utf-8") as out:
        count = export_corrections(out)
    click.echo(f"{count} corrections written to {file}")


@calendars_cli.command("seed")
def seed_command() -> None:
    """Add mainland China's official years that the library has and the calendar lacks."""
    with unit_of_work():
        added = seed_from_library(default_calendar())
    click.echo(f"years added: {', '.join(map(str, added)) or 'none'}")


@attachments_cli.command("move-to-file-store")
def move_attachments_command() -> None:
    """Move attachments kept in instance/attachments (before issue 14) into core's file store."""
    moved = move_legacy_attachments(Path(current_app.instance_path) / "attachments")
    click.echo(f"{moved} attachments moved to the file store")
