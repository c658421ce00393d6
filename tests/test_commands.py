"""The commands added for the fact check and the newer events, as a user runs them: disputes,
one person in full, CSL-JSON references, coverage from the store, dates to the day, the pager."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nkru.index import Catalog
from nkru.store import packaged_store_path

from .conftest import console_script


@pytest.mark.parametrize("fmt", ["table", "plain", "json", "jsonl", "csv", "markdown"])
def test_disputes_in_every_format(nkru: Any, catalog: Catalog, fmt: str) -> None:
    run = nkru("disputes", "--format", fmt, "--no-pager")
    assert run.code == 0, run.err
    disputed = [e for e in catalog.events() if e.disputed]
    claims = sum(len(e.claims) for e in disputed)
    if fmt == "json":
        records = run.json()
        assert [r["id"] for r in records] == [e.id for e in disputed]
        for record in records:
            for claim in record["claims"]:
                assert claim["verdict"] and claim["record"]["en"] and claim["says"]["vi"]
                assert all(r["url"] and r["publisher"] for r in claim["references"])
    elif fmt == "csv":
        assert len(list(csv.reader(io.StringIO(run.out)))) == claims + 1
    elif fmt == "plain":
        assert len(run.out.splitlines()) == claims
    elif fmt == "jsonl":
        assert len(run.out.splitlines()) == len(disputed)
    else:
        assert disputed[0].id in run.out


def test_disputes_speak_vietnamese(nkru: Any) -> None:
    run = nkru("disputes", "--lang", "vi", "--format", "plain")
    assert "sai ngày tháng" in run.out or "các nguồn khác nhau" in run.out


def test_listings_mark_disputed_events(nkru: Any, catalog: Catalog) -> None:
    disputed = next(e for e in catalog.events() if e.disputed)
    plain = nkru("timeline", "--format", "plain").out.splitlines()
    line = next(line for line in plain if f"\t{disputed.id}\t" in line)
    assert line.split("\t")[6] == "disputed"
    table = nkru("timeline", "--format", "markdown").out
    assert "⚑ disputed" in table


@pytest.mark.parametrize("name", ["putin", "Путин", "블라디미르 푸틴", "Pu-tin", "vladimir-putin"])
def test_one_person_in_full(nkru: Any, name: str) -> None:
    run = nkru("leaders", name, "--format", "plain")
    assert run.code == 0, run.err
    assert "Владимир Путин" in run.out and "블라디미르 푸틴" in run.out
    assert "President of Russia: 7 May 2000 – 7 May 2008" in run.out
    assert "Prime Minister" in run.out
    assert "2024-06-19-putin-kim-sign-strategic-partnership-treaty" in run.out
    record = nkru("leaders", name, "--json").json()
    assert record[0]["id"] == "vladimir-putin"


def test_an_unknown_person_is_one_line(nkru: Any) -> None:
    run = nkru("leaders", "nobody-at-all")
    assert run.code == 2 and "nobody in the store" in run.err


def test_show_in_vietnamese_with_sources_in_full(nkru: Any) -> None:
    run = nkru("show", "2024-03-28", "--lang", "vi", "--no-pager")
    assert run.code == 0, run.err
    assert "Nguồn" in run.out and "Tóm tắt" in run.out
    assert "https://" in run.out


def test_references_export_as_csl_json(nkru: Any, catalog: Catalog) -> None:
    items = nkru("sources", "--format", "csl-json").json()
    assert len(items) == len(catalog.references) + len(catalog.sources)
    for item in items:
        assert {"id", "type", "title", "issued"} <= set(item)
        if item["id"] in catalog.references:
            assert {"publisher", "URL"} <= set(item)
        assert item["issued"]["date-parts"][0][0] >= 1945
    founding = {item["id"]: item for item in items if item["id"] in catalog.sources}
    assert founding["thang-tram-2023"]["publisher"] == "VnExpress"
    assert founding["thang-tram-2023"]["URL"].startswith("https://vnexpress.net/")


def test_sources_group_articles_then_references(nkru: Any) -> None:
    records = nkru("sources", "--json").json()
    kinds = [r["kind"] for r in records]
    assert kinds == sorted(kinds)  # "article" before "reference"
    run = nkru("sources", "--format", "plain")
    assert "Coverage: 1945 to February 2026" in run.err


def test_coverage_comes_from_the_store(
    nkru: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "1945 to February 2026" in nkru("--version").out
    assert "1945 to February 2026" in " ".join(nkru("--help").out.split())
    assert "to today" not in nkru("--help").out
    data = json.loads(packaged_store_path().read_text("utf-8"))
    data["coverage"]["end"] = "2025-09"
    path = tmp_path / "older.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert "1945 to September 2025" in nkru("sources", "--data", str(path), "-f", "plain").err
    monkeypatch.setenv("NKRU_DATA", str(path))
    assert "1945 to September 2025" in " ".join(nkru("--help").out.split())
    assert "1945 to September 2025" in nkru("--version").out


def test_months_and_days_filter_every_listing(nkru: Any) -> None:
    june = nkru("timeline", "--from", "2024-06", "--to", "2024-06", "--json").json()
    assert june and all(r["start"].startswith("2024-06") for r in june)
    day = nkru("search", "treaty", "--from", "2024-06-19", "--to", "2024-06-19", "--json").json()
    assert day[0]["id"] == "2024-06-19-putin-kim-sign-strategic-partnership-treaty"
    assert all(r["start"] == "2024-06-19" for r in day)
    assert (
        nkru("trend", "--from", "2024-06", "--by", "year", "--json").json()[0]["period"] == "2024"
    )
    assert nkru("disputes", "--from", "2025-01", "--json").json()


def test_search_limit_and_all(nkru: Any) -> None:
    assert len(nkru("search", "korea", "--json").json()) == 20
    assert len(nkru("search", "korea", "--limit", "5", "--json").json()) == 5
    assert len(nkru("search", "korea", "--all", "--json").json()) > 20


def test_a_store_on_standard_input(nkru: Any) -> None:
    raw = packaged_store_path().read_text("utf-8")
    run = nkru("show", "1961", "--data", "-", "--format", "json", stdin=raw)
    assert run.code == 0 and run.json()["start"] == "1961-07-06"


def _in_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run nkru with its output on a pseudo-terminal; what it printed there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [console_script() or "nkru", *args],
        stdout=follower,
        stderr=follower,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_note_on_a_terminal_wraps_between_words() -> None:
    """The note on columns a narrow table left out is wrapped to the terminal, as the table
    is, rather than cut mid-word by the terminal's edge."""
    from rich.cells import cell_len

    shown = _in_a_terminal(["search", "shevardnadze", "--no-pager"], {"COLUMNS": "90"})
    lines = [line.rstrip("\r") for line in shown.splitlines()]
    note = [line for line in lines if "Not shown" in line]
    assert note, shown
    start = lines.index(note[0])
    assert "them." in " ".join(lines[start : start + 4])
    assert max(cell_len(line) for line in lines[start : start + 4]) <= 90


