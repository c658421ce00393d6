"""The ``nkru`` command line: parse options, call the core, hand a listing to ``render``.

Heavy imports (Rich, rapidfuzz) happen inside the commands that use them, so a JSON listing
starts as fast as the framework allows. Every error ends here as one ``Error:`` line (and at
most one ``Try`` line) with its exit code: 0 found, 1 nothing found, 2 bad usage or store.
"""

import contextlib
import copy
import os
import shutil
import sys
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from nkru import __version__
from nkru import completion as complete
from nkru.errors import NkruError, NotFoundError, StoreError, UsageError
from nkru.query import Filters, Hit

if TYPE_CHECKING:
    from nkru.index import Catalog
    from nkru.labels import Messages
    from nkru.models import Coverage
    from nkru.render.listing import Listing

EXIT_FOUND, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2
#: Ctrl-C, as shells report a program ended by SIGINT.
EXIT_INTERRUPTED = 130


def _escape(text: str) -> str:
    from nkru.render.safe import escape_controls

    return escape_controls(text)


#: The language the run speaks in: ``--lang`` on the command line, else ``$NKRU_LANG``, else
#: English. Read once in ``_run``, before any option is parsed, so that ``--help``, usage
#: errors and notes speak it too.
_LANG = ["en"]


def _lang_of(argv: list[str]) -> str:
    from nkru.labels import LANGS

    wanted = os.environ.get("NKRU_LANG", "")
    for number, arg in enumerate(argv):
        if arg in ("--lang", "-l") and number + 1 < len(argv):
            wanted = argv[number + 1]
        elif arg.startswith("--lang="):
            wanted = arg.split("=", 1)[1]
    wanted = wanted.strip().lower()
    return wanted if wanted in LANGS else "en"


def _words() -> "Messages":
    """The sentences of the run's language."""
    from nkru.labels import labels_for

    return labels_for(_LANG[0]).messages


def _say(line: str) -> None:
    """One line to standard error, control characters shown, never obeyed; a standard
    error that cannot be written (closed, a full disk) loses the line, not the exit code.
    On a terminal a note is wrapped between words to its width, as the listing above it is;
    an error stays one line wherever it goes."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        text = _escape(line)
        try:
            text.encode(sys.stderr.encoding or "utf-8")
        except (UnicodeEncodeError, LookupError):
            # A terminal that cannot show Vietnamese reads the note folded, as it reads
            # the listing, not as escapes.
            from nkru.render.safe import to_ascii

            text = to_ascii(text)
        if not text.startswith("Error: ") and sys.stderr.isatty():
            from nkru.render.wrap import cell_len, wrap

            width = shutil.get_terminal_size().columns
            if cell_len(text) > width:
                text = "\n".join(wrap(text, width, ""))
        sys.stderr.write(text + "\n")
        sys.stderr.flush()


#: Filter fields as the options that set them.
OPTION_OF = {
    "since": "--from",
    "until": "--to",
    "person_ids": "--leader",
    "topic": "--topic",
    "topics": "--topic",
    "tone": "--tone",
}


def _worded(exc: NkruError) -> str:
    """The core's error in the run's language: candidates become a 'did you mean', and the
    error's kind names the option or command that helps."""
    words = _words()
    said = str(exc)
    if exc.key is not None and hasattr(words, f"err_{exc.key}"):
        said = getattr(words, f"err_{exc.key}").format(**exc.data)
        if isinstance(exc, StoreError):
            said = f"{exc.path}: {said}"
    if isinstance(exc, NotFoundError):
        said = said if exc.key is not None else exc.message
        if exc.candidates and exc.prefix:
            # A few to show the pattern; the whole list would be a wall on one line.
            shown = [*exc.candidates[:5], "…"] if len(exc.candidates) > 5 else exc.candidates
            return words.type_more.format(message=said, candidates=", ".join(shown))
        if exc.candidates:
            return words.did_you_mean.format(message=said, candidates=", ".join(exc.candidates))
        return words.ids_hint.format(message=said)
    hint = getattr(words, f"hint_{exc.hint}", "") if exc.hint else ""
    return f"{said}{hint}"


app = typer.Typer(
    name="nkru",
    # Every --help text, the app's included, comes from the labels of the run's language.
    epilog="",  # from the labels, with every help text
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, Enum):
    en = "en"
    vi = "vi"


