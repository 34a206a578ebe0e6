"""The test layers keep their shape: pytest.ini registers the four markers, and conftest.py
refuses a run in which a test has no layer, has two, or is a unit test that asks for a
built site, a browser or the PDF, or builds."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import LAYERS, ROOT, layer_problems, mkdocs_build

pytestmark = pytest.mark.unit


@dataclass
class FakeMark:
    name: str


@dataclass
class FakeItem:
    """What layer_problems reads of a collected test."""

    nodeid: str
    marks: list[str]
    fixturenames: list[str] = field(default_factory=list)

    def iter_markers(self):
        return (FakeMark(name) for name in self.marks)


def test_pytest_ini_registers_the_four_layers_and_refuses_unknown_markers() -> None:
    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini", encoding="utf-8")
    markers = [line.split(":")[0].strip() for line in ini["pytest"]["markers"].strip().splitlines()]
    assert markers == list(LAYERS) == ["unit", "build", "browser", "pdf"]
    assert "--strict-markers" in ini["pytest"]["addopts"].split()


def test_a_test_needs_exactly_one_layer() -> None:
    assert layer_problems([FakeItem("t.py::one", ["unit"]), FakeItem("t.py::two", ["parametrize", "browser"])]) == []
    problems = layer_problems([FakeItem("t.py::none", ["parametrize"]), FakeItem("t.py::both", ["build", "unit"])])
    assert problems[0].startswith("t.py::none: no layer; mark it with exactly one of unit, build, browser, pdf")
    assert problems[1].startswith("t.py::both: layers build, unit; mark it with exactly one of")
    assert len(problems) == 2


@pytest.mark.parametrize("fixture", ["site_dir", "site_build", "base_url", "page", "context", "browser",
                                     "pdf_export", "pdf_build"])
def test_a_unit_test_asks_for_no_site_browser_or_pdf(fixture: str) -> None:
    [problem] = layer_problems([FakeItem("t.py::u", ["unit"], ["tmp_path", fixture])])
    assert problem.startswith(f"t.py::u: a unit test uses the fixture '{fixture}', which belongs to the ")


def test_the_browser_and_the_pdf_stay_in_their_layers() -> None:
    assert layer_problems([FakeItem("t.py::b", ["browser"], ["page", "site_dir"]),
                           FakeItem("t.py::p", ["pdf"], ["pdf_build", "site_dir"])]) == []
    assert len(layer_problems([FakeItem("t.py::b", ["build"], ["page"]),
                               FakeItem("t.py::p", ["build"], ["pdf_export"])])) == 2


def test_a_unit_test_that_builds_is_stopped(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="a unit test builds the site"):
        mkdocs_build(tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_a_run_with_a_test_outside_the_layers_is_refused(tmp_path: Path) -> None:
    """The real hook, in a real pytest run: a test without a layer stops the run before any
    test runs, even when -m chooses a layer it is not in."""
    (tmp_path / "test_loose.py").write_text(
        "import pytest\n\n\ndef test_loose():\n    pass\n\n\n@pytest.mark.unit\ndef test_kept():\n    pass\n",
        encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT / "scripts")])}
    run = subprocess.run([sys.executable, "-m", "pytest", "-c", str(ROOT / "pytest.ini"), "--rootdir", str(tmp_path),
                          "-p", "conftest", "-p", "no:cacheprovider", "-m", "unit", "-q", str(tmp_path)],
                         cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    output = run.stdout + run.stderr
    assert run.returncode == pytest.ExitCode.USAGE_ERROR, output
    assert "test_loose.py::test_loose: no layer" in output, output
    assert "test_kept" not in output and "passed" not in output, output
