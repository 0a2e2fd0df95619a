"""Command line: `flask --app wsgi opendata export` and `flask --app wsgi insight rebuild`."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from core import clock
from core.transaction import unit_of_work
from insight.services.backfill import backfill_facts
from insight.services.opendata import count_records, export_open_data, folder
from insight.services.rollups import rebuild

opendata_cli = AppGroup("opendata", help="The public open-data files.")
insight_cli = AppGroup("insight", help="Dashboard figures.")


@opendata_cli.command("export")
def export_command() -> None:
    """Write the open-data CSV and JSON files now (the nightly job does the same)."""
    total = count_records()
    with click.progressbar(length=total, label="Writing open data") as bar:
        counts = export_open_data(clock.now(), progress=bar.update)
    click.echo(
        f"{counts['complaints']} complaints and {counts['notices']} decided listings "
        f"written to {folder()}"
    )


@insight_cli.command("rebuild")
def rebuild_command() -> None:
    """Note the facts of cases filed before insight was installed, then recount every day."""
    added = backfill_facts()  # commits each batch
    with unit_of_work():
        counts = rebuild(clock.now())
    click.echo(f"{added} cases added to the facts; {counts['days']} days recounted")
