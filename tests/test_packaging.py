"""The package as a newcomer gets it: the wheel carries the store and its schema."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nkru.models import json_schema
from nkru.render.encode import as_json
from nkru.store import packaged_schema_path, packaged_store_path

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("nkru-*.whl")
    return found


def test_wheel_contains_the_store_and_schema(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "nkru/data/events.json" in names
        assert "nkru/data/events.schema.json" in names
        shipped = archive.read("nkru/data/events.json")
    assert shipped == (REPO / "data" / "events.json").read_bytes()


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        entry = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
        assert "nkru = nkru.cli:main" in archive.read(entry).decode()


def test_the_package_finds_its_data_through_importlib_resources() -> None:
    assert packaged_store_path().read_bytes() == (REPO / "data" / "events.json").read_bytes()
    assert packaged_schema_path().is_file()


def test_shipped_schema_is_generated_from_the_models() -> None:
    assert packaged_schema_path().read_bytes() == as_json(json_schema()), (
        "regenerate: python -c 'from nkru.models import json_schema; "
        "from nkru.render.encode import as_json; "
        'open("data/events.schema.json", "wb").write(as_json(json_schema()))\''
    )


def test_the_store_conforms_to_the_shipped_json_schema() -> None:
    import jsonschema

    schema = json.loads(packaged_schema_path().read_text(encoding="utf-8"))
    store = json.loads(packaged_store_path().read_text(encoding="utf-8"))
    jsonschema.validate(store, schema)
    store["events"][0]["tone"] = "hot"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(store, schema)
