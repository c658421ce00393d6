"""``--help`` in the reader's language, the command-line framework's own words included.

Click writes ``Usage:``, ``Options``, ``[required]`` and its usage errors in English and has
no catalogue of translations (the Click Typer ships has none at all), so a Vietnamese reader
would meet English on every help screen. The words are swapped where Click writes them: its
help formatter's headings, usage prefix and option rows, and the data of its usage errors.
Nothing here parses Click's text; an unknown word or error is left as Click wrote it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any


def localize_help(command: Any, words: dict[str, str]) -> None:
    """Make ``command`` (and every subcommand) write its ``--help`` with ``words``."""
    if not words:
        return
    for sub in [command, *getattr(command, "commands", {}).values()]:
        sub.get_help = _help_writer(sub, words)
        for param in getattr(sub, "params", ()):
            text = getattr(param, "help", None)
            if isinstance(text, str) and text in words:
                param.help = words[text]


def _help_writer(command: Any, words: dict[str, str]) -> Callable[[Any], str]:
    def get_help(ctx: Any) -> str:
        # As Click's own ``Command.get_help``, with a formatter that speaks ``words``.
        base = type(ctx.make_formatter())
        formatter = _formatter_class(base)(
            words, width=ctx.terminal_width, max_width=ctx.max_content_width
        )
        command.format_help(ctx, formatter)
        return str(formatter.getvalue()).rstrip("\n")

    return get_help


def _formatter_class(base: type) -> type:
    class Formatter(base):  # type: ignore[misc]
        def __init__(self, words: dict[str, str], **options: Any) -> None:
            super().__init__(**options)
            self.words = words

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, self.words.get(prefix or "Usage: ", prefix))

        def write_heading(self, heading: str) -> None:
            super().write_heading(self.words.get(heading, heading))

        def write_dl(self, rows: Sequence[tuple[str, str]], *options: Any, **named: Any) -> None:
            super().write_dl([(term, self._row(text)) for term, text in rows], *options, **named)

        def _row(self, text: str) -> str:
            """An option's help with the bracketed notes (``[required]``, ``[default: 20]``)
            in the reader's words."""
            text = self.words.get(text, text)
            if not text.endswith("]") or "[" not in text:
                return text
            head, _, notes = text.rpartition("[")
            parts = [self._note(part) for part in notes[:-1].split("; ")]
            return f"{head}[{'; '.join(parts)}]"

        def _note(self, note: str) -> str:
            name, colon, value = note.partition(": ")
            return f"{self.words.get(name, name)}{colon}{value}"

    return Formatter


def usage_error_words(exc: Any, words: dict[str, str], command: Any = None) -> str | None:
    """A usage error of Click's in ``words``, from the error's own data; None when its kind
    carries no data to word it with (its English message then stands). ``command``: the
    command line's own command, for errors raised before any context exists."""
    if not words:
        return None
    kinds = {c.__name__ for c in type(exc).__mro__}
    ctx = getattr(exc, "ctx", None)
    param = getattr(exc, "param", None)
    if "MissingParameter" in kinds and param is not None:
        name = param.get_error_hint(ctx) if ctx is not None else repr(param.name)
        key = (
            "missing_option"
            if getattr(param, "param_type_name", "") == "option"
            else "missing_argument"
        )
        return words[key].format(name=name)
    if "NoSuchOption" in kinds:
        name = getattr(exc, "option_name", "")
        guesses: Iterable[str] = getattr(exc, "possibilities", None) or ()
        if guesses:
            return words["no_such_option_guess"].format(
                name=name, guesses=", ".join(sorted(guesses))
            )
        return words["no_such_option"].format(name=name)
    root = ctx.command if ctx is not None else command
    if "BadOptionUsage" in kinds and root is not None:
        # A value missing after an option, or given to a flag: which, the option itself says.
        # (The error carries no context, or the group's: its commands' options count too.)
        name = getattr(exc, "option_name", "")
        commands = [root, *getattr(root, "commands", {}).values()]
        flags = {
            bool(getattr(p, "is_flag", False))
            for command in commands
            for p in command.params
            if name in getattr(p, "opts", ())
        }
        if len(flags) == 1:
            key = "takes_no_value" if flags.pop() else "needs_value"
            return words[key].format(name=repr(name))
    if "BadParameter" in kinds and param is not None:
        choices = getattr(getattr(param, "type", None), "choices", None)
        name = param.get_error_hint(ctx) if ctx is not None else repr(param.name)
        if choices:
            shown = ", ".join(str(getattr(c, "value", c)) for c in choices)
            return words["bad_choice"].format(name=name, choices=shown)
        # nkru's own checks (a limit, a score) word their message in the reader's language.
        return words["bad_value"].format(name=name, message=getattr(exc, "message", exc))
    return None