class Tone(str, Enum):
    warming = "warming"
    cooling = "cooling"
    steady = "steady"


# --- shared options ---------------------------------------------------------------------------

DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="PATH",
        show_default=False,
    ),
]


_FORMAT_CHOICES: dict[tuple[str, ...], Any] = {}


def _format_option(kind: str) -> Any:
    """The ``--format`` option of a command that prints listings of ``kind``: its choices,
    help and completion are the formats that kind can be written in, from one registry."""
    from nkru.render.names import formats_for

    names = tuple(formats_for(kind))
    # Kinds with the same formats share one Enum: each costs about 0.2 ms to make.
    if names not in _FORMAT_CHOICES:
        members = {n: n for n in names}
        _FORMAT_CHOICES[names] = Enum(f"Format{len(_FORMAT_CHOICES)}", members, type=str)
    choices = _FORMAT_CHOICES[names]
    return Annotated[
        choices | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            show_default=False,
        ),
    ]


if TYPE_CHECKING:
    # Each command's format choices are an Enum made at start-up from the registry; to the
    # type checker, any Enum member (or None).
    EventsFormat = Annotated[Enum | None, "--format"]
    DisputesFormat = Annotated[Enum | None, "--format"]
    EventFormat = Annotated[Enum | None, "--format"]
    PeopleFormat = Annotated[Enum | None, "--format"]
    ProblemsFormat = Annotated[Enum | None, "--format"]
    SourcesFormat = Annotated[Enum | None, "--format"]
    TrendFormat = Annotated[Enum | None, "--format"]
else:
    EventsFormat = _format_option("events")
    DisputesFormat = _format_option("disputes")
    EventFormat = _format_option("event")
    PeopleFormat = _format_option("people")
    ProblemsFormat = _format_option("problems")
    SourcesFormat = _format_option("sources")
    TrendFormat = _format_option("trend")
JsonOption = Annotated[bool, typer.Option("--json")]
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        "-l",
        envvar="NKRU_LANG",
        case_sensitive=False,
    ),
]
NoPagerOption = Annotated[bool, typer.Option("--no-pager")]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option("--to", metavar="DATE"),
]
LeaderOption = Annotated[
    list[str] | None,
    typer.Option(
        "--leader",
        metavar="NAME",
        shell_complete=complete.people,
    ),
]
TopicOption = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        metavar="TOPIC",
        shell_complete=complete.topic,
    ),
]
ToneOption = Annotated[
    Tone | None,
    typer.Option("--tone", case_sensitive=False),
]
#: The largest --limit taken as given; any larger number means the same (every event), and
#: SQLite takes no integer past 2**63.
MOST_LIMIT = 10**12


