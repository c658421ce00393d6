"""The ``nkru`` command line: parse options, call the core, hand the results to ``render``.

Heavy imports (Rich, rapidfuzz) happen inside the commands that use them, so a JSON listing
starts as fast as the framework allows.
"""

import copy
import os
import re
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nkru import __version__
from nkru.errors import NkruError, UsageError
from nkru.query import Filters, Hit

EXIT_FOUND, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class NkruGroup(TyperGroup):
    """Turns every NkruError into one ``Error: …`` line on stderr and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NkruError as exc:
            typer.echo(f"Error: {escape_controls(_worded(exc))}", err=True)
            raise typer.Exit(exc.exit_code) from None


def escape_controls(text: str) -> str:
    """``text`` with control characters and escape sequences shown as escapes, on one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _worded(exc: NkruError) -> str:
    """The core's error as the CLI says it: candidates become a 'did you mean'."""
    from nkru.errors import NotFoundError

    if isinstance(exc, NotFoundError) and exc.candidates:
        return f"{exc.message}. Did you mean: {', '.join(exc.candidates)}?"
    if isinstance(exc, NotFoundError) and "id" in exc.message:
        return f"{exc.message}. (`nkru timeline` lists ids)"
    return str(exc)


app = typer.Typer(
    name="nkru",
    cls=NkruGroup,
    help=(
        "Look up the history of Russia (and Soviet) – North Korea relations, {coverage}. "
        "Every event cites the articles and references it comes from.\n\n"
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
    csl_json = "csl-json"


class Lang(str, Enum):
    en = "en"
    vi = "vi"


class Tone(str, Enum):
    warming = "warming"
    cooling = "cooling"
    steady = "steady"


# --- completion -------------------------------------------------------------------------------


def _catalog_for_completion(ctx: Any = None) -> Any:
    """The store named by ``--data`` on the line being completed, else the default one."""
    from nkru.index import open_catalog

    data = None
    if ctx is not None:
        data = ctx.params.get("data")
    try:
        return open_catalog(data)
    except (NkruError, OSError):
        return None


def _quoted(value: str) -> str:
    """A value the shell keeps as one word."""
    return value if re.fullmatch(r"[\w.,:+-]+", value) else value.replace(" ", "\\ ")


def _complete_people(ctx: Any, incomplete: str) -> list[str]:
    catalog = _catalog_for_completion(ctx)
    if catalog is None:
        return []
    from nkru.text import compact, words

    typed = compact(incomplete)
    found = []
    for person in catalog.people.values():
        forms = person.spellings()
        if not typed or any(
            compact(f).startswith(typed) or any(w.startswith(typed) for w in words(f))
            for f in forms
        ):
            found.append(person.id)
    return found


def _complete_topic(incomplete: str) -> list[str]:
    from nkru.models import TOPICS

    return [t for t in TOPICS if t.startswith(incomplete.lower())]


def _complete_decade(ctx: Any, incomplete: str) -> list[str]:
    catalog = _catalog_for_completion(ctx)
    if catalog is None:
        return []
    span = catalog.span()
    if span is None:
        return []
    first, last = int(span[0][:4]) // 10 * 10, int(span[1][:4]) // 10 * 10
    decades = [f"{d}s" for d in range(first, last + 1, 10)]
    typed = incomplete.strip().lstrip("'’")
    return [d for d in decades if d.startswith(typed) or d[2:].startswith(typed)]


def _complete_event_id(ctx: Any, incomplete: str) -> list[str]:
    catalog = _catalog_for_completion(ctx)
    if catalog is None:
        return []
    found: list[str] = catalog.ids(incomplete.lower())
    return found


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
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="Only events that reach this date or later: 1990, 2024-06 or 2024-06-19.",
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to", metavar="DATE", help="Only events that begin by this date: 1999, 2024-06, ..."
    ),
]
LeaderOption = Annotated[
    str | None,
    typer.Option(
        "--leader",
        metavar="NAME",
        help="Only events involving this person, in any spelling (putin, Kim Nhat Thanh, Путин).",
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
AllOption = Annotated[bool, typer.Option("--all", help="Every match, not only the best 20.")]
ReverseOption = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]


def _filters(
    catalog: Any,
    since: str | None,
    until: str | None,
    leader: str | None,
    topic: str | None,
    tone: Tone | None,
) -> Filters:
    from nkru.query import parse_when

    person_ids = None
    if leader is not None:
        from nkru.people import resolve

        person_ids = frozenset(p.id for p in resolve(catalog, leader))
    return Filters(
        since=parse_when(since, "--from") if since is not None else None,
        until=parse_when(until, "--to") if until is not None else None,
        person_ids=person_ids,
        topic=topic.strip().lower() if topic is not None else None,
        tone=tone.value if tone is not None else None,
    )


_EVENT_FORMATS = ("table", "plain", "json", "jsonl", "csv", "markdown", "timelinejs")
_LISTING_FORMATS = ("table", "plain", "json", "jsonl", "csv", "markdown")


def _format(fmt: Format | None, as_json: bool, allowed: Sequence[str] = _EVENT_FORMATS) -> Format:
    if fmt is not None and fmt.value not in allowed:
        raise UsageError(
            f"this command has no --format {fmt.value}: use one of {', '.join(allowed)}."
        )
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


def _emit_events(
    hits: Sequence[Hit], catalog: Any, fmt: Format, lang: Lang, quiet: bool = False
) -> None:
    """Print a listing in the chosen format; exit 1 (after printing) when it is empty."""
    from nkru import render

    language = lang.value
    if fmt in (Format.json, Format.jsonl):
        records = [render.event_record(h.event, catalog, h.score, h.matched) for h in hits]
        _write(render.as_json(records) if fmt is Format.json else render.as_jsonl(records))
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
        if not quiet and fmt in (Format.table, Format.plain, Format.csv, Format.markdown):
            typer.echo("No events found.", err=True)
        raise typer.Exit(EXIT_NOTHING)


# --- commands ---------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nkru {__version__} (store: {_coverage_phrase(None)})")
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
      nkru timeline --from 2024-06 --to 2024-12
      nkru timeline --leader putin --tone warming
      nkru timeline --topic sanctions --json | jq '.[].id'
    """
    from nkru.index import open_catalog

    output = _format(fmt, as_json)
    catalog = open_catalog(data)
    filters = _filters(catalog, since, until, leader, topic, tone)
    hits = [Hit(e) for e in catalog.events(filters, count, reverse)]
    _emit_events(hits, catalog, output, lang)


def _score(value: float) -> float:
    import math

    if not math.isfinite(value) or not 0 <= value <= 100:
        raise typer.BadParameter(f"{value} is not a number from 0 to 100.")
    return value


@app.command()
def search(
    query: Annotated[
        list[str], typer.Argument(help="Words to look for; quote a phrase: '\"six-party talks\"'.")
    ],
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score", callback=_score, help="Hide results scoring below this (0–100)."
        ),
    ] = 0.0,
    exact: Annotated[
        bool,
        typer.Option("--exact", help="No spelling tolerance (case and accents still ignored)."),
    ] = False,
    since: FromOption = None,
    until: ToOption = None,
    leader: LeaderOption = None,
    topic: TopicOption = None,
    tone: ToneOption = None,
    count: Annotated[
        int,
        typer.Option("--limit", "-n", min=1, metavar="N", help="Show the best N events."),
    ] = 20,
    every: AllOption = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """Ranked search over names in every spelling and script, titles, summaries and notes
    in English and Vietnamese, places and topics. Best 20 first, each with a score (0–100).

    \b
    Examples (accents, case and small typos do not matter):
      nkru search putin
      nkru search puttin
      nkru search Kim Nhat Thanh
      nkru search Путин
      nkru search '"six-party talks"'
      nkru search treaty --from 2024
      nkru search putin --json | jq '.[0].title.en'
    """
    from nkru.index import open_catalog

    output = _format(fmt, as_json)
    catalog = open_catalog(data)
    filters = _filters(catalog, since, until, leader, topic, tone)
    result = catalog.search(query, filters, None if every else count, exact, min_score)
    for typed, forms in result.corrections.items():
        if output in (Format.table, Format.plain):
            typer.echo(
                f"Note: {typed!r} not found; showing matches for {' or '.join(forms)}.", err=True
            )
    if not result.hits and output not in (Format.json, Format.jsonl, Format.timelinejs):
        asked = escape_controls(" ".join(query))
        if result.unfiltered:
            widen = ", ".join(f"without {name}: {found}" for name, found in result.widen)
            typer.echo(
                f"No events match {asked!r} with these filters; {result.unfiltered} match "
                f"without them ({widen}).",
                err=True,
            )
        else:
            from nkru.search import suggestions

            nearest = suggestions(catalog, query)
            hint = f" Nearest people and topics: {', '.join(nearest)}." if nearest else ""
            typer.echo(f"No events match {asked!r}.{hint}", err=True)
        raise typer.Exit(EXIT_NOTHING)
    _emit_events(result.hits, catalog, output, lang)


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
    from nkru.index import open_catalog
    from nkru.query import decade_filters, parse_decade

    start = parse_decade(which)
    output = _format(fmt, as_json)
    catalog = open_catalog(data)
    filters = decade_filters(start, _filters(catalog, None, None, leader, topic, tone))
    hits = [Hit(e) for e in catalog.events(filters, count, reverse)]
    _emit_events(hits, catalog, output, lang)


@app.command()
def show(
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An event id as listed by timeline, a former id, or the start of one (1961).",
            autocompletion=_complete_event_id,
        ),
    ],
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="text (default) or json.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """One event in full: both languages, dates, people, every source with its publisher,
    date and link, and what sources get wrong (disputed claims beside the record).

    \b
    Examples:
      nkru show 1961
      nkru show 2024-06-19-putin-kim-sign-strategic-partnership-treaty
      nkru show 1991 --json
    """
    from nkru import render
    from nkru.index import open_catalog

    output = _format(fmt, as_json, ("table", "plain", "json"))
    catalog = open_catalog(data)
    event, renamed = catalog.event(event_id)
    if renamed is not None:
        typer.echo(f"Note: {renamed} was renamed {event.id} when its date was corrected.", err=True)
    if output is Format.json:
        _write(render.as_json(render.event_record(event, catalog)))
        return
    from nkru.detail import event_detail

    _write(event_detail(event, catalog, _width()))


def _width() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


@app.command()
def leaders(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="One person, in any spelling or script: putin, Путин, 김정은.",
            autocompletion=_complete_people,
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """Everyone who takes part in an event: every spelling, country, roles with their years,
    and their events. With a NAME, one person in full.

    \b
    Examples:
      nkru leaders
      nkru leaders putin
      nkru leaders "Kim Nhật Thành" --lang vi
      nkru leaders --json | jq '.[] | {id, event_count}'
    """
    from nkru import people
    from nkru.index import open_catalog

    output = _format(fmt, as_json, _LISTING_FORMATS)
    catalog = open_catalog(data)
    if name is None:
        _print(people.render(catalog, output.value, lang.value))
        return
    found = people.resolve(catalog, name)
    if output is Format.table or output is Format.plain:
        from nkru.people import detail

        _write(detail(catalog, found, lang.value, _width()))
        return
    _print(people.render(catalog, output.value, lang.value, found))


def _print(rendered: Any) -> None:
    """Text and bytes are written plainly; a Rich renderable goes through a console."""
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
    since: FromOption = None,
    until: ToOption = None,
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
    from nkru.index import open_catalog
    from nkru.trend import period_record, periods

    catalog = open_catalog(data)
    filters = _filters(catalog, since, until, leader, topic, None)
    events = list(catalog.events(filters))
    found = periods(events, by.value)
    if since is not None or until is not None:
        low = int(filters.since[:4]) if filters.since else -9999
        high = int(filters.until[:4]) if filters.until else 9999
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
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="table, plain, json, jsonl, csv, markdown, or csl-json (references only, "
            "for Zotero and Pandoc).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """The two articles the store was built from, then the references that check them and
    document later events: publisher, date and how many events cite each.

    \b
    Examples:
      nkru sources
      nkru sources --format csl-json > nkru.json
    """
    from nkru.index import open_catalog
    from nkru.render import csl_json, sources_listing

    output = _format(fmt, as_json, (*_LISTING_FORMATS, "csl-json"))
    catalog = open_catalog(data)
    if output is Format.csl_json:
        _write(csl_json(catalog))
        return
    if output in (Format.table, Format.plain) and sys.stdout.isatty():
        typer.echo(f"Coverage: {_coverage_of(catalog)}")
    _print(sources_listing(catalog, output.value, lang.value))


@app.command()
def disputes(
    since: FromOption = None,
    until: ToOption = None,
    leader: LeaderOption = None,
    topic: TopicOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """What the sources get wrong: every disputed event, each claim beside what the record
    shows, with a verdict and the reference for the record.

    \b
    Examples:
      nkru disputes
      nkru disputes --lang vi
      nkru disputes --json | jq '.[].claims[].verdict'
    """
    from nkru.index import open_catalog
    from nkru.render import disputes_listing

    output = _format(fmt, as_json, _LISTING_FORMATS)
    catalog = open_catalog(data)
    filters = _filters(catalog, since, until, leader, topic, None)
    events = [e for e in catalog.events(filters) if e.disputed]
    _print(disputes_listing(catalog, events, output.value, lang.value))
    if not events:
        raise typer.Exit(EXIT_NOTHING)


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
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Check a store against the schema and its cross-references; list every problem, then
    warnings (a person on an event who held none of their roles then). Exit 0 when valid,
    2 when not.

    \b
    Examples:
      nkru validate
      nkru validate my-events.json --json
    """
    from nkru.errors import StoreError
    from nkru.store import load_store, role_warnings

    try:
        store = load_store(path or data)
    except StoreError as exc:
        if as_json:
            from nkru.render import as_json as encode

            _write(
                encode({"valid": False, "path": exc.path, "errors": exc.problems, "warnings": []})
            )
        else:
            shown = exc.problems[:LIMIT_PROBLEMS]
            for problem in shown:
                typer.echo(f"{escape_controls(exc.path)}: {escape_controls(problem)}", err=True)
            rest = len(exc.problems) - len(shown)
            if rest:
                typer.echo(f"... and {rest} more", err=True)
            count = len(exc.problems)
            typer.echo(f"invalid: {count} problem{'s' if count != 1 else ''}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    warnings = role_warnings(store)
    name = path or data or "the bundled store"
    if as_json:
        from nkru.render import as_json as encode

        _write(encode({"valid": True, "path": str(name), "errors": [], "warnings": warnings}))
        return
    for warning in warnings:
        typer.echo(f"warning: {escape_controls(warning)}", err=True)
    events = store.events
    typer.echo(
        f"valid: {escape_controls(str(name))}: {len(events)} events "
        f"({store.coverage.start}–{store.coverage.end}), {len(store.people)} people, "
        f"{len(store.sources)} articles, {len(store.references)} references, "
        f"{len(warnings)} warnings, schema_version {store.schema_version}"
    )


LIMIT_PROBLEMS = 50


@app.command()
def schema() -> None:
    """Print the JSON Schema of the store, to write and check a store of your own.

    \b
    Example:
      nkru schema > events.schema.json
    """
    from nkru.store import packaged_schema_path

    _write(packaged_schema_path().read_bytes())


_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _coverage_of(catalog: Any) -> str:
    """ "1945 to November 2025", from the store's own record of what it covers."""
    coverage = catalog.coverage

    def said(partial: str) -> str:
        year, _, rest = partial.partition("-")
        if not rest:
            return year
        return f"{_MONTH_NAMES[int(rest[:2]) - 1]} {year}"

    return f"{said(coverage.start)} to {said(coverage.end)}"


def _coverage_phrase(argv: list[str] | None) -> str:
    """The coverage of the store the command line names (``--data``), else the default."""
    data = None
    argv = argv or []
    for number, arg in enumerate(argv):
        if arg == "--data" and number + 1 < len(argv):
            data = argv[number + 1]
        elif arg.startswith("--data="):
            data = arg.split("=", 1)[1]
    from nkru.index import open_catalog

    try:
        return _coverage_of(open_catalog(data))
    except NkruError:
        return "from 1945"


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
    argv = sys.argv[1:]
    if not argv or argv[0] in ("-h", "--help"):
        app.info.help = str(app.info.help).format(coverage=_coverage_phrase(argv))
    else:
        app.info.help = str(app.info.help).format(coverage="from 1945")
    _for_command_line(argv)()
