"""Errors a user can act on. The CLI prints their message on one line and exits with ``exit_code``.

Kept free of Typer and Rich so the core can raise them when used as a library. Each carries
its facts as data (the path, every problem, the candidates) for a caller to word as it likes.
"""

from __future__ import annotations

from typing import TypeVar

_E = TypeVar("_E", bound="NkruError")


class NkruError(Exception):
    """Base class: a problem the user can fix, with the exit code the CLI returns for it.

    ``hint`` names what helps (``missing``: choose another store; ``many``: ``validate``
    lists every problem; ...); the command line words it in the reader's language.
    """

    exit_code = 2
    hint: str | None = None
    #: What the error says, by name, and what it names: the command line words it in the
    #: reader's language (``key`` ``bad_date`` with ``{"option": "--from", "text": ...}``).
    key: str | None = None
    data: dict[str, object] = {}  # noqa: RUF012 - replaced per error, never changed in place

    def saying(self: _E, key: str, **data: object) -> _E:
        """This error, with what it says by name, for wording in another language."""
        self.key = key
        self.data = data
        return self

    def with_hint(self: _E, hint: str) -> _E:
        """This error, naming what helps."""
        self.hint = hint
        return self


class StoreError(NkruError):
    """The store file is missing, unreadable, not JSON, or breaks the schema or its references."""

    def __init__(self, path: str, problem: str, problems: list[str] | None = None) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        #: Every problem found, each with its JSON path, when there is more than one.
        self.problems = problems or [problem]


class SettingError(NkruError):
    """An environment variable holds a value nkru cannot use."""

    def __init__(self, variable: str, value: str, expected: str) -> None:
        shown = value if len(value) <= 40 else value[:40] + "…"
        super().__init__(f"{variable} must be {expected}, not {shown!r}")
        self.variable = variable
        self.value = value
        self.expected = expected


class UsageError(NkruError):
    """An argument the user gave cannot be understood (a malformed decade, an empty query)."""


class NotFoundError(NkruError):
    """A well-formed request that names nothing in the store (an unknown event id).

    ``candidates`` are the ids it might have meant: several that share a prefix, or the
    closest spellings.
    """

    exit_code = 1

    def __init__(
        self, message: str, candidates: list[str] | None = None, prefix: bool = False
    ) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates or []
        #: True when the candidates all begin with what was asked (type more to choose).
        self.prefix = prefix