def _limit(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(_words().bad_limit.format(value=value))
    return None if value is None else min(value, MOST_LIMIT)


LimitOption = Annotated[
    int | None,
    typer.Option("--limit", "-n", metavar="N", callback=_limit),
]
ReverseOption = Annotated[bool, typer.Option("--reverse", "-r")]


def _filters(
    catalog: "Catalog",
    since: str | None,
    until: str | None,
    leaders: list[str] | None,
    topics: list[str] | None,
    tone: Tone | None,
) -> Filters:
    """The filters the options ask for, saying which person a guessed name was taken as."""
    from nkru.options import filters_from

    value = tone.value if tone is not None else None
    filters, guessed = filters_from(catalog, since, until, leaders or [], topics or [], value)
    for typed, names in guessed:
        _say(_words().leader_taken.format(typed=repr(typed), names=names))
    return filters


def _selection(
    filters: Filters, catalog: "Catalog", lang: "Lang", extra: str = "", decade: int | None = None
) -> str:
    from nkru.render.listing import selection_words

    return selection_words(filters, catalog, lang.value, extra, decade)


def _format(kind: str, fmt: Enum | None, as_json: bool) -> str:
    """The format to use: the one asked for, else ``table`` on a terminal, ``plain`` in a
    pipe; ``--json`` is ``--format json``."""
    from nkru.render.emit import default_format

    if as_json:
        if fmt is not None and fmt.value != "json":
            raise UsageError(_words().formats_disagree.format(fmt=fmt.value))
        return "json"
    if fmt is None:
        return default_format()
    return str(fmt.value)


def _emit(listing: "Listing", fmt: str, no_pager: bool = False) -> None:
    from nkru.render.emit import emit

    emit(listing, fmt, pager=not no_pager)


def _events_out(
    hits: "Iterable[Hit]",
    catalog: "Catalog",
    fmt: str,
    lang: Lang,
    no_pager: bool,
    selection: str = "",
    filters: Filters | None = None,
    total: int | None = None,
    scored: bool = False,
    more: str = "limit",
) -> None:
    """Print an event listing (a table streams, row by row); say what it shows of how many
    when a limit cut it, and which columns gave way; exit 1 when it is empty."""
    from nkru.labels import labels_for

    messages = labels_for(lang.value).messages
    dropped: list[str] = []
    if fmt == "table":
        from nkru.render.emit import emit_event_table

        shown, dropped = emit_event_table(hits, catalog, lang.value, scored, not no_pager)
    else:
        from nkru.render.listing import events_listing

        found = list(hits)
        shown = len(found)
        window = (filters.since, filters.until) if filters is not None else (None, None)
        _emit(events_listing(found, catalog, lang.value, selection, window), fmt, no_pager)
    human = fmt in ("table", "plain", "markdown")
    if not shown:
        if human:
            _say(messages.no_events)
        raise typer.Exit(EXIT_NOTHING)
    if human and total is not None and shown < total:
        _say(getattr(messages, f"shown_of_{more}").format(shown=shown, total=total))
    if dropped:
        heads = labels_for(lang.value).headings
        names = ", ".join(heads["event" if d == "title" else d] for d in dropped)
        _say(messages.columns_gave_way.format(columns=names))


# --- commands ---------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        coverage = _coverage_phrase(sys.argv[1:])
        typer.echo(_words().version.format(version=__version__, coverage=coverage))
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True),
    ] = False,
    lang: LangOption = Lang.en,
) -> None:
    """Look up the history of Russia (and Soviet) – North Korea relations."""


@app.command()
def timeline(
    since: FromOption = None,
    until: ToOption = None,
    leader: LeaderOption = None,
    topic: TopicOption = None,
    tone: ToneOption = None,
    count: LimitOption = None,
    reverse: ReverseOption = False,
    fmt: EventsFormat = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    no_pager: NoPagerOption = False,
    data: DataOption = None,
) -> None:
    """Every event in date order, with filters."""
    from nkru.index import open_catalog

    output = _format("events", fmt, as_json)
    catalog = open_catalog(data)
    filters = _filters(catalog, since, until, leader, topic, tone)
    hits = (Hit(e) for e in catalog.events(filters, count, reverse))
    total = catalog.count(filters) if count is not None else None
    selection = _selection(filters, catalog, lang)
    _events_out(hits, catalog, output, lang, no_pager, selection, filters, total)


def limit_given() -> bool:
    """True when ``--limit`` or ``-n`` is on the command line (its default cannot tell)."""
    return any(a in ("--limit", "-n") or a.startswith(("--limit=", "-n")) for a in sys.argv[1:])


def _score(value: float) -> float:
    import math

    if not math.isfinite(value) or not 0 <= value <= 100:
        raise typer.BadParameter(_words().bad_score.format(value=value))
    return value


