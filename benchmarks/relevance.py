"""Search quality on the bundled store: hit@1, hit@5, MRR and nDCG@10, by kind and split.

    python benchmarks/relevance.py [--show-misses] [--file PATH ...]

Twelve query files, one JSON object a line:

- ``relevance_queries.jsonl``: queries as users type them (names in every spelling and
  script, typos, no accents, phrases), each with the one or two events that answer it.
- ``relevance_examples.jsonl``: the failures the issue that asked for questions names.
- ``relevance_questions.jsonl``: questions and paraphrases written by a judge who first wrote
  what a journalist or student would want to know, then looked the answers up in the store;
  each with ``answers`` (grade 2) and ``related`` events (grade 1).
- ``relevance_judged.jsonl``: 136 more, written the same way by a second judge who never saw
  the ranking code, the other files or the tool's answers (questions, paraphrases, Vietnamese,
  dates, who went where); a third of each kind is held out.
- ``relevance_third.jsonl``: 90 by a third judge, the same way and under the same blindness
  (15 each of questions, paraphrases, Vietnamese, dates, who went where and names), written
  after the ranking above was tuned; a third of each kind is held out.
- ``relevance_fourth.jsonl``: 80 by a fourth judge, the same way: questions and Vietnamese
  above all (25 each), paraphrases and dates (15 each); a third of each kind is held out.
- ``relevance_fifth.jsonl``: 60 by a fifth judge, the same way (20 each of paraphrases,
  Vietnamese and questions), except that the judge wrote some of them, in place of questions
  the store could not answer, after reading the store; a third of each kind is held out.
- ``relevance_sixth.jsonl``: 72 by a sixth judge, the same way (12 each of names, topics,
  Vietnamese, dates, questions and paraphrases, the kinds the issue's own held-out set has),
  all held out: nothing was tuned on them. One paraphrase replaces one the store could not
  answer (``"replaced": true``).
- ``relevance_seventh.jsonl``: 90 by a seventh judge, the same way (24 each of paraphrases and
  Vietnamese, 16 of them with tones and 8 without, 18 questions, 12 each of who went where and
  dates), written after all the ranking above; a third of each kind is held out. Five replace
  queries the store could not answer (``"replaced": true``).
- ``relevance_eighth.jsonl``: 80 by an eighth judge, the same way (14 questions, 14
  paraphrases, 16 Vietnamese, 5 of them without tones, 12 dates, 12 who went where, 6 names
  and 6 topics), written before the ranking changes that followed it; a third of each kind is
  held out. One replaces a query the store could not answer.
- ``relevance_vietnamese.jsonl``: 60 in Vietnamese by a ninth judge, the same way, 45 with
  tones and 15 typed without, in a reader's own words (``tử trận``, ``chuyến bay thẳng``,
  ``Kim Chính Ân``); all for tuning: the thesaurus learned its Vietnamese words.
- ``relevance_tenth.jsonl``: 80 by a tenth judge, the same way (14 each of names,
  Vietnamese, questions and paraphrases, 12 each of topics and dates, the kinds the issue's
  own held-out set has), all held out: written while the ranking above was changed, and
  scored only once it was done.

Each line has a ``split``: ``tune`` or ``heldout`` (the first file's ``heldout: true`` is
``heldout``). Ranking is tuned on ``tune`` lines only; ``--show-misses`` lists only those, so
a held-out line's answers are never shown. hit@k and MRR count answers only; nDCG@10 uses
both grades (gain 2^grade − 1). An id an event has since been renamed from is followed to the
event's current id.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from nkru.errors import NkruError
from nkru.index import Catalog, open_catalog
from nkru.search import search

QUERIES = Path(__file__).with_name("relevance_queries.jsonl")
QUESTIONS = Path(__file__).with_name("relevance_questions.jsonl")
#: The failures issue 20 names, as tuning examples (all ``tune``).
EXAMPLES = Path(__file__).with_name("relevance_examples.jsonl")
#: The second judge's queries.
JUDGED = Path(__file__).with_name("relevance_judged.jsonl")
#: The third judge's queries.
THIRD = Path(__file__).with_name("relevance_third.jsonl")
#: The fourth judge's queries.
FOURTH = Path(__file__).with_name("relevance_fourth.jsonl")
#: The fifth judge's queries.
FIFTH = Path(__file__).with_name("relevance_fifth.jsonl")
#: The sixth judge's queries, all held out.
SIXTH = Path(__file__).with_name("relevance_sixth.jsonl")
#: The seventh judge's queries.
SEVENTH = Path(__file__).with_name("relevance_seventh.jsonl")
#: The eighth judge's queries.
EIGHTH = Path(__file__).with_name("relevance_eighth.jsonl")
#: The ninth judge's Vietnamese queries, all for tuning.
VIETNAMESE = Path(__file__).with_name("relevance_vietnamese.jsonl")
#: The tenth judge's queries, all held out.
TENTH = Path(__file__).with_name("relevance_tenth.jsonl")
#: How many hits each query is scored on.
DEPTH = 10


@dataclass
class Scores:
    """Hit@1, hit@5, MRR and nDCG@10 over a set of queries, with the queries missed."""

    count: int
    hit1: float
    hit5: float
    mrr: float
    ndcg: float = 0.0
    empty: int = 0
    misses: list[tuple[str, list[str], list[str]]] = field(default_factory=list)


def load_queries(path: Path = QUERIES) -> list[dict[str, object]]:
    """A benchmark file's queries, each with ``answers``, ``related`` and ``split``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if not line.strip():
            continue
        item = json.loads(line)
        if "answers" not in item:
            item["answers"] = item.get("expected", [])
        item.setdefault("related", [])
        if "split" not in item:
            item["split"] = "heldout" if item.get("heldout") else "tune"
        out.append(item)
    return out