def test_long_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = (
        f"{sys.executable} -c \"import sys; open('{paged}', 'wb').write(sys.stdin.buffer.read())\""
    )
    env = {"PAGER": pager, "LINES": "20", "COLUMNS": "100"}
    _in_a_terminal(["timeline"], env)
    assert paged.exists() and "1945-soviet-army-brings-kim-il-sung-to-power" in paged.read_text()
    paged.unlink()
    shown = _in_a_terminal(["timeline", "--no-pager"], env)
    assert not paged.exists() and "1945-soviet-army" in shown
    _in_a_terminal(["timeline", "--limit", "2"], env)
    assert not paged.exists()  # short output is not paged


def test_a_pipe_never_gets_a_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open('{paged}', 'wb').write(b'x')\""
    result = subprocess.run(
        [console_script() or "nkru", "timeline", "--format", "table"],
        capture_output=True,
        env={**os.environ, "PAGER": pager, "LINES": "5"},
    )
    assert result.returncode == 0 and not paged.exists()


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "plain", "markdown", "timelinejs"])
def test_machine_and_text_formats_never_import_rich(fmt: str) -> None:
    program = (
        "import sys\n"
        f"sys.argv = ['nkru', 'timeline', '--format', '{fmt}']\n"
        "from nkru.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60
    )
    assert result.stderr.strip().endswith("[]"), result.stderr[-300:]


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (["decade", "1990s"], "en", "Russia – North Korea relations: the 1990s, 1990 to 1998"),
        (["decade", "1990s"], "vi", "Quan hệ Nga – Triều Tiên: thập niên 1990, 1990 đến 1998"),
        (
            ["timeline", "--leader", "putin", "--tone", "warming", "--to", "2001"],
            "vi",
            "Quan hệ Nga – Triều Tiên: Vladimir Putin; ấm lên, 26/3/2000 đến 18/8/2001",
        ),
        (["timeline", "--from", "2022-06", "--to", "2022"], "en", "relations, Jun 2022 to 2022"),
    ],
)
def test_an_exported_timeline_is_titled_in_the_readers_language(
    nkru: Any, args: list[str], lang: str, expected: str
) -> None:
    """The title names the selection in the reader's words, and its dates stay within those
    asked for even when an event in it began earlier (the 1990s hold an event from 1953)."""
    run = nkru(*args, "--format", "timelinejs", "--lang", lang)
    assert run.code == 0, run.err
    headline = run.json()["title"]["text"]["headline"]
    assert headline.endswith(expected), headline