@app.command()
def search(
    query: Annotated[
        list[str],
        typer.Argument(metavar="QUERY..."),
    ],
    min_score: Annotated[
        float,
        typer.Option("--min-score", callback=_score),
    ] = 0.0,
    exact: Annotated[
        bool,
        typer.Option("--exact"),
    ] = False,
    since: FromOption = None,
    until: ToOption = None,
    leader: LeaderOption = None,
    topic: TopicOption = None,
    tone: ToneOption = None,
    count: Annotated[
        int,
        typer.Option("--limit", "-n", metavar="N", callback=_limit),
    ] = 20,
    every: Annotated[bool, typer.Option("--all")] = False,
    fmt: EventsFormat = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    no_pager: NoPagerOption = False,
    data: DataOption = None,
) -> None:
    """Ranked search over names in every spelling and script, titles, summaries and notes in
    English and Vietnamese, places and topics: the best 20, each with a score (0–100)."""
    from nkru.index import open_catalog

    output = _format("events", fmt, as_json)
    catalog = open_catalog(data)
    filters = _filters(catalog, since, until, leader, topic, tone)
    if every and limit_given():
        raise UsageError(_words().all_and_limit)
    human = output in ("table", "plain", "markdown")
    # People are told how many matched in all when the list is cut; scripts do not pay for
    # the count.
    from nkru.search import search as ranked

    result = ranked(catalog, query, filters, None if every else count, exact, min_score, human)
    if human:
        words = _words()
        for typed, forms in result.corrections.items():
            _say(words.corrected.format(typed=repr(typed), shown=words.or_word.join(forms)))
        if result.dates:
            from nkru.labels import labels_for
            from nkru.render.dates import human_range

            labels = labels_for(_LANG[0] if lang is None else lang.value)
            for typed, first, last in result.dates:
                span = human_range(first, last, labels)
                _say(words.dates_read.format(typed=repr(typed), span=span))
        for typed, holders in result.offices:
            language = _LANG[0] if lang is None else lang.value
            names = [getattr(catalog.people[p].name, language) for p in holders]
            _say(words.office_read.format(typed=repr(typed), names=", ".join(names)))
    if not result.hits and human:
        words = _words()
        asked = repr(" ".join(query))
        if result.unfiltered:
            widen = ", ".join(
                words.widen_item.format(count=found, option=OPTION_OF[name])
                for name, found in result.widen
            )
            _say(words.none_with_filters.format(asked=asked, count=result.unfiltered, widen=widen))
        else:
            from nkru.search import suggestions

            nearest = suggestions(catalog, query)
            hint = words.nearest.format(names=", ".join(nearest)) if nearest else ""
            _say(words.none_match.format(asked=asked) + hint)
        raise typer.Exit(EXIT_NOTHING)
    selection = f"“{' '.join(query)}”"
    _events_out(
        result.hits,
        catalog,
        output,
        lang,
        no_pager,
        _selection(filters, catalog, lang, selection),
        filters,
        result.total if human and not every else None,
        scored=True,
        more="all",
    )


@app.command()
def decade(
    which: Annotated[
        str,
        typer.Argument(metavar="DECADE", shell_complete=complete.decade),
    ],
    topic: TopicOption = None,
    tone: ToneOption = None,
    leader: LeaderOption = None,
    count: LimitOption = None,
    reverse: ReverseOption = False,
    fmt: EventsFormat = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    no_pager: NoPagerOption = False,
    data: DataOption = None,
) -> None:
    """Events of one decade, including eras that run into it."""
    from nkru.index import open_catalog
    from nkru.query import decade_filters, parse_decade

    try:
        start = parse_decade(which)
    except UsageError:
        # "sixties", "the 1960s", "những năm 1960": a decade as a search query reads it.
        named = _decade_in_words(which)
        if named is None:
            raise
        start = named
    output = _format("events", fmt, as_json)
    catalog = open_catalog(data)
    filters = decade_filters(start, _filters(catalog, None, None, leader, topic, tone))
    hits = (Hit(e) for e in catalog.events(filters, count, reverse))
    total = catalog.count(filters) if count is not None else None
    selection = _selection(filters, catalog, lang, decade=start)
    _events_out(hits, catalog, output, lang, no_pager, selection, filters, total)


def _decade_in_words(text: str) -> int | None:
    """The first year of the one whole decade that ``text`` names, read as a search reads
    dates (``sixties``, ``the 1960s``, ``thập niên 60``); None for anything else."""
    from nkru.understand import read, vocabulary

    reading = read(text)
    function_words = vocabulary().function_words
    if len(reading.dates) != 1 or any(w.folded not in function_words for w in reading.words):
        return None
    first, last, _, _ = reading.dates[0]
    year = int(first[:4])
    if year % 10 or first[4:] != "-01-01" or last != f"{year + 9}-12-31":
        return None
    return year


@app.command()
def show(
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            shell_complete=complete.event_id,
        ),
    ],
    fmt: EventFormat = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    no_pager: NoPagerOption = False,
    data: DataOption = None,
) -> None:
    """One event in full: both languages, dates, people, every source with its publisher, date
    and link, and what sources get wrong beside what the record shows."""
    from nkru.index import open_catalog
    from nkru.render.listing import Listing, event_record

    output = _format("event", fmt, as_json)
    catalog = open_catalog(data)
    event, renamed = catalog.event(event_id)
    if renamed is not None:
        _say(_words().renamed.format(old=renamed, new=event.id))
    record = event_record(event, catalog)
    listing = Listing("event", lang.value, [], [], [record], events=[event], catalog=catalog)
    _emit(listing, output, no_pager)


