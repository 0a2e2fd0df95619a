import json
from pathlib import Path

import pytest

from nlp.markup import MarkupError, Span, parse, render
from nlp.training_data import CorpusError, is_held_out, load_corpus, split


def test_parse_strips_markup_and_gives_offsets_into_the_plain_text() -> None:
    marked = "Ordered [[wireless earbuds|PRODUCT]] on [[AliExpress|PLATFORM]] for [[$49.99|MONEY]]."
    text, spans = parse(marked)
    assert text == "Ordered wireless earbuds on AliExpress for $49.99."
    assert [(s.label, text[s.start : s.end]) for s in spans] == [
        ("PRODUCT", "wireless earbuds"),
        ("PLATFORM", "AliExpress"),
        ("MONEY", "$49.99"),
    ]


def test_render_is_the_inverse_of_parse() -> None:
    marked = "我在[[淘宝|PLATFORM]]买的[[扫地机器人|PRODUCT]]花了[[299元|MONEY]]"
    assert render(*parse(marked)) == marked


@pytest.mark.parametrize(
    "bad",
    [
        "Bought on [[Temu|SHOP]]",
        "Bought on [[Temu|]]",
        "Bought on [[Temu|PLATFORM]",
        "Bought on [[ Temu|PLATFORM]]",
        "a stray ]] here",
    ],
)
def test_bad_markup_is_refused(bad: str) -> None:
    with pytest.raises(MarkupError):
        parse(bad)


def test_render_refuses_overlapping_spans() -> None:
    with pytest.raises(MarkupError):
        render("Nike Air Max", [Span("BRAND", 0, 4), Span("PRODUCT", 0, 12)])


def _corpus(root: Path, kind: str, lang: str, label: str, lines: list[str]) -> None:
    folder = root / kind / lang
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{label}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_corpus_errors_name_the_file_and_line(tmp_path: Path) -> None:
    good = json.dumps({"text": "Never arrived from [[Temu|PLATFORM]]."})
    bad = json.dumps({"text": "Never arrived from [[Temu|SHOPP]]."})
    _corpus(tmp_path, "consumer", "en", "delivery", [good, bad])
    with pytest.raises(CorpusError, match=r"delivery\.jsonl:2: .*SHOPP"):
        load_corpus(tmp_path)
    assert len(load_corpus(tmp_path, strict=False)) == 1


def test_a_file_named_after_an_unknown_label_is_refused(tmp_path: Path) -> None:
    _corpus(tmp_path, "consumer", "en", "late", [json.dumps({"text": "late"})])
    with pytest.raises(CorpusError, match="late"):
        load_corpus(tmp_path)


def test_loader_gives_kind_language_label_and_entities(tmp_path: Path) -> None:
    _corpus(tmp_path, "ipr", "zh", "trademark", [json.dumps({"text": "[[某某|BRAND]]商标被仿冒"})])
    (example,) = load_corpus(tmp_path)
    assert (example.kind, example.lang, example.label) == ("ipr", "zh", "trademark")
    assert example.text == "某某商标被仿冒"
    assert example.spans == (Span("BRAND", 0, 2),)


def test_a_torn_last_line_of_a_growing_file_is_skipped(tmp_path: Path) -> None:
    _corpus(tmp_path, "consumer", "en", "fraud", [json.dumps({"text": "a scam shop"})])
    path = tmp_path / "consumer" / "en" / "fraud.jsonl"
    path.write_text(path.read_text() + '{"text": "half wri', encoding="utf-8")
    assert [ex.text for ex in load_corpus(tmp_path)] == ["a scam shop"]


def test_held_out_split_is_stable_and_disjoint(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"parcel number {i} never came"}) for i in range(200)]
    _corpus(tmp_path, "consumer", "en", "delivery", lines)
    training, held_out = split(load_corpus(tmp_path))
    assert 5 <= len(held_out) <= 40
    assert not {ex.text for ex in training} & {ex.text for ex in held_out}
    assert all(is_held_out(ex.text) for ex in held_out)