def test_piped_output_fits_the_terminal_it_is_read_in() -> None:
    """``nkru show 1961 | head`` in a 64-column terminal: standard output is a pipe, but the
    terminal is still on standard error, and lines fit it."""
    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 64, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    try:
        for args in (["show", "1961"], ["timeline", "--format", "table", "--to", "1960"]):
            result = subprocess.run(
                [console_script() or "nkru", *args, "--no-pager"],
                stdout=subprocess.PIPE,
                stderr=follower,
                stdin=subprocess.DEVNULL,
                env=env,
                check=True,
            )
            # Links are never broken, so they may run past the edge.
            lines = [x for x in result.stdout.decode("utf-8").splitlines() if "://" not in x]
            assert lines and max(len(line) for line in lines) <= 64
            assert max(len(line) for line in lines) > 50  # the width is used, not a fallback
    finally:
        os.close(follower)
        os.close(leader)


def test_timeline_eras_are_moscows_leaders_one_per_tenure(nkru: Any) -> None:
    """Eras name who led Moscow, once per continuous tenure, within the dates asked for: not
    Pyongyang's general secretaries, and Putin's acting presidency is part of his first era."""
    data = nkru("timeline", "--format", "timelinejs").json()
    names = [e["text"]["headline"] for e in data["eras"]]
    assert "Kim Jong Un" not in names and "Kim Jong Il" not in names
    assert names.count("Vladimir Putin") == 2  # 1999–2008 and from 2012, Medvedev between
    assert names.count("Joseph Stalin") == 1
    assert "Dmitry Medvedev" in names and "Mikhail Gorbachev" in names
    early = nkru("timeline", "--to", "1960", "--format", "timelinejs").json()["eras"]
    assert early[0]["text"]["headline"] == "Joseph Stalin"
    assert early[0]["start_date"] == {"year": "1945"}  # not 1922, when his tenure began
    assert early[-1]["end_date"] == {"year": "1960"}


def test_show_names_each_source_once_and_wraps_korean_by_width(nkru: Any) -> None:
    """Several passages from one source sit under one heading; Korean quotes, two cells a
    syllable, stay inside the terminal."""
    from rich.cells import cell_len

    run = nkru("show", "1956-09-19-mikoyan-peng-dehuai-mission-to-pyongyang", "--no-pager")
    assert run.code == 0, run.err
    assert run.out.count("[wilson-1956-09-23-minutes-kwp-cc-plenum]") == 1
    assert run.out.count("[nkchosun-2013-10-30-august-faction-incident-course]") == 1
    korean = [line for line in run.out.splitlines() if "팽덕회" in line or "김일성" in line]
    assert korean and max(cell_len(line) for line in korean) <= 100


def _in_60_columns(*args: str) -> list[str]:
    """The console script's output lines, run with COLUMNS=60; it must succeed."""
    result = subprocess.run(
        [console_script() or "nkru", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "60"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_one_person_fits_a_narrow_terminal_and_keeps_dates_whole() -> None:
    from rich.cells import cell_len

    lines = _in_60_columns("leaders", "stalin", "--no-pager")
    assert max(cell_len(line) for line in lines) <= 60
    assert any(line.strip() == "3 Apr 1922 – 16 Oct 1952" for line in lines)
    assert not any(line.rstrip().endswith(("Apr", "Oct", "Mar")) for line in lines)


def test_page_on_a_terminal_writes_a_file_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = _in_a_terminal(["page"], {"PAGER": ""})
    written = tmp_path / "nkru.html"
    assert written.is_file() and written.read_text("utf-8").startswith("<!doctype html")
    assert "nkru.html" in shown and "<html" not in shown


def test_japanese_without_spaces_wraps_inside_a_narrow_terminal() -> None:
    """A Japanese headline has no spaces to break at; it breaks between characters, and the
    whole of it is still there."""
    from rich.cells import cell_len

    lines = _in_60_columns("show", "2025-11-05", "--no-pager")
    kana = [line for line in lines if any("\u3040" <= ch <= "\u30ff" for ch in line)]
    assert kana and max(cell_len(line) for line in kana) <= 60
    joined = "".join(line.strip() for line in kana)
    assert "ロシア連邦武力軍事政治総局代表団が各所を参観" in joined