@app.command()
def leaders(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[NAME...]",
            shell_complete=complete.people,
            show_default=False,
        ),
    ] = None,
    fmt: PeopleFormat = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    no_pager: NoPagerOption = False,
    data: DataOption = None,
) -> None:
    """Everyone who takes part in an event: spellings, country, roles with their years, and
    their events. With a NAME, that person in full."""
    from nkru.index import open_catalog
    from nkru.render.listing import people_listing

    catalog = open_catalog(data)
    name = " ".join(words) if words else None
    if name is None:
        output = _format("people", fmt, as_json)
        _emit(people_listing(list(catalog.people.values()), catalog, lang.value), output, no_pager)
        return
    from nkru.people import resolve

    found = resolve(catalog, name)
    listing = people_listing(found, catalog, lang.value)
    output = _format("person", fmt, as_json)
    if output in ("table", "plain"):
        listing.kind = "person"  # shown in full; the machine formats keep the list's shape
    _emit(listing, output, no_pager)


class By(str, Enum):
    decade = "decade"
    year = "year"


@app.command()
def trend(
    by: Annotated[By, typer.Option("--by", case_sensitive=False)] = By.decade,
    since: FromOption = None,
    until: ToOption = None,
    leader: LeaderOption = None,
    topic: TopicOption = None,
    fmt: TrendFormat = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    no_pager: NoPagerOption = False,
    data: DataOption = None,
) -> None:
    """The ups and downs at a glance: per decade (or year), how many events warmed, cooled or
    held the relationship steady, and the net swing."""
    from nkru.index import open_catalog
    from nkru.render.listing import trend_listing
    from nkru.trend import periods

    output = _format("trend", fmt, as_json)
    catalog = open_catalog(data)
    filters = _filters(catalog, since, until, leader, topic, None)
    found = periods(catalog.events(filters), by.value, filters.since, filters.until)
    _emit(trend_listing(found, lang.value), output, no_pager)
    if not found:
        raise typer.Exit(EXIT_NOTHING)


@app.command()
def sources(
    fmt: SourcesFormat = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    no_pager: NoPagerOption = False,
    data: DataOption = None,
) -> None:
    """The two articles the store was first built from, then the references that check them
    and document later events: publisher, date, and how many events cite each."""
    from nkru.index import open_catalog
    from nkru.render.listing import sources_listing

    output = _format("sources", fmt, as_json)
    catalog = open_catalog(data)
    if output in ("table", "plain", "markdown"):
        articles = len(catalog.sources)
        line = _words().coverage_line.format(
            coverage=_coverage_of(catalog.coverage),
            articles=articles,
            references=len(catalog.references),
        )
        if output == "table":
            typer.echo(line)
        else:
            _say(line)
    _emit(sources_listing(catalog, lang.value), output, no_pager)


@app.command()
def disputes(
    since: FromOption = None,
    until: ToOption = None,
    leader: LeaderOption = None,
    topic: TopicOption = None,
    fmt: DisputesFormat = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    no_pager: NoPagerOption = False,
    data: DataOption = None,
) -> None:
    """What the sources get wrong: each claim of every disputed event beside what the record
    shows, with a verdict and the reference for the record."""
    from nkru.index import open_catalog
    from nkru.render.listing import disputes_listing

    output = _format("disputes", fmt, as_json)
    catalog = open_catalog(data)
    filters = _filters(catalog, since, until, leader, topic, None)
    events = [e for e in catalog.events(filters) if e.disputed]
    _emit(disputes_listing(catalog, events, lang.value), output, no_pager)
    if not events:
        raise typer.Exit(EXIT_NOTHING)


