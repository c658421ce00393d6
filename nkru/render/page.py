"""``nkru page``: the whole lookup in one HTML file that works offline, from ``file://``.

The page carries its events as JSON in a ``<script type="application/json">`` block, its own
script and styles and MiniSearch (the search engine, MIT) inline, and a Content-Security-Policy
that lets it make no request at all. Everything a reader sees that comes from a store is put in
the page by the script with ``textContent``, never as markup, and only http(s) links become
links. Dates are written here, in Python, by the same functions as every listing.

Imported only by the ``page`` command, so no other command pays for it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import stat
from collections.abc import Iterable
from importlib import resources
from typing import TYPE_CHECKING, Any

from nkru import __version__
from nkru.labels import Labels, labels_for
from nkru.labels.page import PAGE_WORDS, TOPIC_NAMES
from nkru.models import LANGS, Event, Text
from nkru.render.dates import human_date, human_span
from nkru.render.emit import OutputError, write_bytes
from nkru.render.listing import DIFFER_MARK, DISPUTED_MARK, TONE_MARKS

if TYPE_CHECKING:
    from nkru.index import Catalog

MINISEARCH_VERSION = "7.2.0"
MINISEARCH_SHA256 = "03c27931eb603af1d3358579e9885eafdb6a2f5fa9929557b3e77d7e99d06d03"

#: What JSON text must not carry inside a ``<script>`` element: ``</script>``, ``<!--``, and the
#: line separators that old JavaScript parsers end a line at. Escapes mean the same in JSON.
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def _asset(name: str) -> str:
    return (resources.files("nkru.render") / "assets" / name).read_text(encoding="utf-8")


def minisearch_source() -> str:
    """MiniSearch's UMD build as shipped, less its source-map comment (a file not shipped)."""
    text = _asset("minisearch.js")
    return "\n".join(
        line for line in text.splitlines() if not line.startswith("//# sourceMappingURL=")
    )


def _text(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"en": text.en, "vi": text.vi}


def _both(make: Any) -> dict[str, str]:
    """``make(labels)`` in each language."""
    return {lang: make(labels_for(lang)) for lang in LANGS}


def _precision(event: Event) -> list[str]:
    """How exactly the dates are known: the start's, then the end's when it differs."""
    if event.approximate:
        return ["approximate"]
    known = [{10: "to_the_day", 7: "to_the_month"}.get(len(d), "to_the_year") for d in
             (event.start, event.end or event.start)]  # fmt: skip
    return known[:1] if known[0] == known[1] else known


