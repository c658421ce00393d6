"""The ``nkru`` command line: parse options, call the core, hand the results to ``render``.

Heavy imports (Rich, rapidfuzz) happen inside the commands that use them, so a JSON listing
starts as fast as the framework allows.
"""

import copy
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nkru import __version__
from nkru.errors import NkruError, UsageError
from nkru.query import Filters, Hit, limit

EXIT_FOUND, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


class NkruGroup(TyperGroup):
    """Turns every NkruError into one ``Error: …`` line on stderr and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NkruError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    name="nkru",
    cls=NkruGroup,
    help=(
        "Look up the history of Russia (and Soviet) – North Korea relations, 1945 to today. "
        "Every event cites the article it comes from.\n\n"
        "Exit codes: 0 found, 1 nothing found, 2 bad usage or bad store."
    ),
    epilog="Try: nkru timeline | nkru search putin | nkru decade 1990s | nkru show ID",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    table = "table"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    timelinejs = "timelinejs"


class Lang(str, Enum):
    en = "en"
    vi = "vi"


class Tone(str, Enum):
    warming = "warming"
    cooling = "cooling"
    steady = "steady"


# --- completion -------------------------------------------------------------------------------


def _catalog_for_completion() -> Any:
    from nkru.store import load

    try:
        return load()
    except NkruError:
        return None


def _complete_people(incomplete: str) -> list[str]:
    catalog = _catalog_for_completion()
    if catalog is None:
        return []
    return [
        p.name.en
        for p in catalog.people.values()
        if p.name.en.lower().startswith(incomplete.lower())
    ]


def _complete_topic(incomplete: str) -> list[str]:
    from nkru.models import TOPICS

    return [t for t in TOPICS if t.startswith(incomplete)]


def _complete_decade(incomplete: str) -> list[str]:
    catalog = _catalog_for_completion()
    if catalog is None or not catalog.events:
        return []
    first = catalog.events[0].start_year // 10 * 10
    last = max(e.end_year for e in catalog.events) // 10 * 10
    return [f"{d}s" for d in range(first, last + 1, 10) if f"{d}s".startswith(incomplete)]


def _complete_event_id(incomplete: str) -> list[str]:
    catalog = _catalog_for_completion()
    if catalog is None:
        return []
    return [e.id for e in catalog.events if e.id.startswith(incomplete)]


# --- shared options ---------------------------------------------------------------------------

DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help="Store file to read. Default: $NKRU_DATA, else the store bundled with nkru.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format. Default: table on a terminal, plain (tab-separated) in a pipe.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        "-l",
        envvar="NKRU_LANG",
        case_sensitive=False,
        help="Language of titles, names and headings: en or vi. [env: NKRU_LANG]",
    ),
]
FromOption = Annotated[
    int | None,
    typer.Option("--from", metavar="YEAR", help="Only events that reach this year or later."),
]
ToOption = Annotated[
    int | None,
    typer.Option("--to", metavar="YEAR", help="Only events that begin by this year."),
]
LeaderOption = Annotated[
    str | None,
    typer.Option(
        "--leader",
        metavar="NAME",
        help="Only events involving this person, in any spelling (putin, Kim Nhat Thanh).",
        autocompletion=_complete_people,
    ),
]
TopicOption = Annotated[
    str | None,
    typer.Option(
        "--topic",
        metavar="TOPIC",
        help="Only events on this topic (war, aid, treaty, summit, sanctions, nuclear, ...).",
        autocompletion=_complete_topic,
    ),
]
ToneOption = Annotated[
    Tone | None,
    typer.Option("--tone", case_sensitive=False, help="Only events with this tone."),
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", "-n", min=1, metavar="N", help="Show at most N events."),
]
ReverseOption = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]


def _filters(
    catalog: Any,
    first_year: int | None,
    last_year: int | None,
    leader: str | None,
    topic: str | None,
    tone: Tone | None,
) -> Filters:
    person_ids = None
    if leader is not None:
        from nkru.people import resolve

        person_ids = frozenset(p.id for p in resolve(catalog, leader))
    return Filters(
        first_year=first_year,
        last_year=last_year,
        person_ids=person_ids,
        topic=topic.strip().lower() if topic is not None else None,
        tone=tone.value if tone is not None else None,
    )


def _format(fmt: Format | None, as_json: bool) -> Format:
    if as_json:
        if fmt not in (None, Format.json):
            raise UsageError(f"--json and --format {fmt.value} disagree: choose one.")
        return Format.json
    if fmt is not None:
        return fmt
    return Format.table if sys.stdout.isatty() else Format.plain


def _write(data: str | bytes) -> None:
    """Plain output, never through Rich: nothing is wrapped, coloured or escaped."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _console() -> Any:
    """A Rich console for tables and charts. Text comes from the store, not from markup, so
    Rich's markup, emoji and number highlighting are off: faster, and nothing is misread."""
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False)


