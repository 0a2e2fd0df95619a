"""The case-kind registry (DESIGN.md section 2): what casework needs of a kind but cannot import.

`complaints` and `ipr` each call `register_case_kind(app, CaseKind(...))` in their `init_app`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask import Flask, current_app
from markupsafe import Markup

from casework.models import Case, CaseAttachment
from casework.workflow import Workflow
from core.models import User


@dataclass(frozen=True)
class Party:
    """Someone a case is about or for, and how to reach them."""

    role: str  # consumer, seller, rights_holder
    name: str
    email: str | None
    language: str = "en"


@dataclass(frozen=True)
class CaseKind:
    """A kind of case and the functions through which casework reads it.

    - `parties(case)`: the parties and their contacts (told on merge, shown to staff);
    - `text(case)`: the text the NLP analysed (for corrections and search);
    - `search_text(case)`: everything an officer may search for, words and numbers;
    - `relation_keys(case)`: (name, value) pairs that relate cases: "email", "order",
      "seller", "listing", ...;
    - `anonymise(case)`: blank the kind's personal data in place;
    - `officer_panel(case)`: the kind's own steps and facts for the case page (forms posting to
      the kind's own views: findings, agreements, takedown decisions), or None;
    - `party_may_read(user, case, attachment, key)`: whether a party may download one of the
      case's files through core's download view, signed in as `user` or holding `key` (the
      secret token of their link); None: only staff who work on the case may.
    - `category_priority`: the priority a category gives a case (others: normal), so that a
      corrected category sets the priority the right one gives.
    """

    name: str
    label: str
    reference_prefix: str
    nlp_kind: str  # "consumer" or "ipr": the label set the NLP corrections belong to
    workflow: Workflow
    parties: Callable[[Case], list[Party]]
    text: Callable[[Case], str]
    search_text: Callable[[Case], str]
    relation_keys: Callable[[Case], list[tuple[str, str]]]
    anonymise: Callable[[Case], None]
    categories: tuple[str, ...] = ()  # the labels an officer may correct the category to
    entity_labels: tuple[str, ...] = ()  # the entity labels an officer may mark
    officer_panel: Callable[[Case], Markup | None] | None = None
    party_may_read: Callable[[User | None, Case, CaseAttachment, str | None], bool] | None = None
    category_priority: Mapping[str, int] = field(default_factory=dict)


def register_case_kind(app: Flask, kind: CaseKind) -> None:
    registry = app.extensions.setdefault("redress.case_kinds", {})
    if kind.name in registry:
        raise ValueError(f"case kind {kind.name} is registered twice")
    registry[kind.name] = kind


def unregister_case_kind(app: Flask, name: str) -> None:
    app.extensions.get("redress.case_kinds", {}).pop(name, None)


def case_kinds() -> dict[str, CaseKind]:
    return dict(current_app.extensions.get("redress.case_kinds", {}))


def case_kind(name: str) -> CaseKind:
    """The registered kind called `name` (KeyError when no package registered it)."""
    return current_app.extensions.get("redress.case_kinds", {})[name]


def register_case_panel(app: Flask, panel: Callable[[Case], Markup | None]) -> None:
    """Let a package casework cannot import add a section to every case page (e.g. insight's
    approval of a narrative for the open data); `panel(case)` gives its HTML, or None."""
    app.extensions.setdefault("redress.case_panels", []).append(panel)


def case_panels(case: Case) -> list[Markup]:
    """The sections other packages add to this case's page."""
    found = (panel(case) for panel in current_app.extensions.get("redress.case_panels", []))
    return [markup for markup in found if markup]