@app.command()
def validate(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]",
            show_default=False,
        ),
    ] = None,
    fmt: ProblemsFormat = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """Check a store: every problem with the event id and field it concerns (errors), then
    people on an event who held none of their roles at the time (warnings). Exit 0 when
    valid, 2 when not."""
    import msgspec

    from nkru.render.listing import problems_listing
    from nkru.validate import check_store

    output = _format("problems", fmt, as_json)
    report = check_store(path or data)
    if output in ("table", "plain", "markdown"):
        for line in report.errors[:LIMIT_PROBLEMS]:
            _say(f"{report.name}: {line}")
        if len(report.errors) > LIMIT_PROBLEMS:
            _say(_words().problems_more.format(count=len(report.errors) - LIMIT_PROBLEMS))
        for line in report.warnings:
            _say(_words().warning_line.format(line=line))
        if report.errors:
            count = len(report.errors)
            words = _words()
            _say(words.invalid_one if count == 1 else words.invalid.format(count=count))
            raise typer.Exit(EXIT_USAGE)
        assert report.counts is not None
        fields = msgspec.structs.asdict(report.counts)
        typer.echo(_escape(_words().valid.format(name=report.name, **fields)))
        return
    details = [msgspec.to_builtins(p) for p in report.problems]
    _emit(problems_listing(report.errors, report.warnings, lang.value, details), output)
    if report.errors:
        raise typer.Exit(EXIT_USAGE)


LIMIT_PROBLEMS = 50


