"""Reported listings as typed: one by one, pasted as any text with their addresses, or uploaded
as a CSV file (any separator and encoding Excel uses) or an .xlsx workbook, each becoming a
`ReportedListing`. Pure functions: each row is checked on its own so that every bad row can be
named at once."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from charset_normalizer import from_bytes
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from core.countries import normal_country

URL_MAX = 2000
LIMITS = {
    "url": URL_MAX,
    "platform": 80,
    "seller": 200,
    "listing_id": 100,
    "explanation": 5000,
    "seller_id": 100,
    "store_url": 500,
    "jurisdiction": 2,
}
# The seller's platform id and store address come last: older files and pasted lines still fit.
CSV_COLUMNS = (
    "url",
    "platform",
    "seller",
    "listing_id",
    "explanation",
    "seller_id",
    "store_url",
    "jurisdiction",
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HOST = re.compile(r"^(?=.{4,253}$)([a-z0-9\u00a1-\uffff-]{1,63}\.)+[a-z\u00a1-\uffff-]{2,63}$")
# Parameters that say how a visitor arrived, not which listing it is.
TRACKING = re.compile(r"^(utm_.*|spm|scm|ref|ref_.*|fbclid|gclid|_t|from|share.*|tracelog)$")


def url_problem(url: str | None) -> str | None:
    """Why `url` is not the web address of a listing, or None when it is."""
    url = (url or "").strip()
    if not url:
        return _("Give the address of the listing.")
    if len(url) > URL_MAX:
        return _("The address is longer than %(n)d characters.", n=URL_MAX)
    if CONTROL.search(url) or any(c.isspace() for c in url):
        return _("The address may not contain spaces or control characters.")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").casefold()
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return _("This is not a web address.")
    if parts.scheme.lower() not in ("http", "https"):
        return _("Give a full web address starting with https:// or http://.")
    if not HOST.match(host):
        return _("This is not a web address: the host name is missing or invalid.")
    return None


def listing_url_key(url: str) -> str:
    """The address that identifies a listing whatever the way it was copied: host without
    "www."/"m.", path without trailing slash, query parameters sorted without tracking ones."""
    parts = urlsplit(unicodedata.normalize("NFKC", url.strip()))
    host = (parts.hostname or "").casefold().removeprefix("www.").removeprefix("m.")
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING.match(k.lower())
    )
    key = f"{host}{parts.path.rstrip('/')}"
    return (f"{key}?{urlencode(query)}" if query else key)[:500]


@dataclass(frozen=True)
class ReportedListing:
    """One listing as the holder reported it: its address and why it infringes, and if known
    its platform, seller and the platform's id of it. Checked by `row_errors`."""

    url: str | None
    explanation: str | None
    platform: str | None = None
    seller: str | None = None
    listing_id: str | None = None
    seller_id: str | None = None  # the platform's id of the seller or store
    store_url: str | None = None  # the address of the seller's store
    jurisdiction: str | None = None  # the country whose law applies, when not the platform's

    @classmethod
    def from_mapping(cls, row: Mapping[str, Any]) -> ReportedListing:
        """The listing as a JSON object or a CSV row names its fields (missing ones: None)."""
        return cls(**{name: row.get(name) for name in CSV_COLUMNS})


def row_errors(row: ReportedListing) -> dict[str, str]:
    """Every invalid field of one listing, by field name."""
    errors: dict[str, str] = {}
    problem = url_problem(row.url)
    if problem:
        errors["url"] = problem
    for name, limit in LIMITS.items():
        value = getattr(row, name)
        if name != "url" and isinstance(value, str) and len(value.strip()) > limit:
            errors[name] = _("At most %(n)d characters, please.", n=limit)
    if row.jurisdiction and normal_country(row.jurisdiction) is None:
        errors["jurisdiction"] = _("Give the country as two letters, e.g. CN or US.")
    if not (row.explanation or "").strip():
        errors["explanation"] = _("Explain why this listing infringes.")
    return errors


