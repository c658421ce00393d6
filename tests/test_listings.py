"""Listings that stream, say what they show, and take what users type."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from nkru.index import Catalog
from nkru.labels import labels_for
from nkru.query import Hit
from nkru.render.names import formats_for
from nkru.render.stream import TITLE_LEAST, Layout, event_table


def test_a_table_is_written_before_its_last_row_is_read(catalog: Catalog) -> None:
    read = 0

    def hits() -> Iterator[Hit]:
        nonlocal read
        for event in catalog.events():
            read += 1
            yield Hit(event)

    chunks = event_table(hits(), catalog, "en", 100)
    first = next(chunks)
    assert "┃ When" in first and read < catalog.count()
    rest = "".join(chunks)
    assert read == catalog.count() and rest.rstrip().endswith("┘")


@pytest.mark.parametrize("width", [60, 80, 100, 120, 200, 1000])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_column_widths_come_from_the_width_alone(catalog: Catalog, width: int, lang: str) -> None:
    layout = Layout(labels_for(lang), width, scored=True)
    if layout.stacked:
        return
    assert layout.width <= width
    assert layout.widths["title"] >= TITLE_LEAST  # an id is never broken
    table = "".join(event_table((Hit(e) for e in catalog.events()), catalog, lang, width))
    from nkru.render.wrap import cell_len

    assert max(cell_len(line) for line in table.splitlines()) <= width
    for event in catalog.events():
        assert event.id in table


@pytest.mark.parametrize("kind", ["event", "events", "people", "sources", "trend"])
def test_help_offers_each_command_only_its_formats(nkru: Any, kind: str) -> None:
    command = {"event": "show", "events": "timeline", "people": "leaders"}.get(kind, kind)
    help_text = " ".join(nkru(command, "--help").out.split())
    for name in formats_for(kind):
        assert name in help_text
    for name in {"timelinejs", "csl-json"} - set(formats_for(kind)):
        assert name not in help_text


@pytest.mark.parametrize("fmt", formats_for("event"))
def test_show_writes_every_format_a_listing_has(nkru: Any, fmt: str) -> None:
    run = nkru("show", "1961", "--format", fmt)
    assert run.code == 0, run.err
    assert "1961-07-06-soviet-dprk-mutual-assistance-treaty" in run.out


def test_a_limit_says_what_it_shows_of_how_many(nkru: Any, catalog: Catalog) -> None:
    run = nkru("timeline", "--limit", "5", "--format", "plain")
    assert len(run.out.splitlines()) == 5
    assert f"5 of {catalog.count()}" in run.err
    every = nkru("timeline", "--format", "plain")
    assert " of " not in every.err
    assert "raise --limit" not in nkru("timeline", "--limit", "5", "--json").err


def test_search_says_how_many_matched_and_how_to_see_them(nkru: Any) -> None:
    run = nkru("search", "putin", "--limit", "3", "--format", "plain")
    total = len(nkru("search", "putin", "--all", "--json").json())
    assert len(run.out.splitlines()) == 3
    assert f"3 of {total}" in run.err and "--all" in run.err


def test_a_column_that_gives_way_is_named(nkru: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run = nkru("search", "putin", "--format", "table", "--lang", "en")
    assert "Not shown at this width: People" in run.err and "--format plain" in run.err
    monkeypatch.setenv("COLUMNS", "200")
    assert "Not shown" not in nkru("search", "putin", "--format", "table").err


def test_leaders_takes_a_name_of_several_words(nkru: Any) -> None:
    run = nkru("leaders", "Kim", "Jong", "Un", "--json")
    assert run.code == 0, run.err
    assert [p["id"] for p in run.json()] == ["kim-jong-un"]


def test_leader_and_topic_may_be_repeated_and_mean_any(nkru: Any) -> None:
    both = nkru("timeline", "--leader", "putin", "--leader", "stalin", "--json").json()
    putin = nkru("timeline", "--leader", "putin", "--json").json()
    stalin = nkru("timeline", "--leader", "stalin", "--json").json()
    assert {e["id"] for e in both} == {e["id"] for e in putin} | {e["id"] for e in stalin}
    topics = nkru("timeline", "--topic", "sanctions", "--topic", "nuclear", "--json").json()
    assert topics and all({"sanctions", "nuclear"} & set(e["topics"]) for e in topics)


def test_topics_take_their_vietnamese_names(nkru: Any) -> None:
    vietnamese = nkru("timeline", "--topic", "trừng phạt", "--json").json()
    assert vietnamese == nkru("timeline", "--topic", "sanctions", "--json").json()


def test_a_name_too_short_to_tell_is_refused_with_the_candidates(nkru: Any) -> None:
    run = nkru("timeline", "--leader", "s")
    assert run.code == 2
    assert "too short" in run.err and "Sergei Lavrov" in run.err


def test_a_guessed_name_is_named_on_stderr(nkru: Any) -> None:
    run = nkru("timeline", "--leader", "gorb", "--json")
    assert run.code == 0
    assert "Mikhail Gorbachev" in run.err
    assert all(any(p["id"] == "mikhail-gorbachev" for p in e["people"]) for e in run.json())


def test_all_and_limit_together_are_refused(nkru: Any) -> None:
    run = nkru("search", "putin", "--all", "--limit", "3")
    assert run.code == 2 and "--all" in run.err


def test_every_link_reaches_plain_csv_and_markdown(nkru: Any, catalog: Catalog) -> None:
    plain = nkru("sources", "--format", "plain").out
    some = next(iter(catalog.references.values()))
    assert some.URL in plain
    markdown = nkru("sources", "--format", "markdown").out
    assert some.URL in markdown
    rows = list(csv.DictReader(io.StringIO(nkru("timeline", "--format", "csv").out)))
    assert all(row["source_urls"].startswith("http") for row in rows if row["source_urls"])
    first = json.loads(nkru("timeline", "--json", "--limit", "1").out)[0]
    for source in first["sources"]:
        assert {"id", "title", "publisher", "date", "url"} <= set(source)
        assert source["id"] in rows[0]["source_details"]


def test_nkru_pager_wins_over_pager(monkeypatch: pytest.MonkeyPatch) -> None:
    from nkru.render.emit import pager_command

    monkeypatch.setenv("PAGER", "more")
    monkeypatch.setenv("NKRU_PAGER", "less -S")
    assert pager_command() == "less -S"
    monkeypatch.setenv("NKRU_PAGER", "")
    assert pager_command() == ""


def test_cache_lists_and_clears_the_indexes(tmp_path: Any) -> None:
    import os
    import subprocess

    from .conftest import console_script

    script = console_script()
    assert script is not None
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run([script, "timeline", "--limit", "1"], env=env, capture_output=True, check=True)
    listed = subprocess.run([script, "cache", "--json"], env=env, capture_output=True, text=True)
    (index,) = json.loads(listed.stdout)
    assert index["store_exists"] and index["size"] > 0
    cleared = subprocess.run([script, "cache", "--clear"], env=env, capture_output=True, text=True)
    assert cleared.returncode == 0 and "Removed" in cleared.stdout
    assert not list((tmp_path / "nkru").glob("index-*"))
    empty = subprocess.run([script, "cache"], env=env, capture_output=True, text=True)
    assert empty.returncode == 1


def test_every_table_says_which_columns_gave_way(
    nkru: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    narrow = nkru("leaders", "--format", "table")
    assert narrow.code == 0 and "Not shown at this width:" in narrow.err
    monkeypatch.setenv("COLUMNS", "240")
    assert "Not shown" not in nkru("leaders", "--format", "table").err
