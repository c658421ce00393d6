"""Search quality on the bundled store: hit@1, hit@5 and mean reciprocal rank.

    python benchmarks/relevance.py [--show-misses]

The queries in ``relevance_queries.jsonl`` are written as users type them (names in every
spelling and script, typos, no accents, phrases, questions), each with the one or two events
that answer it, by a reader who did not see the ranking code. A third of them is held out:
ranking is tuned on the rest, and both parts are reported. An expected id that an event has
since been renamed from is followed to the event's current id.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from nkru.errors import NotFoundError
from nkru.index import Catalog, open_catalog

QUERIES = Path(__file__).with_name("relevance_queries.jsonl")


@dataclass
class Scores:
    """Hit@1, hit@5 and MRR over a set of queries."""

    count: int
    hit1: float
    hit5: float
    mrr: float
    misses: list[tuple[str, list[str], list[str]]]


def load_queries(path: Path = QUERIES) -> list[dict[str, object]]:
    """The benchmark's queries, one JSON object a line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _current(catalog: Catalog, event_id: str) -> str:
    """The id an event has now, following a rename; the id itself when it names nothing."""
    row = catalog.conn.execute("SELECT id FROM aliases WHERE alias = ?", (event_id,)).fetchone()
    if row is not None:
        return str(row[0])
    return event_id


def evaluate(catalog: Catalog, queries: list[dict[str, object]]) -> Scores:
    """Rank every query with the library's search and score the expected events' ranks."""
    hit1 = hit5 = 0
    reciprocal = 0.0
    misses = []
    for item in queries:
        query = str(item["query"])
        expected = {_current(catalog, str(e)) for e in item["expected"]}  # type: ignore[attr-defined]
        try:
            hits = catalog.search([query], limit=10).hits
        except NotFoundError:
            hits = []
        ranked = [h.event.id for h in hits]
        rank = next((n for n, event_id in enumerate(ranked, 1) if event_id in expected), None)
        if rank == 1:
            hit1 += 1
        if rank is not None and rank <= 5:
            hit5 += 1
        if rank is not None:
            reciprocal += 1 / rank
        if rank != 1:
            misses.append((query, sorted(expected), ranked[:3]))
    total = max(len(queries), 1)
    return Scores(len(queries), hit1 / total, hit5 / total, reciprocal / total, misses)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="list queries not ranked 1st")
    options = parser.parse_args()
    catalog = open_catalog()
    queries = load_queries()
    parts = {
        "tuning": [q for q in queries if not q.get("heldout")],
        "held out": [q for q in queries if q.get("heldout")],
        "all": queries,
    }
    print("| part | queries | hit@1 | hit@5 | MRR |")
    print("| --- | --- | --- | --- | --- |")
    results = {}
    for name, part in parts.items():
        scores = evaluate(catalog, part)
        results[name] = scores
        figures = f"{scores.hit1:.3f} | {scores.hit5:.3f} | {scores.mrr:.3f}"
        print(f"| {name} | {scores.count} | {figures} |")
    if options.show_misses:
        for query, expected, got in results["all"].misses:
            print(f"- {query!r}: want {expected}, got {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
