"""The tools that keep the model honest: the corpus check, calibration, the candidate gate,
and the names real people use for platforms, shops and goods."""

import json
from pathlib import Path

import pytest

from nlp.analysis import analyze, find_all_entities
from nlp.calibration import choose_threshold, expected_calibration_error, scale
from nlp.corpus_check import CorpusTooRepetitive, check_corpus, require_varied
from nlp.evaluation import evaluate_triage
from nlp.pipeline import model_dir
from nlp.train import CandidateRejected, train
from nlp.training_data import Example

PHRASE = "the parcel was left at the wrong door again"  # nine words


def _example(text: str, lang: str = "en", label: str = "delivery") -> Example:
    return Example(text, "consumer", lang, label, (), f"test:{text[:10]}")


def test_a_corpus_written_from_one_template_is_refused() -> None:
    varied = [_example(f"text number {n} about something else") for n in range(95)]
    templated = [_example(f"Order {n}: {PHRASE}.") for n in range(6)]  # 6 of 101 share 8 words
    report = check_corpus(varied + templated)
    assert len(report.sharing) == 6 and "consumer/en/delivery" in report.format()
    with pytest.raises(CorpusTooRepetitive, match="test:Order"):
        require_varied(report)
    require_varied(check_corpus(varied + templated[:5]))  # 5 of 100: allowed


def test_chinese_texts_share_runs_of_twelve_characters_ignoring_punctuation() -> None:
    a = _example("差评！快递员把包裹放在门口就走了，丢了也不管", "zh")
    b = _example("快递员把包裹，放在门口就走了。太差", "zh")
    c = _example("快递员把包裹放在驿站了", "zh")
    assert check_corpus([a, b, c]).sharing == [a, b]


def test_temperature_keeps_scores_a_distribution_and_the_order() -> None:
    scores = {"delivery": 0.6, "service": 0.3, "other": 0.1}
    softer, sharper = scale(scores, 2.0), scale(scores, 0.5)
    assert sum(softer.values()) == pytest.approx(1) and sum(sharper.values()) == pytest.approx(1)
    assert softer["delivery"] < 0.6 < sharper["delivery"]
    assert max(softer, key=softer.__getitem__) == "delivery"


def test_the_threshold_is_the_lowest_where_85_percent_are_right() -> None:
    # The top 20 (0.99 .. 0.80) right, the next 20 (0.79 .. 0.60) wrong: down to 0.77 there are
    # 20 right of 23 (87 %), down to 0.76 20 of 24 (83 %).
    pairs = [(0.99 - i * 0.01, i < 20) for i in range(40)]
    assert choose_threshold(pairs) == pytest.approx(0.77)
    assert choose_threshold([(0.9, False)] * 30) == pytest.approx(1.01)  # nothing trusted
    assert expected_calibration_error([(0.9, True)] * 9 + [(0.9, False)]) == pytest.approx(0.0)


def test_evaluate_reports_triage_in_the_documented_shape() -> None:
    records = [
        {"kind": "consumer", "lang": "en", "label": "delivery", "text": "My parcel never came."},
        {"kind": "consumer", "lang": "zh", "label": "counterfeit", "text": "买到假货了，不是正品"},
    ]

    def scorer(texts: list[str], kind: str) -> list[tuple[str, float, float]]:
        return [(a.category, a.confidence, 0.5) for a in (analyze(t, kind) for t in texts)]

    cells = evaluate_triage(records, scorer)
    assert cells[("ipr", "en")] is None
    report = cells[("consumer", "en")]
    assert report is not None and set(report.to_dict()) == {
        "size",
        "threshold",
        "accuracy_above",
        "coverage",
        "ece",
    }
    assert report.size == 1 and 0 <= report.coverage <= 1


