"""Command line: `flask nlp export-corrections FILE` and `flask calendars seed`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from casework.services.calendar_store import default_calendar, seed_from_library
from casework.services.corrections import export_corrections
from core.transaction import unit_of_work

nlp_cli = AppGroup("nlp", help="Officers' corrections of the NLP results.")
calendars_cli = AppGroup("calendars", help="Business calendars.")


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
