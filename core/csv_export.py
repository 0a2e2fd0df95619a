"""The one CSV writer of Redress: every file a person may open in a spreadsheet goes through it.

A cell that begins with = + - @, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula (`=HYPERLINK(...)` typed as a seller's name would run on the
supervisor's machine), so such text gets a leading apostrophe, which spreadsheets show as text.
Numbers are left alone: they cannot carry a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # lets Excel read the file as UTF-8 (Chinese names) instead of the local code page


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should see it: text that could start a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer / csv.DictWriter in one, with every cell passed through safe_cell."""

    def __init__(self, out: IO[str], fieldnames: Iterable[str] | None = None) -> None:
        self._writer = csv.writer(out)
        self.fieldnames = tuple(fieldnames or ())

    def writeheader(self) -> None:
        self.writerow(self.fieldnames)

    def writerow(self, row: Iterable[Any] | dict[str, Any]) -> None:
        if isinstance(row, dict):
            row = [row.get(name) for name in self.fieldnames]
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any] | dict[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(columns: Iterable[str], rows: Iterable[Iterable[Any]], bom: bool = False) -> str:
    """A small table as CSV text."""
    return "".join(csv_chunks(columns, rows, bom=bom))


def csv_chunks(
    columns: Iterable[str], rows: Iterable[Iterable[Any]], bom: bool = False
) -> Iterator[str]:
    """The header, then each row, as CSV text to stream while the rows are read."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, columns)

    def taken() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield (BOM if bom else "") + taken()
    for row in rows:
        writer.writerow(row)
        yield taken()
