"""The words of each output language: headings, tone and verdict names, field labels.

One module per language (``en``, ``vi``), each defining ``LABELS``. Adding a language is one
file here plus its code in ``nkru.models.Lang``.
"""

from __future__ import annotations

import importlib

import msgspec


class Messages(msgspec.Struct, frozen=True):
    """Every sentence nkru says in a language, by what it says; ``{name}`` marks what is put
    in. Listing words, notes, errors and their hints alike: the command line words nothing
    itself."""

    page_written: str

    err_bad_decade: str
    err_bad_decade_guess: str
    err_bad_date: str
    err_no_month: str
    err_no_day: str
    err_unknown_topic: str
    err_unknown_topic_guess: str
    err_no_event: str
    err_events_begin: str
    err_nobody: str
    err_nobody_guess: str
    err_too_short: str
    err_too_short_names: str
    err_empty_query: str
    err_dates_swapped: str
    err_missing: str
    err_cannot_read: str
    err_stdin_closed: str
    err_not_an_object: str
    err_too_large: str
    err_empty: str
    err_is_directory: str
    err_is_fifo: str
    err_is_device: str
    err_permission: str
    err_bad_name: str
    err_too_deep: str
    err_not_utf8: str
    err_truncated: str
    err_not_json: str
    err_schema: str
    err_changed: str
    err_need_name: str

    shown_of_limit: str
    shown_of_all: str
    columns_gave_way: str
    sources_differ: str
    net_left: str
    net_right: str
    trend_note: str
    decade: str
    disputed: str
    sources_label: str
    title_all: str
    title_some: str
    title_text: str
    era_of: str
    no_events: str
    coverage: str
    coverage_line: str
    version: str
    bad_limit: str
    bad_score: str
    leader_taken: str
    formats_disagree: str
    all_and_limit: str
    corrected: str
    #: How a date in a query was read: ``{typed}`` as written, ``{span}`` the days it covers.
    dates_read: str
    #: How an office in a query was read: ``{typed}`` as written, ``{names}`` who held it.
    office_read: str
    date_from: str
    date_until: str
    or_word: str
    none_with_filters: str
    widen_item: str
    none_match: str
    nearest: str
    renamed: str
    problems_more: str
    warning_line: str
    invalid: str
    invalid_one: str
    valid: str
    cache_removed: str
    cache_folder: str
    cache_line: str
    store_gone: str
    store_not_recorded: str
    output_closed: str
    cannot_write: str
    index_unreadable: str
    try_help: str
    #: A first word that names no command: ``{name}``, and ``{commands}``, all of them.
    unknown_command: str
    aborted: str
    did_you_mean: str
    type_more: str
    ids_hint: str
    hint_missing: str
    hint_fifo: str
    hint_many: str
    hint_nobody: str
    hint_empty_query: str
    hint_dates_swapped: str
    and_more: str


class Labels(msgspec.Struct, frozen=True):
    """Every word a renderer prints that does not come from the store."""

    code: str
    months: tuple[str, ...]
    #: Month names written out, for prose (``February 2026``); ``months`` are for tables.
    months_long: tuple[str, ...]
    #: How a date is written: ``{day} {month} {year}`` and ``{month} {year}``.
    day_format: str
    month_format: str
    circa: str
    headings: dict[str, str]
    #: Topic names as readers say them, by the store's topic key.
    topics: dict[str, str]
    tones: dict[str, str]
    verdicts: dict[str, str]
    kinds: dict[str, str]
    fields: dict[str, str]
    #: ``--help`` of the app (``app``) and of each command, by the command's name.
    command_help: dict[str, str]
    #: ``--help`` of each option and argument, by its parameter name, or
    #: ``command.name`` where one command's differs.
    option_help: dict[str, str]
    #: The command-line framework's own words in ``--help`` and usage errors (``Usage:``,
    #: ``Options``, ``[required]``), by their English; empty for English.
    help_words: dict[str, str]
    messages: Messages


#: The output languages, each a module of this package.
LANGS = ("en", "vi")


def labels_for(lang: str) -> Labels:
    """The labels of ``lang`` (``en`` or ``vi``)."""
    module = importlib.import_module(f"nkru.labels.{lang}")
    found: Labels = module.LABELS
    return found