@app.command()
def cache(
    clear: Annotated[bool, typer.Option("--clear")] = False,
    as_json: JsonOption = False,
) -> None:
    """The search indexes nkru keeps in your cache folder, one per store it has read, rebuilt
    from the store whenever needed; --clear removes them all."""
    from nkru.index import cache_dir, cached_indexes, clear_cache

    if clear:
        removed, freed = clear_cache()
        done = _words().cache_removed.format(count=removed, size=f"{freed:,}", folder=cache_dir())
        typer.echo(_escape(done))
        return
    found = cached_indexes()
    if as_json:
        import msgspec

        from nkru.render.emit import write_bytes
        from nkru.render.encode import as_json as encoded

        write_bytes(encoded([msgspec.to_builtins(i) for i in found]))
        return
    words = _words()
    typer.echo(_escape(words.cache_folder.format(folder=cache_dir())))
    for index in found:
        gone = "" if index.store_exists or index.store is None else words.store_gone
        store = index.store or words.store_not_recorded
        line = words.cache_line.format(size=f"{index.size:>12,}", store=store, gone=gone)
        typer.echo(_escape(line))
    if not found:
        raise typer.Exit(EXIT_NOTHING)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the store, to write and check a store of your own."""
    from nkru.render.emit import write_bytes
    from nkru.store import packaged_schema_path

    write_bytes(packaged_schema_path().read_bytes())


@app.command()
def page(
    since: FromOption = None,
    until: ToOption = None,
    leader: LeaderOption = None,
    topic: TopicOption = None,
    tone: ToneOption = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE"),
    ] = None,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """The whole lookup as one HTML file that works offline: search, filters by decade,
    person, topic and tone, English and Vietnamese, every source and disputed claim."""
    from nkru.index import open_catalog
    from nkru.render.page import page_html, write_page

    catalog = open_catalog(data)
    filters = _filters(catalog, since, until, leader, topic, tone)
    events = list(catalog.events(filters))
    selection = {code.value: _selection(filters, catalog, code) for code in Lang}
    window = (filters.since, filters.until)
    text = page_html(catalog, events, lang.value, selection, window)
    if output is None and sys.stdout.isatty():
        # Megabytes of HTML on a terminal help nobody: a file in this folder is what a reader
        # wants, and what they are told about.
        output = "nkru.html"
    write_page(text, output)
    if output is not None and output != "-":
        size = f"{len(text.encode('utf-8')) / 1e6:.1f} MB"
        _say(_words().page_written.format(path=output, size=size))
    if not events:
        raise typer.Exit(EXIT_NOTHING)


def _coverage_of(coverage: "Coverage") -> str:
    """``1945 to February 2026``, from the store's own record of what it covers, in the run's
    language."""
    from nkru.labels import labels_for

    labels = labels_for(_LANG[0])

    def said(partial: str) -> str:
        year, _, rest = partial.partition("-")
        if not rest:
            return year
        return labels.month_format.format(month=labels.months_long[int(rest[:2]) - 1], year=year)

    return labels.messages.coverage.format(start=said(coverage.start), end=said(coverage.end))


def _coverage_phrase(argv: list[str]) -> str:
    """The coverage of the store the command line names (``--data``), else the default one,
    read without building an index, so a broken store never breaks ``--help``."""
    from nkru.store import peek_coverage

    data = None
    for number, arg in enumerate(argv):
        if arg == "--data" and number + 1 < len(argv):
            data = argv[number + 1]
        elif arg.startswith("--data="):
            data = arg.split("=", 1)[1]
    coverage = peek_coverage(data or None)
    if coverage is None:
        return _words().coverage.format(start="1945", end="…")
    return _coverage_of(coverage)


def _for_command_line(argv: list[str], at: int | None) -> typer.Typer:
    """The app, with only the command that ``argv`` names (at ``at``) when it names one.

    Typer turns every registered command into a Click command at each start; building only
    the one named saves a few milliseconds of every run. Help and completion get everything.
    """
    if at is not None and "_NKRU_COMPLETE" not in os.environ:
        wanted = [
            info
            for info in app.registered_commands
            if info.callback is not None and info.callback.__name__ == argv[at]
        ]
        if wanted:
            single = copy.copy(app)
            single.registered_commands = wanted
            return single
    return app


def _standard_streams() -> bool:
    """Make the standard streams safe to use; False when standard output is closed.

    A closed standard error (``2>&-``) becomes a sink, so errors lose their words but keep
    their exit codes; a closed standard output is an error of its own, as it is for ``ls``.
    """
    if sys.stderr is None or not _open_fd(2):
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the run
    if sys.stdout is None or not _open_fd(1):
        return False
    # Whatever the output encoding, a message is never a crash: human output is folded to
    # ASCII by the output layer, and anything else left over is escaped.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    return True


def _open_fd(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def main() -> None:
    """Console-script entry point: one line per error, and quiet on a closed pipe."""
    import gc

    # The records built from a store hold no reference cycles; the cyclic collector's passes
    # over them are pure cost on a large store.
    gc.disable()
    from nkru.settings import drop_unusable_terminal_sizes

    drop_unusable_terminal_sizes()
    if not _standard_streams():
        _say(f"Error: {_words().output_closed}")
        os._exit(EXIT_USAGE)
    try:
        _run(sys.argv[1:])
    except BrokenPipeError:
        _quiet_pipe()
    except OSError as exc:  # standard output could not be written: a full disk, a closed file
        _say(f"Error: {_words().cannot_write.format(reason=exc.strerror or exc)}")
        os._exit(EXIT_USAGE)
    except sqlite3_errors() as exc:
        _say(f"Error: {_words().index_unreadable.format(reason=exc)}")
        _exit(EXIT_USAGE)
    except KeyboardInterrupt:  # Ctrl-C: stop at once, as the shell expects, without a trace
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write("\n")
        os._exit(EXIT_INTERRUPTED)


def sqlite3_errors() -> tuple[type[Exception], ...]:
    """SQLite's errors, when SQLite was loaded; an index that fails after its checks (a disk
    error) is reported in one line, and the next run checks and rebuilds it."""
    module = sys.modules.get("sqlite3")
    return (module.Error,) if module is not None else ()


def _in_language(command: Any, coverage: str) -> None:
    """Give the app, its commands and their options the ``--help`` of the run's language."""
    from nkru.labels import labels_for

    labels = labels_for(_LANG[0])
    command.help = labels.command_help["app"].replace("{coverage}", coverage)
    command.epilog = labels.command_help["epilog"]
    helps = labels.option_help
    for name, sub in [("", command), *getattr(command, "commands", {}).items()]:
        if name:
            sub.help = labels.command_help.get(name, sub.help)
        for param in sub.params:
            text = helps.get(f"{name}.{param.name}") or helps.get(str(param.name))
            if param.name == "fmt" and text is not None:
                choices = getattr(param.type, "choices", ())
                text = text.replace("{formats}", ", ".join(str(c) for c in choices))
            if text is not None and hasattr(param, "help"):
                param.help = text
    from nkru.render.help import localize_help

    localize_help(command, labels.help_words)


