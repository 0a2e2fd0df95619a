import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import nlp
from nlp.labels import CONSUMER_LABELS, ENTITY_LABELS, IPR_LABELS, LABELS_BY_KIND
from nlp.training_data import load_corpus

REPO = Path(__file__).resolve().parents[2]
SECTION_4_KEYS = {"id", "language", "kind", "category", "confidence", "scores", "entities"}


def _assert_valid(result: nlp.Analysis, text: str, kind: str) -> None:
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == SECTION_4_KEYS
    assert data["kind"] == kind and data["language"] in ("en", "zh", "other")
    assert set(data["scores"]) == set(LABELS_BY_KIND[kind])
    assert data["scores"][data["category"]] == max(data["scores"].values())
    assert 0.0 <= data["confidence"] <= data["scores"][data["category"]] <= 1.0
    assert sum(data["scores"].values()) == pytest.approx(1.0, abs=0.01)
    last_end = 0
    for entity in data["entities"]:
        assert entity["label"] in ENTITY_LABELS
        assert entity["start"] >= last_end, "entities must be sorted and must not overlap"
        assert text[entity["start"] : entity["end"]] == entity["text"]
        last_end = entity["end"]


def test_analysis_has_the_section_4_shape_and_echoes_the_id() -> None:
    text = "Ordered wireless earbuds on AliExpress for $49.99 on March 3; they never arrived."
    result = nlp.analyze(text, "consumer", id="c-17")
    _assert_valid(result, text, "consumer")
    assert result.id == "c-17" and result.language == "en"
    found = {(e.label, e.text) for e in result.entities}
    assert {("PLATFORM", "AliExpress"), ("MONEY", "$49.99"), ("DATE", "March 3")} <= found


def test_ipr_analysis_scores_infringement_types() -> None:
    result = nlp.analyze("这家店铺未经授权使用我们的注册商标和标识销售仿冒商品。", "ipr")
    assert result.language == "zh" and set(result.scores) == set(IPR_LABELS)


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        *(("consumer", label) for label in CONSUMER_LABELS),
        *(("ipr", label) for label in IPR_LABELS),
    ],
)
def test_every_category_can_be_produced(kind: str, label: str) -> None:
    texts = [ex.text for ex in load_corpus(strict=False) if ex.kind == kind and ex.label == label]
    assert texts, f"the corpus has no {kind}/{label} text"
    produced = {a.category for a in nlp.analyze_many(texts[:40], kind)}
    assert label in produced


def test_every_entity_label_can_be_produced() -> None:
    texts = [ex.text for ex in load_corpus(strict=False)][::6]  # every file, not the first few
    produced = {e.label for a in nlp.analyze_many(texts, "consumer") for e in a.entities}
    assert set(ENTITY_LABELS) <= produced


def test_offsets_are_exact_on_the_corpus() -> None:
    examples = load_corpus(strict=False)[::7]
    for example, result in zip(
        examples, nlp.analyze_many([e.text for e in examples], "consumer"), strict=True
    ):
        _assert_valid(result, example.text, "consumer")


def test_analyze_many_keeps_order_and_agrees_with_analyze() -> None:
    texts = ["商家发错了颜色", "The seller sent the wrong colour", "Заказ не пришёл", "质量太差了"]
    many = nlp.analyze_many(texts, "consumer", ids=[1, 2, 3, 4])
    assert [a.id for a in many] == [1, 2, 3, 4]
    assert [a.language for a in many] == ["zh", "en", "other", "zh"]
    for text, batched in zip(texts, many, strict=True):
        single = nlp.analyze(text, "consumer")
        assert (single.category, single.entities) == (batched.category, batched.entities)


HARD_TEXTS = {
    "empty": "",
    "spaces": "   \n\t  ",
    "100 KB": "My parcel from Temu never arrived, order 112-4455667-8899001. " * 1650,
    "binary-looking": "\x00\x01\xff\ufffd\x7f PK\x03\x04 \x1b[31m" + "".join(map(chr, range(32))),
    "emoji only": "😡😡📦❌🙄",
    "mixed": "我在Amazon买的AirPods Pro是fake，seller不给refund，订单号112-4455667-8899001",
    "astral": "𠜎𠜱𠝹𠱓 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "lone surrogate": "broken \ud800 text from Temu \udfff",
}


@pytest.mark.parametrize("name", HARD_TEXTS)
@pytest.mark.parametrize("kind", ["consumer", "ipr"])
def test_awkward_texts_give_a_valid_result(name: str, kind: str) -> None:
    text = HARD_TEXTS[name]
    _assert_valid(nlp.analyze(text, kind), text, kind)


def test_text_in_another_language_goes_to_triage() -> None:
    result = nlp.analyze("Мой заказ с AliExpress не пришёл, продавец не отвечает уже месяц.")
    assert result.language == "other" and result.confidence <= 0.3
    assert ("PLATFORM", "AliExpress") in {(e.label, e.text) for e in result.entities}


def test_mixed_text_goes_to_the_dominant_script() -> None:
    assert nlp.analyze("我在Amazon买的耳机两天就坏了，客服也不回复").language == "zh"
    assert nlp.analyze("The 耳机 I bought on Amazon broke after two days").language == "en"


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        nlp.analyze("text", "patent")
    with pytest.raises(TypeError):
        nlp.analyze(b"bytes")  # type: ignore[arg-type]


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def test_importing_nlp_loads_no_model() -> None:
    done = _python("import nlp, nlp.pipeline as p; print(p.load.cache_info().currsize)")
    assert done.stdout.strip() == "0", done.stderr


def test_model_location_can_be_overridden(tmp_path: Path) -> None:
    done = _python("import nlp; nlp.analyze('hello')", REDRESS_NLP_MODEL=str(tmp_path))
    assert "ModelNotBuilt" in done.stderr and str(tmp_path) in done.stderr