def _current(catalog: Catalog, event_id: str) -> str:
    """The id an event has now, following a rename; the id itself when it names nothing."""
    row = catalog.conn.execute("SELECT id FROM aliases WHERE alias = ?", (event_id,)).fetchone()
    if row is not None:
        return str(row[0])
    return event_id


def _ids(catalog: Catalog, item: dict[str, object], key: str) -> set[str]:
    values = item.get(key) or []
    assert isinstance(values, list)
    return {_current(catalog, str(e)) for e in values}


def evaluate(catalog: Catalog, queries: list[dict[str, object]]) -> Scores:
    """Rank every query with the library's search and score the graded events' ranks."""
    hit1 = hit5 = empty = 0
    reciprocal = gained = 0.0
    misses = []
    for item in queries:
        query = str(item["query"])
        answers = _ids(catalog, item, "answers")
        grades = dict.fromkeys(_ids(catalog, item, "related"), 1)
        grades.update(dict.fromkeys(answers, 2))
        try:
            hits = search(catalog, [query], limit=DEPTH).hits
        except NkruError:
            hits = []
        ranked = [h.event.id for h in hits]
        empty += not ranked
        rank = next((n for n, event_id in enumerate(ranked, 1) if event_id in answers), None)
        if rank == 1:
            hit1 += 1
        if rank is not None and rank <= 5:
            hit5 += 1
        if rank is not None:
            reciprocal += 1 / rank
        dcg = sum((2 ** grades.get(e, 0) - 1) / math.log2(n + 1) for n, e in enumerate(ranked, 1))
        ideal = sorted(grades.values(), reverse=True)[:DEPTH]
        best = sum((2**g - 1) / math.log2(n + 1) for n, g in enumerate(ideal, 1))
        gained += dcg / best if best else 0.0
        if rank != 1:
            misses.append((query, sorted(answers), ranked[:3]))
    total = max(len(queries), 1)
    return Scores(
        len(queries), hit1 / total, hit5 / total, reciprocal / total, gained / total, empty, misses
    )


def _row(name: str, scores: Scores) -> str:
    figures = f"{scores.hit1:.3f} | {scores.hit5:.3f} | {scores.mrr:.3f} | {scores.ndcg:.3f}"
    return f"| {name} | {scores.count} | {figures} | {scores.empty} |"


def report(catalog: Catalog, path: Path, show_misses: bool) -> None:
    """Print one file's table: each split, then each kind within it."""
    queries = load_queries(path)
    print(f"\n{path.name}\n")
    print("| part | queries | hit@1 | hit@5 | MRR | nDCG@10 | empty |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    tune_misses: list[tuple[str, list[str], list[str]]] = []
    for split in ("tune", "heldout"):
        part = [q for q in queries if q["split"] == split]
        if not part:
            continue
        scores = evaluate(catalog, part)
        if split == "tune":
            tune_misses = scores.misses
        print(_row(f"**{split}**", scores))
        kinds: dict[str, list[dict[str, object]]] = defaultdict(list)
        for item in part:
            kinds[str(item.get("kind", "other"))].append(item)
        for kind in sorted(kinds):
            print(_row(f"{split} · {kind}", evaluate(catalog, kinds[kind])))
    print(_row("all", evaluate(catalog, queries)))
    if show_misses:
        print(f"\ntune misses in {path.name} (held-out answers are never shown):")
        for query, expected, got in tune_misses:
            print(f"- {query!r}: want {expected}, got {got}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-misses", action="store_true", help="list tune queries not ranked 1st"
    )
    parser.add_argument("--file", type=Path, nargs="+", help="query files (default: all twelve)")
    options = parser.parse_args()
    catalog = open_catalog()
    every = (
        *(QUERIES, EXAMPLES, QUESTIONS, JUDGED, THIRD, FOURTH),
        *(FIFTH, SIXTH, SEVENTH, EIGHTH, VIETNAMESE, TENTH),
    )
    files = options.file or [p for p in every if p.exists()]
    for path in files:
        report(catalog, path, options.show_misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
