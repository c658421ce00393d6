"""The README's console examples, run as they are written: what a reader copies must print what
the README shows. ``NKRU_UPDATE_README=1 pytest tests/test_readme.py`` rewrites the shown
output after a deliberate change."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO, console_script

README = REPO / "README.md"
_BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples(text: str) -> list[tuple[str, str]]:
    """Each ``$ nkru ...`` line of a console block, with the lines shown under it."""
    found = []
    for block in _BLOCK.findall(text):
        command, shown = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, "\n".join(shown)))
                command, shown = line[2:], []
            else:
                shown.append(line)
        if command is not None:
            found.append((command, "\n".join(shown)))
    return found


def run_example(command: str, home: Path) -> tuple[int, str]:
    """The example's exit code and what it prints (standard output, then standard error),
    run as a reader runs it, in a terminal 100 columns wide, with the bundled store."""
    script = console_script()
    assert script is not None
    first = command.split(" | ")[0]
    args = shlex.split(first)
    assert args[0] == "nkru", command
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "XDG_CACHE_HOME": str(home)}
    env.pop("NKRU_DATA", None)
    env.pop("NKRU_LANG", None)
    result = subprocess.run(
        [script, *args[1:]], capture_output=True, text=True, env=env, timeout=60
    )
    return result.returncode, (result.stdout + result.stderr).rstrip("\n")


EXAMPLES = examples(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_a_readme_example_prints_what_the_readme_shows(
    command: str, shown: str, tmp_path: Path
) -> None:
    code, printed = run_example(command, tmp_path)
    assert code in (0, 1, 2), printed
    if " | " in command or not shown:
        assert code in (0, 1), printed  # an example without output must at least work
        return
    if os.environ.get("NKRU_UPDATE_README"):
        text = README.read_text(encoding="utf-8")
        old = f"$ {command}\n{shown}\n"
        assert old in text
        README.write_text(text.replace(old, f"$ {command}\n{printed}\n", 1), encoding="utf-8")
        return
    assert printed == shown, f"README example changed: {command}"
