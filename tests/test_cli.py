"""The commands as users run them: formats, filters, exit codes and errors.

In-process through Typer's CliRunner for the tables of cases; the installed console script in a
subprocess for the end-to-end cases at the bottom.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkru import __version__

LISTINGS = [
    ["timeline"],
    ["search", "putin"],
    ["decade", "1990s"],
]
FORMATS = ["table", "plain", "json", "jsonl", "csv", "markdown", "timelinejs"]
EVENT_KEYS = {
    "id",
    "start",
    "end",
    "approximate",
    "period",
    "title",
    "summary",
    "tone",
    "topics",
    "people",
    "countries",
    "places",
    "sources",
    "note",
    "disputed",
    "claims",
    "aliases",
    "dispute",
}


def _ids(run: Any) -> list[str]:
    return [record["id"] for record in run.json()]


@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_listing_in_every_format(nkru: Any, command: list[str], fmt: str) -> None:
    run = nkru(*command, "--format", fmt)
    assert run.code == 0, run.err
    assert run.out.strip()
    expected = _ids(nkru(*command, "--json"))
    if fmt == "json":
        assert _ids(run) == expected
    elif fmt == "jsonl":
        assert [json.loads(line)["id"] for line in run.out.splitlines()] == expected
    elif fmt == "timelinejs":
        assert [e["unique_id"] for e in run.json()["events"]] == expected
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(run.out)))
        assert [row["id"] for row in rows] == expected
    elif fmt == "plain":
        lines = run.out.splitlines()
        assert [line.split("\t")[2] for line in lines] == expected
    elif fmt == "markdown":
        assert run.out.startswith("| ")
        assert len(run.out.splitlines()) == len(expected) + 2
    else:
        assert "┃" in run.out or "|" in run.out


def test_json_keys_are_the_documented_ones(nkru: Any) -> None:
    records = nkru("timeline", "--json").json()
    assert records
    for record in records:
        assert set(record) == EVENT_KEYS
        assert set(record["title"]) == {"en", "vi"}
        for person in record["people"]:
            assert set(person) == {"id", "name"}
            assert person["name"]["en"]
    for record in nkru("search", "putin", "--json").json():
        assert set(record) == EVENT_KEYS | {"score", "matched"}


def test_json_is_real_utf8(nkru: Any) -> None:
    out = nkru("search", "Bình", "Nhưỡng", "--json").out
    assert "Bình Nhưỡng" in out
    assert "\\u" not in out


def test_plain_output_has_iso_dates_and_no_truncation(nkru: Any, catalog: Any) -> None:
    lines = nkru("timeline", "--format", "plain").out.splitlines()
    events = list(catalog.events())
    assert len(lines) == len(events)
    for line, event in zip(lines, events, strict=True):
        start, end, event_id, tone, title, _people, disputed = line.split("\t")
        kinds = {"error": "disputed", "sources-differ": "sources-differ"}
        assert disputed == kinds.get(event.dispute or "", "")
        assert (start, end, event_id, tone, title) == (
            event.start,
            event.last,
            event.id,
            event.tone,
            event.title.en,
        )


def test_plain_is_the_default_in_a_pipe(nkru: Any) -> None:
    assert nkru("timeline").out == nkru("timeline", "--format", "plain").out


def test_lang_vi_and_env(nkru: Any, monkeypatch: pytest.MonkeyPatch, catalog: Any) -> None:
    vi = nkru("timeline", "--lang", "vi", "-f", "plain").out
    assert next(catalog.events()).title.vi in vi
    monkeypatch.setenv("NKRU_LANG", "vi")
    assert nkru("timeline", "-f", "plain").out == vi


def test_timeline_filters(nkru: Any) -> None:
    records = nkru("timeline", "--from", "1990", "--to", "1999", "--json").json()
    assert records
    assert all(r["start"][:4] <= "1999" and (r["end"] or r["start"])[:4] >= "1990" for r in records)
    putin = nkru("timeline", "--leader", "puttin", "--json").json()
    assert putin and all(any(p["id"] == "vladimir-putin" for p in r["people"]) for r in putin)
    cooling = nkru("timeline", "--tone", "cooling", "--topic", "sanctions", "--json").json()
    assert cooling and all(r["tone"] == "cooling" for r in cooling)
    assert all("sanctions" in r["topics"] for r in cooling)


def test_limit_and_reverse(nkru: Any) -> None:
    every = _ids(nkru("timeline", "--json"))
    assert _ids(nkru("timeline", "--limit", "3", "--json")) == every[:3]
    assert _ids(nkru("timeline", "--reverse", "-n", "2", "--json")) == every[::-1][:2]


def test_leader_by_vietnamese_name(nkru: Any) -> None:
    records = nkru("timeline", "--leader", "Kim Nhat Thanh", "--json").json()
    assert records and all(any(p["id"] == "kim-il-sung" for p in r["people"]) for r in records)


def test_an_ambiguous_leader_means_all_of_them(nkru: Any, store: Any) -> None:
    records = nkru("timeline", "--leader", "kim", "--json").json()
    kims = {p["id"] for r in records for p in r["people"] if p["id"].startswith("kim-")}
    acting = {p for e in store.events for p in e.people}
    named_kim = {p.id for p in store.people if p.name.en.split()[0] == "Kim" and p.id in acting}
    assert {"kim-il-sung", "kim-jong-il", "kim-jong-un"} <= kims
    assert kims == named_kim


@pytest.mark.parametrize(
    "decade",
    ["1950s", "1950", "50s", "'50s", "fifties", "the 1950s", "những năm 1950", "thập niên 50"],
)
def test_decade_forms_agree(nkru: Any, decade: str) -> None:
    assert _ids(nkru("decade", decade, "--json")) == _ids(nkru("decade", "1950s", "--json"))


@pytest.mark.parametrize("words", ["early fifties", "fifties soviet", "1955", "the fifties war"])
def test_words_that_are_not_one_whole_decade_are_refused(nkru: Any, words: str) -> None:
    done = nkru("decade", words)
    assert done.code == 2 and "is not a decade" in done.err


def test_an_era_is_listed_under_each_decade(nkru: Any, catalog: Any) -> None:
    era = next(e for e in catalog.events() if e.end_year // 10 > e.start_year // 10 + 1)
    for decade in range(era.start_year // 10 * 10, era.end_year + 1, 10):
        assert era.id in _ids(nkru("decade", str(decade), "--json"))


def test_search_ranks_and_scores(nkru: Any) -> None:
    records = nkru("search", "kim", "jong-un", "--json").json()
    assert records
    assert any(p["id"] == "kim-jong-un" for p in records[0]["people"])
    scores = [r["score"] for r in records]
    assert scores == sorted(scores, reverse=True)


def test_show_everything_about_one_event(nkru: Any, catalog: Any) -> None:
    event = next(e for e in catalog.events() if e.note is not None and e.claims)
    run = nkru("show", event.id, "--no-pager")
    assert run.code == 0
    flat = " ".join(run.out.split())
    for text in (event.title.en, event.title.vi, event.note.en.split()[0]):
        assert " ".join(text.split()) in flat
    for citation in event.sources:
        assert citation.source in run.out
    for claim in event.claims:
        for ref in claim.references:
            reference = catalog.references[ref]
            assert reference.URL in flat and reference.publisher in flat
    record = nkru("show", event.id, "--json").json()
    assert record["id"] == event.id and record["disputed"] is True
    assert record["claims"][0]["references"][0]["url"]


def test_leaders_lists_everyone(nkru: Any, catalog: Any) -> None:
    records = nkru("leaders", "--json").json()
    assert {r["id"] for r in records} == set(catalog.people)
    putin = next(r for r in records if r["id"] == "vladimir-putin")
    assert putin["event_count"] == len(catalog.event_ids_of_person("vladimir-putin")) > 0
    assert "Kim Nhật Thành" in nkru("leaders", "--lang", "vi", "-f", "plain").out


def test_validate_good_store(nkru: Any, catalog: Any) -> None:
    run = nkru("validate")
    assert run.code == 0
    assert f"{catalog.count()} events" in run.out


def test_validate_lists_every_problem(nkru: Any, tmp_path: Path, store_json: Any) -> None:
    broken = json.loads(json.dumps(store_json))
    broken["events"][0]["people"] = ["ghost"]
    broken["events"][1]["sources"][0]["source"] = "nowhere"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    run = nkru("validate", path)
    assert run.code == 2
    first, second = store_json["events"][0]["id"], store_json["events"][1]["id"]
    assert f"event {first} ($.events[0]) field people[0]" in run.err
    assert f"event {second} ($.events[1]) field sources[0].source" in run.err
    assert "2 problems" in run.err
    listed = nkru("validate", path, "--json")
    assert listed.code == 2
    assert [p["level"] for p in listed.json()] == ["error", "error"]


def test_validate_warns_of_a_note_naming_an_event_the_store_lacks(
    nkru: Any, tmp_path: Path, store_json: Any
) -> None:
    """An event renamed with its old id left in another event's note: the store still
    loads, and validate says which text names what."""
    changed = json.loads(json.dumps(store_json))
    event = changed["events"][1]
    event["note"] = {"en": "See 1950-06-25-no-such-event.", "vi": "Xem 1950-06-25-no-such-event."}
    path = tmp_path / "renamed.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    run = nkru("validate", path)
    assert run.code == 0, run.err
    shown = run.out + run.err
    assert f"{event['id']}: note.en: names no event: 1950-06-25-no-such-event" in shown
    assert "note.vi" in shown
    assert "names no event" not in nkru("validate").out + nkru("validate").err


def test_schema_command_prints_the_shipped_schema(nkru: Any) -> None:
    schema = nkru("schema").json()
    assert schema["$defs"]["Event"]["required"]


# --- errors: one line, the right exit code, never a traceback ---------------------------------

ERRORS = [
    (["decade", "199x"], 2, "Did you mean 1990s?"),
    (["decade", "1995"], 2, "Did you mean 1990s?"),
    (["decade", "abc"], 2, "not a decade"),
    (["show", "1961-07-06-mutual-defence-treati"], 1, "Did you mean"),
    (["show", "no-such-event"], 1, "no event with id"),
    (["search", ""], 2, "no words to look for"),
    (["search", "x" * 500], 2, "limit is"),
    (["search", "zzzzqqqq"], 1, "No events match"),
    (["timeline", "--leader", "nobody"], 2, "`nkru leaders` lists everyone"),
    (["timeline", "--topic", "sanctoins"], 2, "sanctions"),
    (["timeline", "--from", "2000", "--to", "1990"], 2, "swap"),
    (["timeline", "--data", "/nonexistent/store.json"], 2, "no such file (choose a store"),
    (["timeline", "--json", "--format", "csv"], 2, "choose one"),
    (["leaders", "--format", "timelinejs"], 2, "'timelinejs' is not one of"),
    (["timeline", "--from", "2024-13"], 2, "no month 13"),
    (["search", "putin", "--min-score", "nan"], 2, "not a number from 0 to 100"),
    (["search", "putin", "--min-score", "101"], 2, "not a number from 0 to 100"),
    (["timeline", "--bogus"], 2, "No such option"),
    (["decade"], 2, "Missing argument"),
]


@pytest.mark.parametrize(("args", "code", "message"), ERRORS, ids=lambda v: str(v)[:30])
def test_bad_input_is_one_clear_line(nkru: Any, args: list[str], code: int, message: str) -> None:
    run = nkru(*args)
    assert run.code == code
    assert message in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 or (len(lines) == 2 and lines[1].startswith("Try "))
    assert "Traceback" not in run.err + run.out


def test_nothing_found_in_json_is_an_empty_array(nkru: Any) -> None:
    run = nkru("search", "zzzzqqqq", "--json")
    assert run.code == 1
    assert run.json() == []
    run = nkru("timeline", "--from", "2030", "--json")
    assert run.code == 1
    assert run.json() == []


@pytest.mark.parametrize(
    "content", [b"", b"{", b'{"schema_version": 1, "events": [', b"[1, 2]", b"null"]
)
@pytest.mark.parametrize("command", [["timeline"], ["search", "putin"], ["decade", "90s"]])
def test_every_command_rejects_a_bad_store(
    nkru: Any, tmp_path: Path, content: bytes, command: list[str]
) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(content)
    run = nkru(*command, "--data", path)
    assert run.code == 2
    assert run.err.startswith(f"Error: {path}: ")
    assert len(run.err.strip().splitlines()) == 1


def test_nkru_data_env_chooses_the_store(
    nkru: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NKRU_DATA", str(tmp_path / "missing.json"))
    run = nkru("timeline")
    assert run.code == 2 and "missing.json" in run.err


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_search_output_is_always_json(text: str) -> None:

    from tests.conftest import Run

    result = Run(["search", "--json", "--", text])
    assert result.code in (0, 1, 2)
    if result.code in (0, 1):
        assert isinstance(json.loads(result.out), list)
    else:
        assert result.err.startswith("Error:")


@settings(max_examples=40, deadline=None)
@given(st.integers(1940, 2030), st.integers(0, 40))
def test_timeline_stays_sorted(first: int, span: int) -> None:
    from tests.conftest import Run

    result = Run(["timeline", "--from", str(first), "--to", str(first + span), "--json"])
    records = json.loads(result.out)
    keys = [(r["start"], r["end"] or r["start"]) for r in records]
    assert keys == sorted(keys)


def test_help_on_every_command(nkru: Any) -> None:
    from nkru.cli import app

    top = nkru("--help")
    assert top.code == 0
    names = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    assert len(names) >= 9
    for name in names:
        run = nkru(name, "--help")
        assert run.code == 0
        assert "Example" in run.out, f"{name} --help has no example"
        assert name in top.out


def test_nkru_alone_shows_the_help(nkru: Any) -> None:
    run = nkru()
    assert run.code == 0
    assert run.out.startswith("Usage: nkru") and "timeline" in run.out and "Error" not in run.err


def test_version(nkru: Any) -> None:
    out = nkru("--version").out.strip()
    assert out.startswith(f"nkru {__version__} (store: 1945 to ")


# --- end to end: the installed console script ----------------------------------------------


def test_installed_search_pipes_into_a_json_parser(run_installed: Any) -> None:
    result = run_installed("search", "putin", "--json", env={"NKRU_DATA": ""})
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and all("vladimir-putin" in [p["id"] for p in h["people"]] for h in hits[:3])


def test_installed_search_says_who_an_office_stood_for(run_installed: Any) -> None:
    """People see how "russian president" was read; a script's JSON is the events alone."""
    result = run_installed(
        "search",
        "russian",
        "president",
        "goes",
        "to",
        "north",
        "korea",
        "--limit",
        "2",
        "--format",
        "plain",
        env={"NKRU_DATA": ""},
    )
    assert result.returncode == 0, result.stderr
    (note,) = [line for line in result.stderr.splitlines() if "president" in line]
    assert all(name in note for name in ("Boris Yeltsin", "Vladimir Putin", "Dmitry Medvedev"))
    assert note.index("Yeltsin") < note.index("Putin") < note.index("Medvedev")
    assert all("Putin" in line for line in result.stdout.splitlines())
    vietnamese = run_installed(
        "search", "tổng", "thống", "Nga", "--lang", "vi", "--limit", "1", env={"NKRU_DATA": ""}
    )
    assert vietnamese.returncode == 0, vietnamese.stderr
    assert any(
        line.startswith("Lưu ý") and "Vladimir Putin" in line
        for line in vietnamese.stderr.splitlines()
    ), vietnamese.stderr
    scripted = run_installed("search", "russian", "president", "--json", env={"NKRU_DATA": ""})
    assert scripted.returncode == 0 and not scripted.stderr.strip(), scripted.stderr
    assert json.loads(scripted.stdout)


