"""Templates show what the kind hands them; none decides by a state name (issue 14)."""

from __future__ import annotations

import re
from enum import StrEnum
from importlib import import_module
from pathlib import Path

from flask import Flask

from casework.kinds import case_kinds

ROOT = Path(__file__).resolve().parent.parent
TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
TEXT = re.compile(r"_\((?:[^()]|\([^()]*\))*\)|url_for\([^)]*\)")  # words meant to be read
QUOTED = re.compile(r"""['"]([a-z_]+)['"]""")
DECIDES = re.compile(r"==|!=|\bin\b|\bis\b|\bselectattr\b|\bcase\b")


def _state_names(app: Flask) -> set[str]:
    names: set[str] = set()
    with app.app_context():
        for kind in case_kinds().values():
            names |= {state.name for state in kind.workflow.states}
    for package in ("complaints", "ipr"):
        workflow = import_module(f"{package}.workflow")
        for value in vars(workflow).values():
            if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum:
                names |= {member.value for member in value}
    return names


def test_no_template_tests_a_state_name(app: Flask) -> None:
    states = _state_names(app)
    assert {"submitted", "closed", "under_review", "taken_down"} <= states
    found = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        for tag in TAG.findall(template.read_text()):
            readable = TEXT.sub("", tag)
            if DECIDES.search(readable):
                named = set(QUOTED.findall(readable)) & states
                if named:
                    found.append(f"{template.relative_to(ROOT)}: {tag.strip()[:90]}")
    assert not found, "templates deciding by state name:\n" + "\n".join(found)