def _decades(event: Event) -> list[int]:
    """Every decade the event touches, as ``nkru decade`` counts them."""
    return list(range(event.start_year // 10 * 10, event.end_year // 10 * 10 + 1, 10))


class _Sources:
    """Each article and reference cited on the page once, by its place in a list."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.places: dict[str, int] = {}
        self.items: list[dict[str, Any]] = []

    def __call__(self, source_id: str) -> int:
        found = self.places.get(source_id)
        if found is not None:
            return found
        self.places[source_id] = len(self.items)
        self.items.append(self._record(source_id))
        return len(self.items) - 1

    def _record(self, source_id: str) -> dict[str, Any]:
        article = self.catalog.sources.get(source_id)
        if article is not None:
            by = ", ".join(x for x in (article.author, article.publisher) if x) or None
            return {
                "kind": "article",
                "title": article.title,
                "translated": _text(article.title_translated),
                "publisher": by,
                "date": _both(lambda labels: human_date(article.date, labels)),
                "iso": article.date,
                "url": None,
            }
        reference = self.catalog.references.get(source_id)
        if reference is None:  # a valid store names only sources it has
            return {"kind": "reference", "title": source_id, "publisher": None, "url": None}
        issued = reference.issued.iso
        return {
            "kind": "reference",
            "title": reference.title,
            "translated": None,
            "publisher": reference.publisher,
            "container": reference.container_title,
            "date": _both(lambda labels: human_date(issued, labels)),
            "iso": issued,
            "url": reference.URL,
        }


def page_data(
    catalog: Catalog,
    events: Iterable[Event],
    lang: str = "en",
    selection: dict[str, str] | None = None,
    window: tuple[str | None, str | None] = (None, None),
) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data: events in date order with their dates
    written in both languages, the people and sources they name (each once), and the words."""
    sources = _Sources(catalog)
    people: dict[str, int] = {}
    people_out: list[dict[str, Any]] = []

    def person(person_id: str) -> int | None:
        if person_id not in people:
            found = catalog.people.get(person_id)
            if found is None:
                return None
            people[person_id] = len(people_out)
            people_out.append(
                {
                    "id": found.id,
                    "name": _text(found.name),
                    "cyrillic": found.cyrillic,
                    "hangul": found.hangul,
                    "aliases": list(found.aliases),
                }
            )
        return people[person_id]

    out: list[dict[str, Any]] = []
    for event in events:
        out.append(
            {
                "start": event.start,
                "end": event.end,
                "when": _both(lambda labels, e=event: human_span(e, labels)),
                "precision": _precision(event),
                "period": _text(event.period),
                "title": _text(event.title),
                "summary": _text(event.summary),
                "note": _text(event.note),
                "tone": event.tone,
                "topics": list(event.topics),
                "people": [i for i in map(person, event.people) if i is not None],
                "places": [_text(place) for place in event.places],
                "sources": [[sources(c.source), c.where, c.quote] for c in event.sources],
                "claims": [
                    {
                        "source": sources(claim.source),
                        "where": claim.where,
                        "says": _text(claim.says),
                        "record": _text(claim.record),
                        "verdict": claim.verdict,
                        "references": [sources(r) for r in claim.references],
                    }
                    for claim in event.claims
                ],
                "decades": _decades(event),
                "dispute": event.dispute,
            }
        )
    start = window[0] or catalog.coverage.start
    end = window[1] or catalog.coverage.end
    orders = _orders(people_out)
    return {
        "lang": lang,
        "events": out,
        "people": people_out,
        "sources": sources.items,
        "words": {
            code: {
                **_words(labels_for(code), len(out), start, end, (selection or {}).get(code, "")),
                **orders[code],
            }
            for code in LANGS
        },
    }


def _orders(people: list[dict[str, Any]]) -> dict[str, dict[str, list[Any]]]:
    """People and topics in each language's alphabetical order (accents folded), for the
    filters: sorted here, so the page needs no collation of its own at start."""
    from nkru.text import fold

    return {
        code: {
            "people_order": sorted(range(len(people)), key=lambda i: fold(people[i]["name"][code])),
            "topic_order": sorted(TOPIC_NAMES[code], key=lambda t: fold(TOPIC_NAMES[code][t])),
        }
        for code in LANGS
    }


def _words(labels: Labels, count: int, start: str, end: str, selection: str) -> dict[str, Any]:
    """Every word the page shows in one language."""
    page = PAGE_WORDS[labels.code]
    fields = labels.fields
    dates = {"start": human_date(start, labels), "end": human_date(end, labels)}
    if selection:
        title = labels.messages.title_some.format(what=selection, **dates)
    else:
        title = labels.messages.title_all.format(**dates)
    return {
        **page,
        "title": title,
        "intro": page["intro"].format(count=f"{count:,}" if labels.code == "en" else count),
        "selection": page["selection"].format(what=selection) if selection else "",
        "made_by": page["made_by"].format(version=__version__),
        "credit": page["credit"].format(version=MINISEARCH_VERSION),
        "decade_name": labels.messages.decade,
        "disputed": f"{DISPUTED_MARK} {labels.messages.disputed}",
        "sources_differ": f"{DIFFER_MARK} {labels.messages.sources_differ}",
        "summary": fields["summary"],
        "people": fields["people"],
        "places": fields["places"],
        "topics": fields["topics"],
        "sources": fields["sources"],
        "note": fields["note"],
        "verdict": labels.headings["verdict"],
        "tones": {key: f"{TONE_MARKS[key]} {name}" for key, name in labels.tones.items()},
        "verdicts": dict(labels.verdicts),
        "kinds": dict(labels.kinds),
        "topic_names": TOPIC_NAMES[labels.code],
    }


def script_json(data: object) -> str:
    """``data`` as JSON safe inside a ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_JSON_ESCAPES)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def content_security_policy(script: str, style: str) -> str:
    """A policy under which the page can run its own script and styles and fetch nothing."""
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sha256(script)}",
            f"style-src {_sha256(style)}",
            "img-src data:",
            "font-src 'none'",
            "connect-src 'none'",
            "media-src 'none'",
            "object-src 'none'",
            "frame-src 'none'",
            "worker-src 'none'",
            "manifest-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
        ]
    )


_SKELETON = """<!doctype html>
<html lang="{lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="nkru {version}">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>{style}</style>
</head>
<body>
<a class="skip" href="#results" data-w="skip"></a>
<header class="top" id="top">
  <nav class="langs" aria-labelledby="lang-label">
    <span id="lang-label" class="visually-hidden" data-w="language"></span>
    <button type="button" data-lang="en" lang="en">English</button>
    <button type="button" data-lang="vi" lang="vi">Tiếng Việt</button>
  </nav>
  <h1 data-w="title">{title}</h1>
  <p class="intro" data-w="intro"></p>
  <p class="selection" data-w="selection"></p>
</header>
<main>
  <form class="controls" id="controls" role="search" aria-labelledby="filters-label">
    <h2 id="filters-label" class="visually-hidden" data-w="filters"></h2>
    <div class="field query">
      <label for="q" data-w="search"></label>
      <input id="q" name="q" type="search" autocomplete="off" spellcheck="false"
        aria-describedby="q-hint">
      <p id="q-hint" class="hint" data-w="search_hint"></p>
    </div>
    <div class="field"><label for="decade" data-w="decade"></label>
      <select id="decade" name="decade"></select></div>
    <div class="field"><label for="person" data-w="person"></label>
      <select id="person" name="person"></select></div>
    <div class="field"><label for="topic" data-w="topic"></label>
      <select id="topic" name="topic"></select></div>
    <div class="field"><label for="tone" data-w="tone"></label>
      <select id="tone" name="tone"></select></div>
    <div class="field actions"><button type="reset" id="clear" data-w="clear"></button></div>
  </form>
  <section class="results" aria-labelledby="results-label">
    <h2 id="results-label" class="visually-hidden" data-w="results"></h2>
    <p id="status" class="status" role="status" aria-live="polite"></p>
    <ol id="results" class="events" tabindex="-1"></ol>
    <p class="more"><button type="button" id="more" hidden></button></p>
  </section>
  <noscript><p>{noscript}</p></noscript>
</main>
<footer class="bottom">
  <p><a href="#top" data-w="to_top"></a></p>
  <p data-w="made_by"></p>
  <p data-w="credit"></p>
</footer>
<script type="application/json" id="nkru-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""


def page_html(
    catalog: Catalog,
    events: Iterable[Event],
    lang: str = "en",
    selection: dict[str, str] | None = None,
    window: tuple[str | None, str | None] = (None, None),
) -> str:
    """The whole page: one self-contained HTML document."""
    data = page_data(catalog, events, lang, selection, window)
    script = minisearch_source() + "\n" + _asset("page.js")
    style = _asset("page.css")
    for part in (script, style):
        # The script and styles are this package's own files; a closing tag in them would end
        # the element early.
        assert "</script" not in part.lower() and "</style" not in part.lower()
    words = data["words"]
    noscript = " / ".join(html.escape(words[code]["noscript"]) for code in LANGS)
    return _SKELETON.format(
        lang=html.escape(lang),
        csp=html.escape(content_security_policy(script, style)),
        version=html.escape(__version__),
        title=html.escape(words[lang]["title"]),
        style=style,
        noscript=noscript,
        data=script_json(data),
        script=script,
    )


def write_page(text: str, output: str | None) -> None:
    """Write the page to ``output``, or to standard output when it is None or ``-``.

    A regular file is written beside itself and renamed into place, so a failed write (a full
    disk) leaves any earlier page whole. Anything that cannot be written is an OutputError.
    """
    data = text.encode("utf-8")
    if output is None or output == "-":
        write_bytes(data)
        return
    path = os.path.realpath(output)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {output}: it is a directory; name a file, like page.html")
    if info is not None and not stat.S_ISREG(info.st_mode):  # a device or a pipe: write into it
        _write_to(path, data, output)
        return
    directory, name = os.path.split(path)
    temporary = os.path.join(directory, f".{name}.{os.getpid()}.tmp")
    try:
        _write_to(temporary, data, output, create=True)
        if info is not None:
            os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, path)
    except BaseException:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        raise


def _write_to(path: str, data: bytes, shown: str, create: bool = False) -> None:
    flags = os.O_WRONLY | (os.O_CREAT | os.O_EXCL | os.O_TRUNC if create else os.O_TRUNC)
    try:
        fd = os.open(path, flags, 0o666)
        with open(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if create:
                os.fsync(stream.fileno())
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