def test_an_office_in_a_store_without_roles_is_read_as_its_words(
    run_installed: Any, tmp_path: Path
) -> None:
    """A store whose people hold no roles cannot say who an office stood for: the words are
    searched as words, and no note names nobody."""
    from nkru.store import packaged_store_path

    data = json.loads(packaged_store_path().read_text("utf-8"))
    for person in data["people"]:
        person["roles"] = []
    store = tmp_path / "no-roles.json"
    store.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = run_installed(
        "search", "russian", "president", "--data", str(store), "--format", "plain"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert "office" not in result.stderr, result.stderr


def test_installed_commands_run_from_anywhere(run_installed: Any) -> None:
    for args in (["timeline"], ["decade", "1990s"], ["leaders"], ["sources"], ["trend"]):
        result = run_installed(*args, env={"NKRU_DATA": ""})
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout.strip()


def test_installed_errors_have_no_traceback(run_installed: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"events": [')
    for args, code in (
        (["decade", "199x"], 2),
        (["search", ""], 2),
        (["timeline", "--data", str(broken)], 2),
        (["show", "no-such-event"], 1),
    ):
        result = run_installed(*args)
        assert result.returncode == code, args
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("Error:")


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "nkru", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stdout.startswith(f"nkru {__version__} (store: 1945 to ")


def test_broken_pipe_is_quiet(run_installed: Any, tmp_path: Path) -> None:
    import subprocess

    from tests.conftest import console_script

    script = console_script()
    assert script
    result = subprocess.run(
        f"'{script}' timeline --format plain | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_no_color_is_honoured(run_installed: Any) -> None:
    coloured = run_installed("timeline", "-f", "table", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[32m" in coloured.stdout  # green for warming
    plain = run_installed("timeline", "-f", "table", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.returncode == 0
    assert "\x1b[32m" not in plain.stdout and "\x1b[31m" not in plain.stdout


def test_shell_completion_offers_event_ids(run_installed: Any) -> None:
    result = run_installed(
        env={"_NKRU_COMPLETE": "complete_bash", "COMP_WORDS": "nkru show 1961", "COMP_CWORD": "2"}
    )
    assert "1961-07-06-soviet-dprk-mutual-assistance-treaty" in result.stdout


@pytest.mark.parametrize("command", ["leaders", "sources"])
@pytest.mark.parametrize("fmt", ["table", "plain", "json", "jsonl", "csv", "markdown"])
def test_people_and_sources_in_every_format(
    nkru: Any, catalog: Any, command: str, fmt: str
) -> None:
    run = nkru(command, "--format", fmt)
    assert run.code == 0, run.err
    expected = (
        set(catalog.people)
        if command == "leaders"
        else set(catalog.sources) | set(catalog.references)
    )
    if fmt == "json":
        assert {r["id"] for r in run.json()} == set(expected)
    elif fmt == "jsonl":
        assert {json.loads(line)["id"] for line in run.out.splitlines()} == set(expected)
    elif fmt == "csv":
        assert len(list(csv.reader(io.StringIO(run.out)))) == len(expected) + 1
    else:
        for ident in expected:
            assert ident in run.out


def test_sources_count_the_events_citing_them(nkru: Any, catalog: Any) -> None:
    records = nkru("sources", "--json").json()
    assert [r["kind"] for r in records[:2]] == ["article", "article"]
    events = list(catalog.events())
    for record in records:
        citing = [e for e in events if any(c.source == record["id"] for c in e.sources)]
        claims = [
            e for e in events if any(record["id"] in [c.source, *c.references] for c in e.claims)
        ]
        assert record["event_count"] == len(citing)
        assert citing or claims, record["id"]


def test_trend_json_and_filters(nkru: Any) -> None:
    periods = nkru("trend", "--json").json()
    assert [p["period"] for p in periods][:2] == ["1940s", "1950s"]
    assert all(p["net"] == p["warming"] - p["cooling"] for p in periods)
    years = nkru("trend", "--by", "year", "--from", "2022", "--json").json()
    assert years[0]["period"] == "2022"
    assert nkru("trend", "--leader", "shoigu").code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["aid", "after", "the", "soviet", "collapse"], "from 27 Dec 1991 on"),
        (["what", "happened", "in", "december", "2024"], "Dec 2024."),
        (["korean", "war", "from", "1950", "to", "1953"], "1950–1953."),
        (["before", "the", "korean", "war"], "up to 24 Jun 1950"),
        (["sau", "khi", "Liên", "Xô", "sụp", "đổ", "--lang", "vi"], "từ 27/12/1991 trở đi"),
    ],
)
def test_a_search_says_how_it_read_the_dates(
    run_installed: Any, args: list[str], said: str
) -> None:
    """A reader sees which days a date in the query stood for, on standard error; scripts
    reading JSON get none of it."""
    human = run_installed("search", *args, "--limit", "1", "--format", "plain")
    assert human.returncode == 0, human.stderr
    assert said in human.stderr, human.stderr
    assert said not in human.stdout
    scripted = run_installed("search", *args, "--limit", "1", "--json")
    assert scripted.returncode == 0 and scripted.stderr == "", scripted.stderr
