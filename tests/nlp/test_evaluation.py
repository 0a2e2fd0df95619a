import pytest

from nlp.evaluation import evaluate_entities, score
from nlp.markup import Span
from nlp.training_data import Example


def test_score_gives_per_label_figures_and_macro_over_present_labels() -> None:
    gold = ["a", "a", "b", "b"]
    predicted = ["a", "b", "b", "c"]
    report = score(gold, predicted, ["a", "b", "c", "d"])
    a, b, c, d = (report.labels[x] for x in "abcd")
    assert (a.precision, a.recall, a.support) == (1.0, 0.5, 2)
    assert a.f1 == pytest.approx(2 / 3)
    assert (b.precision, b.recall) == (0.5, 0.5)
    assert (c.precision, c.recall, c.f1, c.support) == (0.0, None, None, 0)
    assert (d.precision, d.recall, d.f1) == (None, None, None)
    assert report.macro_f1 == pytest.approx((2 / 3 + 0.5) / 2)


def test_entities_are_scored_by_exact_span_and_label() -> None:
    temu = (Span("PLATFORM", 0, 4),)
    examples = [Example("Temu sold it", "consumer", "en", "fraud", temu, "test:1")]
    perfect = evaluate_entities(examples, lambda text: [("PLATFORM", 0, 4)])["en"]
    shifted = evaluate_entities(examples, lambda text: [("PLATFORM", 0, 3)])["en"]
    assert perfect is not None and perfect.labels["PLATFORM"].f1 == 1.0
    assert shifted is not None and shifted.labels["PLATFORM"].f1 == 0.0
    assert evaluate_entities(examples, lambda text: [])["zh"] is None
