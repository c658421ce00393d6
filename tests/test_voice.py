"""nkru speaks the reader's language wherever it speaks: help, notes, errors, topic names."""

from __future__ import annotations

import re
from typing import Any

import pytest

from nkru.labels import LANGS, labels_for

VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
COMMANDS = [
    "timeline", "search", "decade", "show", "leaders", "trend", "sources", "disputes",
    "validate", "cache", "schema", "page",
]  # fmt: skip


def test_every_language_says_every_sentence() -> None:
    english = labels_for("en")
    for lang in LANGS:
        labels = labels_for(lang)
        assert set(labels.command_help) == set(english.command_help), lang
        assert set(labels.option_help) == set(english.option_help), lang
        assert set(labels.topics) == set(english.topics), lang
        for name in type(labels.messages).__struct_fields__:
            said = getattr(labels.messages, name)
            assert said.strip() or name in ("or_word",), (lang, name)
            fields = set(re.findall(r"\{(\w+)", getattr(english.messages, name)))
            assert set(re.findall(r"\{(\w+)", said)) == fields, (lang, name)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_every_command_is_vietnamese_in_vietnamese(
    nkru: Any, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NKRU_LANG", "vi")
    shown = nkru(command, "--help").out
    assert VIETNAMESE.search(shown), command
    description = shown.split(labels_for("vi").help_words["Options"] + ":")[0]
    english = labels_for("en").command_help[command].split("\n")[0][:30]
    assert english not in description


def test_the_app_help_follows_nkru_lang(nkru: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NKRU_LANG", "vi")
    shown = nkru("--help").out
    assert "Tra cứu lịch sử quan hệ" in shown and "tháng 2/2026" in shown


@pytest.mark.parametrize(
    ("args", "english", "vietnamese"),
    [
        (["search", "zzzqqq"], "No events match", "Không có sự kiện nào khớp"),
        (["decade", "199x"], "is not a decade", "không phải là một thập niên"),
        (["show", "zzzz"], "no event with id", "không có sự kiện nào mang mã"),
        (["timeline", "--from", "2024-13"], "there is no month", "không có tháng"),
        (["timeline", "--leader", "nobodyxyz"], "nobody in the store", "không có ai tên là"),
        (["timeline", "--topic", "sanctoins"], "unknown topic", "không có chủ đề"),
        (["timeline", "--data", "/no/such/store.json"], "no such file", "không có tệp này"),
        (["timeline", "--limit", "3", "-f", "plain"], "Showing 3 of", "Đang hiện 3 trên"),
        (["search", "putin", "--all", "--limit", "2"], "disagree", "mâu thuẫn"),
    ],
)
def test_messages_and_errors_speak_the_readers_language(
    nkru: Any, args: list[str], english: str, vietnamese: str
) -> None:
    assert english in nkru(*args).err
    said = nkru(*args, "--lang", "vi").err
    assert vietnamese in said and english not in said


def test_topic_names_are_the_readers(nkru: Any) -> None:
    shown = nkru("show", "1961", "--lang", "vi").out
    assert "hiệp ước" in shown and "military-cooperation" not in shown


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_the_frameworks_words_in_help_are_the_readers(
    nkru: Any, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Usage:", "Options:", "[required]": Click writes them in English; in Vietnamese
    help they are the labels' words."""
    monkeypatch.setenv("NKRU_LANG", "vi")
    shown = nkru(*([command] if command else []), "--help").out
    words = labels_for("vi").help_words
    assert shown.startswith(words["Usage: "])
    assert f"\n{words['Options']}:\n" in shown
    for english in (
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "[required]",
        "Show this message",
    ):
        assert english not in shown, (command, english)
    monkeypatch.setenv("NKRU_LANG", "en")
    assert nkru(*([command] if command else []), "--help").out.startswith("Usage: ")


@pytest.mark.parametrize(
    ("args", "vietnamese"),
    [
        (["search"], "thiếu đối số"),
        (["search", "putin", "--frm", "1990"], "không có tùy chọn --frm. Có phải ý bạn là"),
        (
            ["search", "putin", "--format", "xml"],
            "hãy chọn một trong các giá trị table, plain, json",
        ),
        (["serch", "putin"], "không có lệnh 'serch'"),
        (["--lang", "vi", "serch"], "không có lệnh 'serch'"),
        (["timeline", "--limit", "0"], "giá trị không hợp lệ cho '--limit'"),
        (["--lang", "vi", "search", "putin", "--limit"], "tùy chọn '--limit' cần một giá trị"),
        (["--lang", "vi", "search", "putin", "--json=3"], "'--json' không nhận giá trị"),
    ],
)
def test_usage_errors_speak_the_readers_language(
    nkru: Any, args: list[str], vietnamese: str
) -> None:
    ran = nkru(*args) if args[0] == "--lang" else nkru(*args, "--lang", "vi")
    assert ran.code == 2
    first = ran.err.splitlines()[0]
    assert first.startswith("Error: ") and vietnamese in first, ran.err


@pytest.mark.parametrize(
    ("args", "guess"),
    [
        (["serch", "putin"], "search"),
        (["1990s"], "nkru decade 1990s"),
        (["putin"], "nkru search putin"),
    ],
)
def test_a_first_word_that_is_no_command_gets_the_nearest(
    nkru: Any, args: list[str], guess: str
) -> None:
    ran = nkru(*args)
    assert ran.code == 2 and ran.out == ""
    first = ran.err.splitlines()[0]
    assert "no command" in first and f"Did you mean: {guess}?" in first
    assert "timeline, search, decade" in first


@pytest.mark.parametrize(
    ("content", "english", "vietnamese"),
    [
        (b"", "the file is empty", "tệp rỗng"),
        (b"\xff\xfe{}", "not valid UTF-8", "không phải UTF-8 hợp lệ"),
        (b'{"schema_version": 2, "events": [', "ends too early", "kết thúc quá sớm"),
        (b"[1, 2]", "schema", "không khớp với lược đồ"),
    ],
)
def test_a_broken_store_is_named_in_the_readers_language(
    nkru: Any, tmp_path: Any, content: bytes, english: str, vietnamese: str
) -> None:
    store = tmp_path / "store.json"
    store.write_bytes(content)
    english_run = nkru("timeline", "--data", store)
    vietnamese_run = nkru("timeline", "--data", store, "--lang", "vi")
    assert english_run.code == vietnamese_run.code == 2
    assert english in english_run.err
    assert vietnamese in vietnamese_run.err and english not in vietnamese_run.err
    assert vietnamese_run.err.startswith(f"Error: {store}: ")


def test_a_directory_given_as_the_store_is_named_in_the_readers_language(
    nkru: Any, tmp_path: Any
) -> None:
    ran = nkru("timeline", "--data", tmp_path, "--lang", "vi")
    assert ran.code == 2 and "là một thư mục" in ran.err


def test_lang_before_the_command_holds_for_the_command(nkru: Any) -> None:
    shown = nkru("--lang", "vi", "search", "putin", "--limit", "1", "-f", "plain")
    assert shown.code == 0
    said = labels_for("vi").messages.shown_of_all.split("{")[0]
    assert shown.err.startswith(said) and "Showing" not in shown.err, shown.err
