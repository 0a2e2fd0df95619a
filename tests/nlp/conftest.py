"""Fixtures for the NLP tests: a built model (trained once if missing) and hand-written texts."""

import json
from pathlib import Path

import pytest

from nlp.markup import Span, parse
from nlp.pipeline import model_dir
from nlp.train import train

HERE = Path(__file__).parent


@pytest.fixture(scope="session", autouse=True)
def built_model() -> Path:
    """Make sure the models exist; CI trains them before the tests, a fresh checkout here."""
    path = model_dir()
    if not all((path / lang / "config.cfg").exists() for lang in ("en", "zh")):
        train(log=False)
    return path


@pytest.fixture(scope="session")
def redaction_cases() -> list[tuple[str, list[Span]]]:
    """Fifty hand-written texts with their personal data marked up."""
    lines = (HERE / "redaction_cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [parse(json.loads(line)["text"]) for line in lines if line.strip()]
