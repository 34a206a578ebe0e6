"""Benchmark the decision-tree engine: load + validate + analyse + lay out + render.

    .venv/bin/python scripts/bench_flow_engine.py            # every shape at 100, 1,000 and 10,000 nodes
    .venv/bin/python scripts/bench_flow_engine.py 50000      # any sizes

Three shapes of graph, so that cost is shown to follow nodes and answers, not routes:
- tree:   a pure tree, three answers per question;
- layers: a convergent graph in layers of 100, most nodes reached by three answers
          (about 3**layers routes);
- chain:  questions in a row whose two answers both lead to the next (2**questions routes);
- facts:  the layered graph, each answer recording a fact (four facts of three values, one per
          layer in turn) and every outcome composed from them: a summary in two parts under
          opposite conditions, a list item under any/all/not of the four facts, a link under one.

Other scripts can `from bench_flow_engine import measure` (with scripts/ on sys.path):
`measure(node_count, shape) -> Measure` times one run on a generated graph of that size.
Not a timed test: the figures depend on the machine.
"""

from __future__ import annotations

import functools
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

import guide.flows as tree
from guide.flows.render import flow_env as render_env

ROOT = Path(__file__).resolve().parent.parent

BRANCHING = 3
LAYER_WIDTH = 100
HEADER = ["id: bench", "title: Benchmark flow", "intro: A generated flow.", "start: n0", "nodes:"]


def _question(node_id: str, number: int, targets: list[str]) -> list[str]:
    out = [f"  - id: {node_id}", "    kind: question", f"    question: Generated question number {number}?",
           "    hint: Generated to measure speed.", "    options:"]
    for k, target in enumerate(targets):
        out += [f"      - label: Answer {k + 1}", f"        next: {target}"]
    return out


def _outcome(node_id: str, number: int) -> list[str]:
    return [f"  - id: {node_id}", "    kind: outcome", f"    title: Outcome {number}", "    summary: A result.",
            "    reasoning: Because.", "    look_for: [Something]", "    watch_out: [Something else]",
            "    next_steps: [Go on]", "    links:", "      - page: index.md", "        label: Home"]


def _layer_names(node_count: int) -> list[list[str]]:
    """The node ids of a layered graph, layer by layer: layers widen by two up to LAYER_WIDTH."""
    widths: list[int] = []
    while sum(widths) < node_count:
        widths.append(min(LAYER_WIDTH, 2 * len(widths) + 1, node_count - sum(widths)))
    if len(widths) < 2 or widths[-1] < 3:
        raise ValueError("too few nodes for a layered graph")
    return [[f"n{sum(widths[:k]) + i}" for i in range(w)] for k, w in enumerate(widths)]


def generate_layers(node_count: int) -> str:
    """A convergent graph: layers that widen by two up to LAYER_WIDTH nodes, question i of a
    layer leading to i, i+1 and i+2 of the next (wrapping round once full), so most nodes are
    reached by three answers; the last layer is outcomes."""
    names = _layer_names(node_count)
    out = list(HEADER)
    for k, layer in enumerate(names):
        for i, node_id in enumerate(layer):
            if k == len(names) - 1:
                out += _outcome(node_id, i)
            else:
                nxt = names[k + 1]
                out += _question(node_id, k * LAYER_WIDTH + i, list(dict.fromkeys(nxt[(i + d) % len(nxt)]
                                                                                   for d in range(3))))
    return "\n".join(out) + "\n"


FACT_NAMES = ("f0", "f1", "f2")
FACT_VALUES = ("a", "b", "c")


