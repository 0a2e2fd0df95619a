import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.__main__ import run_analysis
from nlp.corrections import CorrectionError, add_corrections
from nlp.training_data import load_corpus

REPO = Path(__file__).resolve().parents[2]


def test_analyze_command_answers_every_line_and_never_crashes() -> None:
    lines = [
        {"id": "a", "text": "My parcel from Temu never arrived", "kind": "consumer"},
        "this is not json",
        {"id": "b", "kind": "consumer"},
        {"id": "c", "text": "copied our photos", "kind": "trademark-ish"},
        [1, 2, 3],
        {"id": "d", "text": "店铺盗用了我们的产品图片", "kind": "ipr"},
    ]
    stdin = "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
    done = subprocess.run(
        [sys.executable, "-m", "nlp", "analyze"],
        input=stdin,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(out) == len(lines)
    assert out[0]["id"] == "a" and out[0]["language"] == "en" and "category" in out[0]
    assert [("error" in o) for o in out] == [False, True, True, True, True, False]
    assert out[2]["id"] == "b" and out[3]["id"] == "c"
    assert out[5]["kind"] == "ipr" and out[5]["language"] == "zh"


def test_analyze_command_survives_broken_bytes_and_surrogates() -> None:
    stdin = (
        b'{"id": 1, "text": "caf\xe9 \xff\xfe broken"}\n'
        b'{"id": 2, "text": "lone \\ud800 surrogate"}\n'
        b'{"id": 3, "text": "\xe5\x93\x88 fine"}\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "nlp", "analyze"],
        input=stdin,
        cwd=REPO,
        capture_output=True,
        timeout=120,
        check=True,
    )
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [o["id"] for o in out] == [1, 2, 3]
    assert all("category" in o for o in out)


def test_analysis_streams_in_chunks_and_keeps_order() -> None:
    source = io.StringIO(
        "".join(json.dumps({"id": i, "text": f"order {i} lost"}) + "\n" for i in range(300))
    )
    sink = io.StringIO()
    run_analysis(source, sink)
    assert [json.loads(line)["id"] for line in sink.getvalue().splitlines()] == list(range(300))


def test_evaluate_prints_every_cell_and_n_a_where_no_data(tmp_path: Path) -> None:
    data = tmp_path / "dev.jsonl"
    data.write_text(
        "".join(
            json.dumps(r, ensure_ascii=False) + "\n"
            for r in [
                {
                    "id": "1",
                    "kind": "consumer",
                    "lang": "en",
                    "label": "delivery",
                    "text": "never arrived",
                },
                {
                    "id": "2",
                    "kind": "consumer",
                    "lang": "en",
                    "label": "fraud",
                    "text": "scam shop",
                },
                {
                    "id": "3",
                    "kind": "consumer",
                    "lang": "zh",
                    "label": "defective",
                    "text": "用两天就坏了",
                },
            ]
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "nlp", "evaluate", str(data)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    out = done.stdout
    assert "category consumer/en (2 texts)" in out and "category consumer/zh (1 texts)" in out
    assert "category ipr/en: n/a" in out and "category ipr/zh: n/a" in out
    assert "entities en (held-out corpus)" in out and "entities zh (held-out corpus)" in out
    assert "macro F1" in out


def _correction(text: str, category: str, entities: list[dict]) -> dict:
    return {
        "id": "x",
        "language": "en",
        "kind": "consumer",
        "category": category,
        "confidence": 0.4,
        "scores": {},
        "entities": entities,
        "text": text,
    }


def test_corrections_enter_the_corpus_deduplicated(tmp_path: Path) -> None:
    text = "Paid $30 to a shop on Temu that vanished"
    temu = {"label": "PLATFORM", "text": "Temu", "start": 22, "end": 26}
    money = {"label": "MONEY", "text": "$30", "start": 5, "end": 8}
    first = _correction(text, "delivery", [temu])
    again = _correction(text, "fraud", [temu, money])
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(first) + "\n" + json.dumps(first) + "\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    target = corpus / "corrections.jsonl"
    assert add_corrections(source, target) == (1, 0)
    source.write_text(json.dumps(again) + "\n", encoding="utf-8")
    assert add_corrections(source, target) == (0, 1)
    (example,) = load_corpus(corpus)
    assert (example.text, example.label, example.lang) == (text, "fraud", "en")
    found = {(s.label, text[s.start : s.end]) for s in example.spans}
    assert found == {("PLATFORM", "Temu"), ("MONEY", "$30")}


@pytest.mark.parametrize(
    "entity",
    [
        {"label": "PLATFORM", "text": "Tem", "start": 22, "end": 26},
        {"label": "SHOP", "text": "Temu", "start": 22, "end": 26},
        {"label": "PLATFORM", "start": 22, "end": 99},
    ],
)
def test_wrong_corrections_are_refused_with_their_line(tmp_path: Path, entity: dict) -> None:
    source = tmp_path / "in.jsonl"
    correction = _correction("Paid $30 to a shop on Temu", "fraud", [entity])
    source.write_text(json.dumps(correction) + "\n")
    with pytest.raises(CorrectionError, match=r"in\.jsonl:1"):
        add_corrections(source, tmp_path / "corrections.jsonl")
