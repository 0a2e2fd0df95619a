"""The corpus check `python -m nlp train` runs first: label counts, and texts that share long runs.

A corpus written from one template per label teaches the model the template, not the problem.
Two texts that share a run of 8 words (English) or 12 characters (Chinese, spaces and punctuation
ignored) were most likely written from one pattern; when more than 5 % of the texts do, the
corpus is refused.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from nlp.training_data import Example

WORD_RUN = 8  # English words
CHAR_RUN = 12  # Chinese characters
MAX_SHARED = 0.05  # of all texts

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
CJK_TEXT = re.compile(r"[^\W_]")  # letters and digits only: spaces and punctuation do not count


class CorpusTooRepetitive(ValueError):
    """More than MAX_SHARED of the texts share a long run with another text."""


@dataclass(frozen=True)
class CorpusReport:
    counts: dict[tuple[str, str, str], int]  # (kind, lang, label) -> texts
    sharing: list[Example]  # texts that share a long run with another text
    total: int

    @property
    def shared_share(self) -> float:
        return len(self.sharing) / self.total if self.total else 0.0

    def format(self) -> str:
        lines = ["corpus: texts per kind, language and label"]
        for (kind, lang, label), n in sorted(self.counts.items()):
            lines.append(f"  {kind}/{lang}/{label:<18} {n:>5}")
        lines.append(
            f"texts sharing a run of {WORD_RUN} words or {CHAR_RUN} characters with another:"
            f" {len(self.sharing)} of {self.total} ({self.shared_share:.1%}, at most"
            f" {MAX_SHARED:.0%})"
        )
        return "\n".join(lines)


def runs(example: Example) -> Iterator[str]:
    """The long runs of a text: 8-word windows in English, 12-character windows in Chinese."""
    if example.lang == "zh":
        chars = "".join(CJK_TEXT.findall(example.text.lower()))
        for start in range(len(chars) - CHAR_RUN + 1):
            yield chars[start : start + CHAR_RUN]
    else:
        words = WORD.findall(example.text.lower())
        for start in range(len(words) - WORD_RUN + 1):
            yield " ".join(words[start : start + WORD_RUN])


def check_corpus(examples: list[Example]) -> CorpusReport:
    """Count the labels and find the texts sharing a long run with another text."""
    owners: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, example in enumerate(examples):
        for run in set(runs(example)):
            owners[(example.lang, run)].add(index)
    sharing = sorted({i for texts in owners.values() if len(texts) > 1 for i in texts})
    counts = Counter((ex.kind, ex.lang, ex.label) for ex in examples)
    return CorpusReport(dict(counts), [examples[i] for i in sharing], len(examples))


def require_varied(report: CorpusReport) -> None:
    """Refuse a corpus written from templates, naming a few of the texts concerned."""
    if report.shared_share > MAX_SHARED:
        examples = ", ".join(ex.source for ex in report.sharing[:5])
        raise CorpusTooRepetitive(
            f"{report.shared_share:.1%} of the corpus texts share a run of {WORD_RUN} words or"
            f" {CHAR_RUN} characters with another text (at most {MAX_SHARED:.0%}); for example"
            f" {examples}"
        )