def generate_facts(node_count: int) -> str:
    """generate_layers with facts: the d-th answer of a question records value a, b or c (d = 0,
    1, 2) of fact f(k mod 3) in layer k, and of `last` in the last layer of questions; every
    outcome shows parts under conditions over all four facts (all, any, not), written with the
    values of `last` that the answers into it record, so that the build finds no dead part."""
    names = _layer_names(node_count)
    out = [*HEADER[:4], "facts:", *(f"  {name}: [{', '.join(FACT_VALUES)}]" for name in (*FACT_NAMES, "last")),
           "nodes:"]
    into: dict[str, set[str]] = {}  # outcome -> values of `last` the answers into it record
    for k, layer in enumerate(names):
        for i, node_id in enumerate(layer):
            if k < len(names) - 1:
                nxt = names[k + 1]
                targets = list(dict.fromkeys(nxt[(i + d) % len(nxt)] for d in range(3)))
                fact = "last" if k == len(names) - 2 else FACT_NAMES[k % 3]
                out += [f"  - id: {node_id}", "    kind: question",
                        f"    question: Generated question number {k * LAYER_WIDTH + i}?",
                        "    hint: Generated to measure speed.", "    options:"]
                for d, target in enumerate(targets):
                    out += [f"      - label: Answer {d + 1}", f"        next: {target}",
                            f"        records: {{{fact}: {FACT_VALUES[d]}}}"]
                    into.setdefault(target, set()).add(FACT_VALUES[d])
                continue
            seen = sorted(into[node_id])
            v1, v2 = seen[0], ("c" if seen[0] != "c" else "a")
            either = f"{{any: [{{all: [{{last: {v1}}}, {{not: {{last: {v2}}}}}]}}, {{f0: a}}, {{f1: b}}, {{f2: c}}]}}"
            summary = ([f"      - {{text: A result for {v1}., when: {{last: {v1}}}}}",
                        f"      - {{text: Another result., when: {{not: {{last: {v1}}}}}}}"] if len(seen) > 1
                       else ["      - A result."])
            out += [f"  - id: {node_id}", "    kind: outcome", f"    title: Outcome {i}", "    summary:", *summary,
                    "    reasoning: Because.", "    look_for:", "      - Something",
                    f"      - {{text: Something more., when: {either}}}",
                    "    watch_out: [Something else]", "    next_steps: [Go on]", "    links:",
                    "      - page: index.md", "        label: Home",
                    "      - page: index.md", "        label: Home again", f"        when: {{last: {v1}}}"]
    return "\n".join(out) + "\n"


def generate_chain(node_count: int) -> str:
    """node_count - 1 questions in a row, both answers of each leading to the next; one outcome."""
    out = list(HEADER)
    for i in range(node_count - 1):
        nxt = f"n{i + 1}"
        out += _question(f"n{i}", i, [nxt, nxt])
    out += _outcome(f"n{node_count - 1}", 0)
    return "\n".join(out) + "\n"


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


GENERATORS: dict[str, Callable[[int], str]] = {"tree": lambda n: generate(n), "layers": generate_layers,
                                                "chain": generate_chain, "facts": generate_facts}


@dataclass(frozen=True)
class Measure:
    """One run: engine time and what it produced."""

    seconds: float
    nodes: int
    answers: int
    html_bytes: int


@functools.cache
def _environment() -> jinja2.Environment:
    """One template environment for every run, as a build has one for all its pages: its
    templates compile once (in the warm-up), and runs measure the flow's own cost."""
    return render_env(jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides")))


def measure(node_count: int, shape: str = "tree") -> Measure:
    """Load, validate, analyse, lay out and render a generated graph of node_count nodes."""
    text = GENERATORS[shape](node_count)
    env = _environment()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.yml"
        path.write_text(text, encoding="utf-8")
        began = time.perf_counter()
        flow = tree.load_flow(path)
        html = tree.render_flow(env, flow, urls={"index.md": "index.html"}, assets=None)
        elapsed = time.perf_counter() - began
    if html.count("data-node=") != node_count:
        raise AssertionError("the benchmark graph did not render every node")
    answers = sum(len(q.options) for q in flow.questions)
    return Measure(elapsed, node_count, answers, len(html.encode("utf-8")))


def best(node_count: int, shape: str, repeats: int) -> Measure:
    """The least disturbed of `repeats` runs."""
    return min((measure(node_count, shape) for _ in range(repeats)), key=lambda m: m.seconds)


def main(argv: list[str]) -> int:
    """Print one line per shape and size: time, time per node, page bytes per node and per answer."""
    sizes = [int(a) for a in argv] or [100, 1_000, 10_000]
    measure(100)  # warm up imports and template compilation
    for shape in GENERATORS:
        for size in sizes:
            m = best(size, shape, 3 if size <= 10_000 else 1)
            print(f"{shape:>6} {size:>7,} nodes, {m.answers:>7,} answers: {m.seconds:6.3f} s "
                  f"({m.seconds / size * 1e6:5.0f} µs per node); page {m.html_bytes / 1e6:6.2f} MB, "
                  f"{m.html_bytes / size:5.0f} B per node, {m.html_bytes / m.answers:5.0f} B per answer")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
