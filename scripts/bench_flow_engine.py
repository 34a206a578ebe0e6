"""Benchmark the decision-tree engine: load + validate + analyse + lay out + render.

    .venv/bin/python scripts/bench_flow_engine.py            # 100, 1,000 and 10,000 nodes
    .venv/bin/python scripts/bench_flow_engine.py 50000      # any sizes

Other scripts can `from bench_flow_engine import measure` (with scripts/ on sys.path):
`measure(node_count) -> seconds` times one run on a generated tree of that size.
Not a timed test: the figures depend on the machine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import jinja2  # noqa: E402

import decision_tree as tree  # noqa: E402

BRANCHING = 3


def generate(node_count: int) -> str:
    """YAML text of a valid tree with exactly node_count nodes (questions with 3 answers, then outcomes)."""
    if node_count < 4:
        raise ValueError("a tree needs at least 4 nodes")
    questions = (node_count - 1) // BRANCHING  # each question adds BRANCHING children
    ids = [f"n{i}" for i in range(node_count)]
    out = ["id: bench", "title: Benchmark flow", "intro: A generated tree.", "start: n0", "nodes:"]
    child = 1
    for i in range(node_count):
        if i < questions:
            out += [f"  - id: {ids[i]}", "    kind: question", f"    question: Generated question number {i}?",
                    "    hint: Generated to measure speed.", "    options:"]
            count = BRANCHING if i < questions - 1 else node_count - child
            for k in range(count):
                out += [f"      - label: Answer {k + 1}", f"        next: {ids[child]}"]
                child += 1
        else:
            out += [f"  - id: {ids[i]}", "    kind: outcome", f"    title: Outcome {i}", "    summary: A result.",
                    "    reasoning: Because.", "    look_for: [Something]", "    watch_out: [Something else]",
                    "    next_steps: [Go on]", "    links:", "      - page: index.md", "        label: Home"]
    return "\n".join(out) + "\n"


def measure(node_count: int) -> float:
    """Seconds to load, validate, analyse, lay out and render a generated tree of node_count nodes."""
    text = generate(node_count)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.yml"
        path.write_text(text, encoding="utf-8")
        began = time.perf_counter()
        flow = tree.load_flow(path)
        html = tree.render_flow(env, flow, urls={"index.md": "index.html"}, assets=None)
        elapsed = time.perf_counter() - began
    if html.count("data-node=") != node_count:
        raise AssertionError("the benchmark tree did not render every node")
    return elapsed


def main(argv: list[str]) -> int:
    """Print one line per size, and the time per 1,000 nodes to show how it grows."""
    sizes = [int(a) for a in argv] or [100, 1_000, 10_000]
    measure(100)  # warm up imports and template compilation
    for size in sizes:
        seconds = min(measure(size) for _ in range(3 if size <= 10_000 else 1))
        print(f"{size:>7,} nodes: {seconds:6.3f} s  ({seconds / size * 1000:.3f} s per 1,000 nodes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
