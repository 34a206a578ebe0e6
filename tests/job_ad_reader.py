"""The job-ad checker's own reader (jobad.js, without its DOM part) run under Node, for the
tests and for scripts/bench.py: the page's code, not a copy of it."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from guide import job_ads
from support import ROOT

DOCS = ROOT / "docs"
ADS = ROOT / "tests" / "data" / "job-ads"
JS = ROOT / "docs" / "assets" / "javascripts"
NODE = shutil.which("node")
EXPECTED = yaml.safe_load((ADS / "expected.yml").read_text(encoding="utf-8"))
# Ads written by someone who had not seen the rules: scripts/bench.py measures the checker on
# them; no test asserts them and no rule is tuned to them (held-out/README.md).
HELD_OUT = ADS / "held-out"

# Runs the page's own reader (jobad.js, without its DOM part) on cases read from stdin.
HARNESS = """
const fs = require("fs");
const reader = require(process.argv[1]);
const markdown = require(process.argv[2]);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const compiled = {};
const out = input.cases.map(c => {
  if (c.escape !== undefined) return markdown.escape(c.escape);
  if (c.fold !== undefined) return reader.fold(c.fold);
  compiled[c.language] = compiled[c.language] || reader.compile(input.rules[c.language]);
  if (c.title_only !== undefined) return reader.readTitle(c.title_only, compiled[c.language]);
  return reader.analyse(c.text, c.title || "", c.where || {province: "", size: "", date: "2026-03-02"},
                        compiled[c.language]);
});
process.stdout.write(JSON.stringify(out));
"""


def long_ad(words: int = 2000) -> tuple[str, int]:
    """The MLOps example ad repeated to at least `words` words, and how many times it was."""
    text = (ADS / "mlops-engineer.txt").read_text(encoding="utf-8")
    times = words // len(text.split()) + 1
    return (text + "\n") * times, times


def median_check_ms(page: Any, text: str, runs: int = 15) -> float:
    """The median time of `runs` clicks on the check button with `text` pasted, in a page of the
    checker that Playwright has open (scripts/bench.py reports it; no test times it)."""
    return page.evaluate("""([text, runs]) => {
        const box = document.querySelector('[data-jobad-input]');
        const button = document.querySelector('[data-jobad-action="check"]');
        box.value = text; const times = [];
        for (let i = 0; i < runs; i++) { const t = performance.now(); button.click(); times.push(performance.now() - t); }
        times.sort((a, b) => a - b); return times[Math.floor(runs / 2)];
    }""", [text, runs])


def read_examples(folder: Path) -> tuple[dict[str, Any], list[Any]]:
    """A folder of example ads read by the checker: what expected.yml says of each, and the
    reader's results in the same (sorted) order."""
    expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    names = sorted(expected)
    return expected, run_reader([{"language": expected[n]["language"], "text": (folder / n).read_text(encoding="utf-8"),
                                  "where": expected[n].get("where", {"province": "", "size": "", "date": "2026-03-02"})}
                                 for n in names])


def rules_of(language: str | None) -> job_ads.Rules:
    return job_ads.load_edition(DOCS, language)[0]


@cache
def browser_rules() -> dict[str, Any]:
    """The JSON each page carries, as the build writes it."""
    out = {}
    for language in ("en", "fr"):
        rules, checklist = job_ads.load_edition(DOCS, None if language == "en" else language)
        out[language] = job_ads.browser_data(rules, checklist, kit_url=lambda kit: kit + ".html",
                                             sources_url="sources.html", language=language)
    return out


def run_reader(cases: list[dict[str, Any]]) -> list[Any]:
    """The cases through jobad.js (and markdown-text.js) under Node, in one process."""
    assert NODE, "Node is missing: run scripts/setup.sh test"
    result = subprocess.run([NODE, "-e", HARNESS, str(JS / "jobad.js"), str(JS / "markdown-text.js")],
                            input=json.dumps({"rules": browser_rules(), "cases": cases}),
                            capture_output=True, text=True, check=True, timeout=60)
    return json.loads(result.stdout)
