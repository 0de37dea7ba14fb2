"""The wheel carries the data: the 2024 catalog, the unit registry and the templates ship inside the package, so
the installed command works from any folder. The source keeps them once, at the repository root, with no symlinks
into the package (a Windows checkout could not install those).

Builds offline (``--no-build-isolation``, no index); skipped when the build backend is not installed here.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.xdist_group("wheel")  # the wheel is built once, on one worker


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip(f"no pyproject.toml at {ROOT}")
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("the build backend (hatchling) is not installed, so pip cannot build offline")
    if subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode != 0:
        pytest.skip("pip is not available")
    out = tmp_path_factory.mktemp("wheel")
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, f"pip wheel failed:\n{result.stdout}\n{result.stderr}"
    [built] = out.glob("disclose_cli-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_wheel_ships_the_data(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "disclose_cli/data/tasks_2024.yaml" in names
    assert "disclose_cli/data/units.yaml" in names
    assert any(name.startswith("disclose_cli/templates/") for name in names), "templates/ is not in the wheel"


def test_wheel_data_is_the_source_data(wheel: zipfile.ZipFile) -> None:
    for name in ("data/tasks_2024.yaml", "data/units.yaml", "templates/labels.yaml"):
        assert wheel.read(f"disclose_cli/{name}") == (ROOT / name).read_bytes(), name


def test_the_wheel_is_named_for_its_free_distribution_name(wheel: zipfile.ZipFile) -> None:
    [metadata] = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
    assert "\nName: disclose-cli\n" in wheel.read(metadata).decode("utf-8")


def test_the_source_has_no_symlinks() -> None:
    links = [path for path in (ROOT / "src").rglob("*") if path.is_symlink()]
    assert links == []


def test_wheel_has_the_entry_point(wheel: zipfile.ZipFile) -> None:
    [entry_points] = [name for name in wheel.namelist() if name.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode("utf-8")
    assert "disclose = disclose_cli.entry:run" in text