def _emit_events(hits: Sequence[Hit], catalog: Any, fmt: Format, lang: Lang) -> None:
    """Print a listing in the chosen format; exit 1 (after printing) when it is empty."""
    from nkru import render

    language = lang.value
    if fmt is Format.json:
        _write(render.as_json([render.event_record(h.event, catalog, h.score) for h in hits]))
    elif fmt is Format.jsonl:
        _write(render.as_jsonl([render.event_record(h.event, catalog, h.score) for h in hits]))
    elif fmt is Format.timelinejs:
        _write(render.as_timelinejs(hits, catalog, language))
    elif not hits:
        pass
    elif fmt is Format.plain:
        _write(render.as_plain(hits, catalog, language))
    elif fmt is Format.csv:
        _write(render.as_csv(hits, catalog, language))
    elif fmt is Format.markdown:
        _write(render.as_markdown(hits, catalog, language))
    else:
        _console().print(render.events_table(hits, catalog, language))
    if not hits:
        if fmt in (Format.table, Format.plain, Format.csv, Format.markdown):
            typer.echo("No events found.", err=True)
        raise typer.Exit(EXIT_NOTHING)


# --- commands ---------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nkru {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Look up the history of Russia (and Soviet) – North Korea relations, 1945 to today."""


@app.command()
def timeline(
    first_year: FromOption = None,
    last_year: ToOption = None,
    leader: LeaderOption = None,
    topic: TopicOption = None,
    tone: ToneOption = None,
    count: LimitOption = None,
    reverse: ReverseOption = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """Every event in date order, with filters.

    \b
    Examples:
      nkru timeline
      nkru timeline --from 1990 --to 1999
      nkru timeline --leader putin --tone warming
      nkru timeline --topic sanctions --json | jq '.[].id'
    """
    from nkru.store import load

    output = _format(fmt, as_json)
    catalog = load(data)
    filters = _filters(catalog, first_year, last_year, leader, topic, tone)
    hits = [Hit(e) for e in filters.apply(catalog.events)]
    _emit_events(limit(hits, count, reverse), catalog, output, lang)


@app.command()
def search(
    query: Annotated[list[str], typer.Argument(help="Words to look for; every word must match.")],
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score", min=0, max=100, help="Hide results scoring below this (0–100)."
        ),
    ] = 0.0,
    exact: Annotated[
        bool,
        typer.Option("--exact", help="No spelling tolerance (case and accents still ignored)."),
    ] = False,
    first_year: FromOption = None,
    last_year: ToOption = None,
    leader: LeaderOption = None,
    topic: TopicOption = None,
    tone: ToneOption = None,
    count: LimitOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """Fuzzy search over names in every spelling, titles and summaries in English and
    Vietnamese, places and topics. Ranked best first, with a score.

    \b
    Examples (accents, case and small typos do not matter):
      nkru search putin
      nkru search puttin
      nkru search Kim Nhat Thanh
      nkru search "Binh Nhuong"
      nkru search sanctions 2017
      nkru search putin --json | jq '.[0].title.en'
    """
    from nkru.search import search as run_search
    from nkru.search import suggestions
    from nkru.searchcache import index_for
    from nkru.store import load

    output = _format(fmt, as_json)
    catalog = load(data)
    filters = _filters(catalog, first_year, last_year, leader, topic, tone)
    allowed = [i for i, e in enumerate(catalog.events) if filters.accepts(e)]
    hits = run_search(
        catalog, query, index_for(catalog), allowed=allowed, exact=exact, min_score=min_score
    )
    if not hits and output not in (Format.json, Format.jsonl, Format.timelinejs):
        nearest = suggestions(catalog, query)
        hint = f" Nearest people and topics: {', '.join(nearest)}." if nearest else ""
        typer.echo(f"No events match {' '.join(query)!r}.{hint}", err=True)
        raise typer.Exit(EXIT_NOTHING)
    _emit_events(limit(hits, count, False), catalog, output, lang)


@app.command()
def decade(
    which: Annotated[
        str,
        typer.Argument(
            metavar="DECADE",
            help="1990s, 1990, 90s or '90s.",
            autocompletion=_complete_decade,
        ),
    ],
    topic: TopicOption = None,
    tone: ToneOption = None,
    leader: LeaderOption = None,
    count: LimitOption = None,
    reverse: ReverseOption = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """Events of one decade, including eras that run into it.

    \b
    Examples:
      nkru decade 1990s
      nkru decade 50s --json
      nkru decade "'60s" --topic aid
    """
    from nkru.query import parse_decade
    from nkru.store import load

    start = parse_decade(which)
    output = _format(fmt, as_json)
    catalog = load(data)
    filters = _filters(catalog, start, start + 9, leader, topic, tone)
    hits = [Hit(e) for e in filters.apply(catalog.events)]
    _emit_events(limit(hits, count, reverse), catalog, output, lang)


@app.command()
def show(
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An event id, as listed by timeline.",
            autocompletion=_complete_event_id,
        ),
    ],
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """One event in full: both languages, dates, people, every source, and any note on
    where the articles disagree.

    \b
    Examples:
      nkru show 1961-mutual-defence-treaty
      nkru show 1991-soviet-collapse --json
    """
    from nkru import render
    from nkru.store import load

    catalog = load(data)
    event = catalog.event(event_id)
    if as_json:
        _write(render.as_json(render.event_record(event, catalog)))
        return
    from nkru.detail import event_detail

    _write(event_detail(event, catalog, _width()))