def _command_word(argv: list[str]) -> int | None:
    """Where the command's name is in ``argv``: after ``--lang`` and its value, if given
    before it; None when an option other than ``--lang`` comes first, or nothing does."""
    number = 0
    while number < len(argv):
        arg = argv[number]
        if arg in ("--lang", "-l"):
            number += 2
        elif arg.startswith("--lang="):
            number += 1
        elif arg.startswith("-"):
            return None
        else:
            return number
    return None


def _unknown_command(argv: list[str], at: int | None) -> None:
    """A first word (at ``at``) that names no command: said with the commands, and the
    nearest named (Click would say only that there is no such command)."""
    if at is None or "_NKRU_COMPLETE" in os.environ:
        return
    argv = argv[at:]
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    if argv[0] in names:
        return
    from nkru.suggest import closest

    words = _words()
    said = words.unknown_command.format(name=repr(argv[0]), commands=", ".join(names))
    guesses = closest(argv[0], names, limit=2, cutoff=75.0)
    if not guesses:
        # "nkru 1990s" meant a decade; "nkru putin" a search.
        from nkru.dates import parse_decade

        try:
            parse_decade(argv[0])
            guesses = [f"nkru decade {argv[0]}"]
        except UsageError:
            guesses = [f"nkru search {' '.join(argv[:4])}"]
    said = words.did_you_mean.format(message=said, candidates=", ".join(guesses))
    _say(f"Error: {said}")
    _say(words.try_help.format(name="nkru"))
    _exit(EXIT_USAGE)


def _run(argv: list[str]) -> None:
    _LANG[0] = _lang_of(argv)
    at = _command_word(argv)
    if at:
        # ``--lang`` given before the command holds for the command too.
        os.environ["NKRU_LANG"] = _LANG[0]
    _unknown_command(argv, at)
    command = typer.main.get_command(_for_command_line(argv, at))
    # Help texts are put in only when some help will show: a run that answers does not pay
    # for loading them.
    if not argv or "-h" in argv or "--help" in argv or "_NKRU_COMPLETE" in os.environ:
        top_help = not argv or argv[0] in ("-h", "--help")
        coverage = (
            _coverage_phrase(argv) if top_help else _words().coverage.format(start="1945", end="…")
        )
        _in_language(command, coverage)
    try:
        # Without standalone mode Click returns an Exit's code instead of exiting.
        code = command.main(args=argv, prog_name="nkru", standalone_mode=False)
        if isinstance(code, int):
            _exit(code)
    except typer.Exit as done:
        _exit(done.exit_code)
    except _CLICK_USAGE_ERROR as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            # ``nkru`` alone: the help, as a newcomer expects, not an error.
            print(ctx.get_help())
            _exit(EXIT_FOUND)
        name = ctx.command_path if ctx is not None else "nkru"
        from nkru.labels import labels_for
        from nkru.render.help import usage_error_words

        said = usage_error_words(exc, labels_for(_LANG[0]).help_words, command)
        _say(f"Error: {said or exc.format_message()}")  # type: ignore[attr-defined]
        _say(_words().try_help.format(name=name))
        _exit(EXIT_USAGE)
    except typer.Abort:
        _say(_words().aborted)
        _exit(EXIT_NOTHING)
    except NkruError as exc:  # raised outside a command (completion, help)
        _say(f"Error: {_worded(exc)}")
        _exit(exc.exit_code)
    _exit(EXIT_FOUND)


#: Click's usage error (Typer's BadParameter derives from it), whichever Click Typer brings.
_CLICK_USAGE_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError"
)


def _exit(code: int) -> None:
    """Flush, then exit; a pipe closed by the reader ends the run quietly, and output that
    cannot be written (a full disk) is one line and exit 2."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()  # a standard error that cannot be written must not change the code
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_pipe()
    except OSError as exc:
        if code != EXIT_USAGE:  # not already reported by the output layer
            _say(f"Error: {_words().cannot_write.format(reason=exc.strerror or exc)}")
        os._exit(EXIT_USAGE)
    import gc

    # The interpreter's last collection at exit walks every object the run made (the
    # framework's, the records'), and none of them is garbage: frozen, they are skipped, which
    # saves about a tenth of a search's run (8 ms). Exit itself stays the normal one.
    gc.freeze()
    sys.exit(code)


def _quiet_pipe() -> None:
    """The reader closed the pipe (``| head``): stop without a word."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_FOUND)