def test_the_built_model_carries_its_version_and_calibration() -> None:
    meta = json.loads((model_dir() / "meta.json").read_text(encoding="utf-8"))
    calibration = json.loads((model_dir() / "calibration.json").read_text(encoding="utf-8"))
    assert meta["version"] and set(meta["held_out_macro_f1"]) == set(calibration)
    for cell in ("consumer/en", "consumer/zh"):
        assert set(calibration[cell]) == {
            "temperature",
            "threshold",
            "accuracy_above",
            "coverage",
            "ece",
        }
        assert 0 < calibration[cell]["threshold"] <= 1.01


# A tiny corpus that a model learns in seconds: one telling word per label.
TINY = {
    ("consumer", "en"): {"delivery": "parcel", "defective": "broken", "counterfeit": "fake"},
    ("consumer", "zh"): {"delivery": "快递", "defective": "坏了", "counterfeit": "假货"},
    ("ipr", "en"): {"trademark": "logo", "copyright": "photos"},
    ("ipr", "zh"): {"trademark": "商标", "copyright": "图片"},
}


def _tiny_corpus(root: Path) -> Path:
    for (kind, lang), words in TINY.items():
        folder = root / kind / lang
        folder.mkdir(parents=True, exist_ok=True)
        for label, word in words.items():
            texts = [f"{word} {n}" if lang == "en" else f"{word}{n}号" for n in range(60)]
            lines = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
            (folder / f"{label}.jsonl").write_text(lines, encoding="utf-8")
    return root


def test_a_candidate_model_that_scores_lower_is_refused(tmp_path: Path) -> None:
    out, corpus = tmp_path / "model", _tiny_corpus(tmp_path / "corpus")
    train(out, log=False, root=corpus, epochs=3)
    meta = json.loads((out / "meta.json").read_text())
    assert meta["held_out_macro_f1"]["consumer/en"] == 1.0
    # An untrained candidate (no epoch at all) scores lower on the same held-out texts.
    with pytest.raises(CandidateRejected, match="the model in use stays"):
        train(out, log=False, root=corpus, epochs=0)
    assert json.loads((out / "meta.json").read_text()) == meta
    assert (out / "en" / "config.cfg").exists() and not (tmp_path / "model.candidate").exists()
    train(out, log=False, root=corpus, epochs=0, force=True)
    assert json.loads((out / "meta.json").read_text())["held_out_macro_f1"]["consumer/en"] < 1.0


@pytest.mark.parametrize(
    "platform",
    [
        "淘宝",
        "天猫",
        "京东",
        "拼多多",
        "抖音",
        "快手",
        "闲鱼",
        "唯品会",
        "苏宁",
        "当当",
        "1688",
        "得物",
    ],
)
def test_chinese_platforms_are_recognised_whole(platform: str) -> None:
    text = f"我在{platform}上买的东西一直没发货"
    found = [(e.label, e.text) for e in find_all_entities(text)]
    assert ("PLATFORM", platform) in found


@pytest.mark.parametrize(
    ("text", "shop"),
    [
        ("在淘宝上杭州优品贸易有限公司买的手机，屏幕有问题", "杭州优品贸易有限公司"),
        ("深圳市光明眼镜旗舰店卖假货", "深圳市光明眼镜旗舰店"),
        ("这家小米手机专营店发货慢", "小米手机专营店"),
        ("上海美美服饰有限公司不给退款", "上海美美服饰有限公司"),
    ],
)
def test_chinese_shop_names_are_recognised_whole(text: str, shop: str) -> None:
    assert ("SELLER", shop) in [(e.label, e.text) for e in find_all_entities(text)]


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("The earbuds stopped charging after a week.", "earbuds"),
        ("Returned my iPhone X twice and still no refund.", "iPhone"),
        ("My dog won't touch this dog food, it smells off.", "dog food"),
        ("买的扫地机器人用了两天就坏了", "扫地机器人"),
    ],
)
def test_products_as_people_name_them(text: str, product: str) -> None:
    spans = [e for e in find_all_entities(text) if e.label == "PRODUCT"]
    assert any(product in e.text for e in spans), spans
