"""Errors a user can act on. The CLI prints their message on one line and exits with ``exit_code``.

Kept free of Typer and Rich so the core can raise them when used as a library. Each carries
its facts as data (the path, every problem, the candidates) for a caller to word as it likes.
"""

from __future__ import annotations


class NkruError(Exception):
    """Base class: a problem the user can fix, with the exit code the CLI returns for it."""

    exit_code = 2


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

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates or []
