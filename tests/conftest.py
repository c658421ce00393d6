"""Shared fixtures: a sealed environment, the real bundled store, and helpers to run nkru."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from nkru.cli import main
from nkru.index import Catalog, open_catalog
from nkru.models import Store
from nkru.store import packaged_store_path
from nkru.validate import load_store

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def sealed_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A developer's own settings must never change a result."""
    monkeypatch.setenv("NKRU_DATA", str(packaged_store_path()))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("NKRU_LANG", raising=False)


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The bundled store opened through its index (built in a private cache directory)."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("session-cache"))
    return open_catalog(packaged_store_path())


@pytest.fixture(scope="session")
def store() -> Store:
    """The bundled store, decoded whole."""
    return load_store(packaged_store_path())


@pytest.fixture(scope="session")
def store_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(packaged_store_path().read_text(encoding="utf-8"))
    return data


class Run:
    """The result of one nkru run, in-process, through the console script's own entry point
    (so error handling is the user's), with standard streams captured."""

    def __init__(self, args: list[str], stdin: str | None = None) -> None:
        import gc

        saved = sys.argv
        sys.argv = ["nkru", *args]
        code: Any = 0
        try:
            with CliRunner().isolation(input=stdin) as (out, err, _):
                try:
                    main()
                except SystemExit as done:
                    code = done.code
                self.out = out.getvalue().decode("utf-8")
                self.err = err.getvalue().decode("utf-8")
        finally:
            sys.argv = saved
            gc.enable()
        self.code = code if isinstance(code, int) else (0 if code is None else 2)

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def nkru() -> Any:
    """Run nkru in-process: ``nkru("search", "putin", "--json")``."""
    return lambda *args, stdin=None: Run([str(a) for a in args], stdin)


def console_script() -> str | None:
    """The installed ``nkru`` script beside this interpreter, else on PATH."""
    beside = Path(sys.executable).parent / "nkru"
    if beside.exists():
        return str(beside)
    return shutil.which("nkru")


@pytest.fixture
def run_installed(tmp_path: Path) -> Iterator[Any]:
    """Run the installed console script in a subprocess, from a directory outside the repo."""
    script = console_script()
    if script is None:
        pytest.fail("the nkru console script is not installed (pip install -e '.[dev]')")

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        environment = {**os.environ, **(env or {})}
        return subprocess.run(
            [script, *args],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )

    yield run