def _width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


@app.command()
def leaders(
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """Everyone the store names: country, roles, years and number of events.

    \b
    Examples:
      nkru leaders
      nkru leaders --lang vi
      nkru leaders --json | jq '.[] | {id, event_count}'
    """
    from nkru import people

    _emit_listing(people.render, fmt, as_json, lang, data)


def _emit_listing(
    build: Callable[[Any, str, str], Any],
    fmt: Format | None,
    as_json: bool,
    lang: Lang,
    data: str | None,
) -> None:
    """Print a listing of people or sources: text and JSON written plainly, tables via Rich."""
    from nkru.store import load

    output = _format(fmt, as_json)
    if output is Format.timelinejs:
        raise UsageError("--format timelinejs is for events: timeline, search or decade.")
    rendered = build(load(data), output.value, lang.value)
    if isinstance(rendered, (str, bytes)):
        _write(rendered)
    else:
        _console().print(rendered)


class By(str, Enum):
    decade = "decade"
    year = "year"


@app.command()
def trend(
    by: Annotated[By, typer.Option("--by", case_sensitive=False, help="Period size.")] = By.decade,
    first_year: FromOption = None,
    last_year: ToOption = None,
    leader: LeaderOption = None,
    topic: TopicOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """The ups and downs at a glance: per decade (or year), how many events warmed, cooled or
    held the relationship steady, and the net swing.

    \b
    Examples:
      nkru trend
      nkru trend --by year --from 2000
      nkru trend --json | jq '.[] | {period, net}'
    """
    from nkru.store import load
    from nkru.trend import period_record, periods

    catalog = load(data)
    filters = _filters(catalog, first_year, last_year, leader, topic, None)
    events = filters.apply(catalog.events)
    found = periods(events, by.value)
    if first_year is not None or last_year is not None:
        low, high = first_year or -9999, last_year or 9999
        found = [p for p in found if p.last_year >= low and p.first_year <= high]
    if as_json:
        from nkru.render import as_json as encode

        _write(encode([period_record(p) for p in found]))
    elif found:
        from nkru.render import trend_chart

        console = _console()
        console.print(trend_chart(found, console.width, lang.value))
    if not events:
        if not as_json:
            typer.echo("No events found.", err=True)
        raise typer.Exit(EXIT_NOTHING)


@app.command()
def sources(
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """The articles the store is built from, what each covers, and how many events cite it.

    \b
    Examples:
      nkru sources
      nkru sources --json
    """
    from nkru.render import sources_listing

    _emit_listing(sources_listing, fmt, as_json, lang, data)


@app.command()
def validate(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]",
            help="Store to check. Default: --data, $NKRU_DATA, else the bundled store.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Check a store against the schema and its cross-references. Exit 0 when valid, 2 when not.

    \b
    Examples:
      nkru validate
      nkru validate my-events.json
    """
    from nkru.errors import StoreError
    from nkru.store import load

    try:
        catalog = load(path or data)
    except StoreError as exc:
        for problem in exc.problems:
            typer.echo(f"{exc.path}: {problem}", err=True)
        count = len(exc.problems)
        typer.echo(f"invalid: {count} problem{'s' if count != 1 else ''}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    events = catalog.events
    span = f" ({events[0].start_year}–{max(e.end_year for e in events)})" if events else ""
    typer.echo(
        f"valid: {catalog.path}: {len(events)} events{span}, {len(catalog.people)} people, "
        f"{len(catalog.sources)} sources, schema_version {catalog.store.schema_version}"
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the store, to write and check a store of your own.

    \b
    Example:
      nkru schema > events.schema.json
    """
    from nkru.store import packaged_schema_path

    _write(packaged_schema_path().read_bytes())


def _for_command_line(argv: list[str]) -> typer.Typer:
    """The app, with only the command that ``argv`` names when it names one.

    Typer turns every registered command into a Click command at each start. When the command
    line names its command, building that one alone saves a few milliseconds of every run;
    help, completion and anything else get the whole app.
    """
    if argv and not argv[0].startswith("-") and "_NKRU_COMPLETE" not in os.environ:
        wanted = [
            info
            for info in app.registered_commands
            if info.callback is not None and info.callback.__name__ == argv[0]
        ]
        if wanted:
            single = copy.copy(app)
            single.registered_commands = wanted
            return single
    return app


def main() -> None:
    """Console-script entry point."""
    _for_command_line(sys.argv[1:])()