@dataclass
class Parsed:
    """Listings read from a form, a text or a file, and where each came from (to name bad
    rows)."""

    rows: list[ReportedListing] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (address, SKIPPED code)
    _seen: set[str] = field(default_factory=set)

    def note_new(self, url: str) -> bool:
        """Whether no listing read so far has this address (however it was copied)."""
        key = listing_url_key(url)
        if key in self._keys():
            return False
        self._seen.add(key)
        return True

    def _keys(self) -> set[str]:
        self._seen |= {listing_url_key(row.url or "") for row in self.rows}
        return self._seen

    def add(self, row: Mapping[str, Any], defaults: Mapping[str, str], origin: str) -> None:
        """Add a typed row, trimmed, its empty parts taken from the form's defaults."""
        cleaned = {name: (row.get(name) or "").strip() or None for name in CSV_COLUMNS}
        for name, value in defaults.items():
            cleaned[name] = cleaned.get(name) or (value or "").strip() or None
        self.rows.append(ReportedListing.from_mapping(cleaned))
        self.origins.append(origin)


# Why an address in a pasted text is not a listing of the notice.
SKIPPED = {
    "guide": _l("a help or policy page, not a listing"),
    "repeated": _l("given twice"),
}
# A web address inside any text: it ends at a space, a quote or angle bracket, CJK punctuation or
# a Chinese character (Chinese writing puts no space after it); "www." alone counts as https.
URL_IN_TEXT = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'`{}|\\^\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+",
    re.IGNORECASE,
)
TRAILING = ".,;:!?*'\""
CLOSING = {")": "(", "]": "["}
# "1. ", "2) ", "* ", "- ", "• " before an address in a list.
LIST_MARK = re.compile(r"^\s*(?:\d{1,4}[.)、:]|[*\-\u2022\u00b7+])\s*")
# Help pages, guides and policies: cited in a notice's text, never the listing itself.
GUIDE_HOST = re.compile(r"^(help|support|docs|faq|guide|guides|legal|policy|policies)\.")
GUIDE_PATH = frozenset(
    {"help", "helpcenter", "support", "faq", "faqs", "docs", "guide", "guides", "policy"}
    | {"policies", "site-policy", "legal", "terms", "terms-of-service", "tos"}
)


def _trimmed(url: str) -> str:
    """The address without the punctuation of the sentence it ends: "." "," ")" (unless the
    address opened the bracket itself)."""
    while url:
        last = url[-1]
        if last in TRAILING or (last in CLOSING and url.count(CLOSING[last]) < url.count(last)):
            url = url[:-1]
        else:
            break
    return url if url.lower().startswith(("http://", "https://")) else f"https://{url}"


def urls_in(text: str) -> list[str]:
    """Every web address in `text`, in order, without the punctuation around it."""
    return [_trimmed(found.group()) for found in URL_IN_TEXT.finditer(text)]


def is_guide(url: str) -> bool:
    """Whether the address is a help page or a policy (a notice cites them), not a listing."""
    parts = urlsplit(url)
    host = (parts.hostname or "").casefold().removeprefix("www.")
    segments = {segment.casefold() for segment in parts.path.split("/") if segment}
    return bool(GUIDE_HOST.match(host) or segments & GUIDE_PATH)


def _looks_like_address(text: str) -> bool:
    """A lone word with a dot or slash: meant as an address, not as prose around the list."""
    word = LIST_MARK.sub("", text).strip()
    return not any(c.isspace() for c in word) and bool(re.search(r"/|\.\w", word))


