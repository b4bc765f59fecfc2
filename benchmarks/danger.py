"""`python -m benchmarks.danger`: how the crisis phrase matcher does on the test corpora,
one per language (tests/data/crisis_corpus.txt in English, crisis_corpus_de.txt in German,
and so on): recall on the danger set, false positives on the rest, and each sentence it
gets wrong. Every language's phrases are matched in every message, as the bot does."""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from features.safety.crisis import CrisisData, load

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
CORPUS = DATA / "crisis_corpus.txt"
# Each language's corpus, by language code.
CORPORA = {
    "en": CORPUS,
    **{code: DATA / f"crisis_corpus_{code}.txt" for code in ("de", "es", "fr", "ru")},
}


@dataclass(frozen=True, slots=True)
class Scores:
    """What the matcher made of a corpus."""

    danger: int
    safe: int
    missed: tuple[str, ...]
    false_alarms: tuple[str, ...]

    @property
    def recall(self) -> float:
        return 1 - len(self.missed) / self.danger if self.danger else 1.0

    @property
    def false_positive_rate(self) -> float:
        return len(self.false_alarms) / self.safe if self.safe else 0.0


def read_corpus(path: Path = CORPUS) -> list[tuple[bool, str]]:
    """(must show help, sentence) for each "+ " or "- " line; comments and blanks skipped."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        mark, _, sentence = line.partition(" ")
        if mark not in "+-" or len(mark) != 1 or not sentence.strip():
            raise ValueError(f"{path.name}:{number}: expected '+ sentence' or '- sentence'")
        found.append((mark == "+", sentence.strip()))
    return found


def measure(crisis: CrisisData, corpus: list[tuple[bool, str]]) -> Scores:
    """Recall and false alarms of `crisis.suggests_danger` on the corpus."""
    missed = tuple(s for danger, s in corpus if danger and not crisis.suggests_danger(s))
    alarms = tuple(s for danger, s in corpus if not danger and crisis.suggests_danger(s))
    return Scores(sum(d for d, _ in corpus), sum(not d for d, _ in corpus), missed, alarms)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.danger", description=__doc__)
    parser.add_argument("--crisis-file", type=Path, help="default: the bundled crisis.json")
    parser.add_argument("--corpus", type=Path, help="one corpus; default: every language's")
    options = parser.parse_args()
    crisis = load(options.crisis_file)
    corpora = {options.corpus.name: options.corpus} if options.corpus else CORPORA
    for name, path in corpora.items():
        if len(corpora) > 1:
            print(f"== {name} ({path.name})")
        _report(measure(crisis, read_corpus(path)))
    reading = _reading_time(crisis, corpora.values())
    print(f"longest message   {reading:.2f} ms to read (4096 characters)")


def _report(scores: Scores) -> None:
    print(f"danger sentences  {scores.danger}")
    print(f"other sentences   {scores.safe}")
    shown = scores.danger - len(scores.missed)
    print(f"recall            {scores.recall:.1%} ({shown} of {scores.danger} shown help)")
    print(
        f"false positives   {scores.false_positive_rate:.1%} "
        f"({len(scores.false_alarms)} of {scores.safe})"
    )
    for sentence in scores.missed:
        print(f"  missed: {sentence}")
    for sentence in scores.false_alarms:
        print(f"  false alarm: {sentence}")


def _reading_time(crisis: CrisisData, corpora: Iterable[Path]) -> float:
    """Milliseconds to read Telegram's longest message, of everyday words that bring no
    help (so the matcher reads all of it), in every language of the corpora."""
    calm = [s for path in corpora for _, s in read_corpus(path) if not crisis.suggests_danger(s)]
    longest = (" ".join(calm) + " ") * 20
    longest = longest[:4096]
    started = time.perf_counter()
    for _ in range(50):
        crisis.suggests_danger(longest)
    return (time.perf_counter() - started) / 50 * 1000


if __name__ == "__main__":
    main()
