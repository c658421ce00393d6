"""The words of each output language: headings, tone and verdict names, field labels.

One module per language (``en``, ``vi``), each defining ``LABELS``. Adding a language is one
file here plus its code in ``nkru.models.Lang``.
"""

from __future__ import annotations

import importlib

import msgspec


class Labels(msgspec.Struct, frozen=True):
    """Every word a renderer prints that does not come from the store."""

    code: str
    months: tuple[str, ...]
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
    messages: dict[str, str]


#: The output languages, each a module of this package.
LANGS = ("en", "vi")


def labels_for(lang: str) -> Labels:
    """The labels of ``lang`` (``en`` or ``vi``)."""
    module = importlib.import_module(f"nkru.labels.{lang}")
    found: Labels = module.LABELS
    return found
