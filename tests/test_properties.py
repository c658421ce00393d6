"""Properties over generated stores, planted mistakes and damaged indexes.

CI runs a few dozen examples of each; a longer run, for a nightly job:
``HYPOTHESIS_PROFILE=nightly pytest tests/test_properties.py`` (2,000 examples each).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkru.dates import day_range
from nkru.index import _index_path, open_catalog
from nkru.models import TONES, TOPICS
from nkru.query import Filters
from nkru.store import packaged_store_path
from nkru.validate import check_store

from .conftest import Run

settings.register_profile(
    "ci", max_examples=30, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "nightly", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REAL = json.loads(packaged_store_path().read_text("utf-8"))
HOSTILE = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
    lambda t: t.strip() != ""
)


@st.composite
def partial_dates(draw: Any) -> str:
    year = draw(st.integers(1945, 2026))
    precision = draw(st.integers(0, 2))
    if precision == 0:
        return f"{year}"
    month = draw(st.integers(1, 12))
    if precision == 1:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{draw(st.integers(1, 28)):02d}"


@st.composite
def stores(draw: Any) -> dict[str, Any]:
    """A valid store: unique ids, any date precision, hostile text in titles and summaries."""
    store = json.loads(json.dumps(REAL))
    reference = store["references"][0]["id"]
    people = [p["id"] for p in store["people"]]
    events = []
    for number in range(draw(st.integers(1, 12))):
        start = draw(partial_dates())
        end = draw(st.none() | partial_dates())
        if end is not None and end[: min(len(start), len(end))] < start[: len(end)]:
            end = None
        text = draw(HOSTILE)
        events.append(
            {
                "id": f"{start}-generated-{number}",
                "start": start,
                "end": end,
                "approximate": draw(st.booleans()),
                "title": {"en": text, "vi": text + " ư"},
                "summary": {"en": draw(HOSTILE), "vi": draw(HOSTILE)},
                "tone": draw(st.sampled_from(TONES)),
                "topics": draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3)),
                "sources": [{"source": reference, "quote": "q"}],
                "people": draw(st.lists(st.sampled_from(people), max_size=3, unique=True)),
            }
        )
    store["events"] = events
    return store


def _write(tmp: Path, store: dict[str, Any]) -> Path:
    path = tmp / "store.json"
    path.write_text(json.dumps(store, ensure_ascii=False), encoding="utf-8")
    return path


@given(
    store=stores(),
    since=st.none() | partial_dates(),
    until=st.none() | partial_dates(),
    tone=st.none() | st.sampled_from(TONES),
    topic=st.none() | st.sampled_from(TOPICS),
)
def test_answers_match_a_plain_model_of_the_filters(
    tmp_path_factory: pytest.TempPathFactory,
    store: dict[str, Any],
    since: str | None,
    until: str | None,
    tone: str | None,
    topic: str | None,
) -> None:
    if since and until and day_range(since)[0] > day_range(until)[1]:
        since, until = until, since
    tmp = tmp_path_factory.mktemp("generated")
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")
    catalog = open_catalog(_write(tmp, store))
    filters = Filters(since=since, until=until, tone=tone, topic=topic)

    def passes(event: dict[str, Any]) -> bool:
        first, last = day_range(event["start"])[0], day_range(event["end"] or event["start"])[1]
        return (
            (since is None or last >= day_range(since)[0])
            and (until is None or first <= day_range(until)[1])
            and (tone is None or event["tone"] == tone)
            and (topic is None or topic in event["topics"])
        )

    expected = sorted(e["id"] for e in store["events"] if passes(e))
    found = [e.id for e in catalog.events(filters)]
    assert sorted(found) == expected
    keys = [(e.start, e.last, e.id) for e in catalog.events(filters)]
    assert keys == sorted(keys)  # date order


MUTATIONS = {
    "start": lambda e: e.update(start="1991-13"),
    "tone": lambda e: e.update(tone="hot"),
    "person": lambda e: e.update(people=["nobody-at-all"]),
    "source": lambda e: e["sources"][0].update(source="no-such-source"),
    "title": lambda e: e.update(title={"en": "", "vi": "x"}),
    "unknown": lambda e: e.update(colour="red"),
}


@given(
    chosen=st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=6, unique=True),
    offset=st.integers(0, 60),
)
def test_validate_lists_every_planted_mistake_and_no_command_answers(
    tmp_path_factory: pytest.TempPathFactory, chosen: list[str], offset: int
) -> None:
    store = json.loads(json.dumps(REAL))
    planted = []
    for number, name in enumerate(chosen):
        event = store["events"][offset + number * 7]
        MUTATIONS[name](event)
        planted.append(event["id"])
    tmp = tmp_path_factory.mktemp("mutated")
    path = _write(tmp, store)
    report = check_store(path)
    named = {p.event for p in report.problems}
    assert set(planted) <= named, (chosen, report.errors)
    assert len(report.problems) >= len(chosen)
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")
    for args in (["timeline"], ["search", "putin"], ["show", "1961"], ["trend"]):
        result = Run([*args, "--data", str(path)])
        assert result.code == 2, (args, result.err)
        assert result.err.count("Error:") == 1 and "Traceback" not in result.err


@given(offsets=st.lists(st.integers(0, 10**9), min_size=1, max_size=4), value=st.integers(0, 255))
def test_a_damaged_index_never_changes_an_answer(
    tmp_path_factory: pytest.TempPathFactory, offsets: list[int], value: int
) -> None:
    tmp = tmp_path_factory.mktemp("damaged")
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")
    store = packaged_store_path()
    pristine = [Run(["timeline", "--json", "--data", str(store)]).out]
    pristine.append(Run(["search", "treaty", "--json", "--data", str(store)]).out)
    index = _index_path(store)
    data = bytearray(index.read_bytes())
    for offset in offsets:
        data[offset % len(data)] = value
    index.write_bytes(bytes(data))
    assert Run(["timeline", "--json", "--data", str(store)]).out == pristine[0]
    assert Run(["search", "treaty", "--json", "--data", str(store)]).out == pristine[1]