def parse_lines(text: str, defaults: dict[str, str], into: Parsed) -> None:
    """Listings pasted as any text: every web address in it is a listing (numbered lines,
    bullets, addresses inside sentences), duplicates and help pages left out and named in
    `into.skipped`. A line "address | platform | seller | listing id | explanation | ..." gives
    the listing's other parts; empty parts take the form's defaults."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = _("line %(n)d of the pasted list", n=number)
        if "|" in line:
            _parse_parts(line, number, origin, defaults, into)
            continue
        found = urls_in(line)
        if not found and _looks_like_address(line):
            into.errors[f"lines.{number}"] = _(
                "Line %(n)d: “%(text)s” is no full web address; start it with https://.",
                n=number,
                text=LIST_MARK.sub("", line).strip()[:100],
            )
        for url in found:
            if is_guide(url):
                into.skipped.append((url, "guide"))
            elif not into.note_new(url):
                into.skipped.append((url, "repeated"))
            else:
                into.add({"url": url}, defaults, origin)


def _parse_parts(
    line: str, number: int, origin: str, defaults: dict[str, str], into: Parsed
) -> None:
    parts = [part.strip() for part in line.split("|")]
    if len(parts) > len(CSV_COLUMNS):
        into.errors[f"lines.{number}"] = _(
            "Line %(n)d: at most %(max)d parts separated by “|”.",
            n=number,
            max=len(CSV_COLUMNS),
        )
        return
    found = urls_in(parts[0])
    if len(found) == 1:  # "1. https://..." or "* https://...": the address without its mark
        parts[0] = found[0]
    into.note_new(parts[0])
    into.add(dict(zip(CSV_COLUMNS, parts, strict=False)), defaults, origin)


XLSX_START = b"PK\x03\x04"  # a zip archive: what .xlsx files are
XLS_START = b"\xd0\xcf\x11\xe0"  # the older binary Excel format
SHEET_ROWS_MAX = 5000  # rows read from a spreadsheet: more than a notice may hold anyway
# Beyond UTF-8 and UTF-16 (both told by their form), the code pages Excel saves "CSV" in on
# the Windows of our holders: Chinese (GBK, read as its superset GB18030) and Western.
LOCAL_CODE_PAGES = ["gb18030", "cp1252"]


class TableError(ValueError):
    """A listings file that cannot be read, said in the user's language."""


def _decoded(content: bytes) -> str:
    """The text of a CSV file as Excel and other tools save it."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            raise TableError(_("The CSV file is damaged UTF-16 text.")) from None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(content, cp_isolation=LOCAL_CODE_PAGES).best()
    if best is None:
        raise TableError(_("The CSV file's text encoding cannot be told; save it as “CSV UTF-8”."))
    return str(best)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a listing id typed as a number
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _sheet_text(content: bytes) -> str:
    """The first sheet of an .xlsx workbook as CSV text."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True, max_row=SHEET_ROWS_MAX)
        out = io.StringIO()
        writer = csv.writer(out)
        for row in rows:
            writer.writerow([_cell(value).strip() for value in row])
        book.close()
    except (InvalidFileException, KeyError, OSError, ValueError, IndexError, zipfile.BadZipFile):
        raise TableError(_("The spreadsheet cannot be read; save it as .xlsx or CSV.")) from None
    return out.getvalue()


def table_text(content: bytes) -> str:
    """A listings file as CSV text: CSV in any common encoding, or an .xlsx workbook."""
    if content.startswith(XLSX_START):
        return _sheet_text(content)
    if content.startswith(XLS_START):
        raise TableError(_("Old Excel files (.xls) are not read; save it as .xlsx or CSV."))
    return _decoded(content)


def parse_csv(content: bytes, defaults: dict[str, str], into: Parsed) -> str | None:
    """A CSV file or .xlsx workbook with a header row naming some of: url, platform, seller,
    listing_id, explanation, ... (url required); separated by "," ";" or tabs. Returns the
    text read, to carry it from the preview to the filing."""
    try:
        text = table_text(content)
    except TableError as error:
        into.errors["csv"] = str(error)
        return None
    _read_csv(text, defaults, into)
    return text


def _delimiter(text: str) -> str:
    """The separator Excel chose: "," or, where "," is the decimal mark, ";"; tabs for
    "Unicode text". Told from the header row, whose names hold no separator."""
    header = next(iter(text.splitlines()), "")
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:  # a single column
        return ","


def _read_csv(text: str, defaults: dict[str, str], into: Parsed) -> None:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        header = [name.strip().lower() for name in reader.fieldnames or []]
    except csv.Error:
        into.errors["csv"] = _("The CSV file cannot be read.")
        return
    if "url" not in header:
        into.errors["csv"] = _("The CSV file needs a header row with a “url” column.")
        return
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown:
        into.errors["csv"] = _(
            "Unknown CSV columns: %(names)s. Use %(known)s.",
            names=", ".join(unknown),
            known=", ".join(CSV_COLUMNS),
        )
        return
    reader.fieldnames = header
    try:
        for record in reader:
            number = reader.line_num
            if None in record:
                into.errors[f"csv.{number}"] = _("Row %(n)d: more values than columns.", n=number)
                continue
            if not any((value or "").strip() for value in record.values()):
                continue
            into.add(record, defaults, _("row %(n)d of the CSV file", n=number))
    except csv.Error as error:
        into.errors["csv"] = _("The CSV file cannot be read: %(why)s", why=str(error))
