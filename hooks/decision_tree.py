"""Decision trees ("guide flows") written in YAML: load, validate, analyse, lay out, render.

Plain Python with no MkDocs import, so it can be unit-tested and moved to another
site generator. The MkDocs side lives in `flow_pages.py`.

A flow file holds an id, a title, an intro, a start node and a list of nodes. A
node is a question (2 to 6 options, each leading to another node) or an outcome.
Every problem is reported as a `TreeError` naming the file, the line, the node and
what to change.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import gc
import json
import re
import textwrap
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema
import jinja2
import yaml

if TYPE_CHECKING:
    import jsonschema

SCHEMA_PATH = Path(__file__).with_name("decision_tree.schema.json")
FLOW_SUFFIX = ".yml"
MIN_OPTIONS = 2
MAX_OPTIONS = 6
# A page shows a flow with this marker on a line of its own: [[guide-flow: hiring]]
MARKER_RE = re.compile(r"^[ \t]*\[\[\s*guide-flow\s*:\s*(?P<name>[^\]]*?)\s*\]\][ \t]*$", re.MULTILINE)
# Anything that looks like an attempt at a marker, to catch typos such as [[guide-flows: x]].
MARKER_LIKE_RE = re.compile(r"\[\[\s*guide-?flow", re.IGNORECASE)
DEFAULT_HEADINGS = {"look_for": "What to look for", "watch_out": "Watch out for", "next_steps": "Next steps"}
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml speed, same safety


# ── Errors ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class TreeProblem:
    """One problem in a flow file: where it is and what to change."""

    file: str
    line: int
    node: str
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        about = f" (node '{self.node}')" if self.node else ""
        return f"{where}{about}: {self.problem} Fix: {self.fix}"


class TreeError(Exception):
    """A flow file (or a page marker) is wrong; the message lists every problem found."""

    def __init__(self, problems: Iterable[TreeProblem]) -> None:
        self.problems: tuple[TreeProblem, ...] = tuple(sorted(problems, key=lambda p: (p.file, p.line)))
        super().__init__("\n".join(str(p) for p in self.problems))


# ── Model ───────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Option:
    """An answer to a question and the node it leads to."""

    label: str
    next: str
    line: int        # of the label
    next_line: int   # of the next: key


@dataclass(frozen=True)
class Link:
    """A link to a page of the site (path relative to the docs folder)."""

    page: str
    label: str
    line: int


@dataclass(frozen=True)
class Question:
    """A question node."""

    id: str
    question: str
    hint: str | None
    options: tuple[Option, ...]
    line: int
    kind: str = "question"


@dataclass(frozen=True)
class Outcome:
    """An outcome node: a recommendation with its reasons and links."""

    id: str
    title: str
    summary: str
    reasoning: str
    look_for: tuple[str, ...]
    watch_out: tuple[str, ...]
    next_steps: tuple[str, ...]
    links: tuple[Link, ...]
    line: int
    kind: str = "outcome"


Node = Question | Outcome


@dataclass(frozen=True)
class Flow:
    """A whole, validated flow."""

    id: str
    title: str
    intro: str
    start: str
    headings: Mapping[str, str]
    nodes: Mapping[str, Node]
    source: str

    @property
    def questions(self) -> list[Question]:
        """Question nodes in file order."""
        return [n for n in self.nodes.values() if isinstance(n, Question)]

    @property
    def outcomes(self) -> list[Outcome]:
        """Outcome nodes in file order."""
        return [n for n in self.nodes.values() if isinstance(n, Outcome)]


@dataclass(frozen=True)
class Step:
    """One answer on a path: the question and the chosen option."""

    question: Question
    option: Option


@dataclass(frozen=True)
class Route:
    """A route from the start to an outcome: the answers given, in order."""

    steps: tuple[Step, ...]
    outcome: Outcome


@dataclass(frozen=True)
class Analysis:
    """What the renderers need beyond the tree itself."""

    order: tuple[str, ...]            # questions in reading order, then outcomes
    numbers: Mapping[str, int]        # question id -> visible number ("Question 3")
    remaining: Mapping[str, int]      # node id -> most questions still to answer from here
    paths: tuple[Route, ...]          # every path from the start, in order
    paths_to: Mapping[str, tuple[Route, ...]]


# ── Speed ───────────────────────────────────────────────────────────────────


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a tree is parsed or rendered.

    Both steps allocate hundreds of thousands of small acyclic objects, which makes the
    collector rescan everything again and again (a 10,000-node tree took 3x longer).
    Reference counting still frees memory; the collector resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ── Loading ─────────────────────────────────────────────────────────────────


class _Map(dict):  # type: ignore[type-arg]
    """A YAML mapping as a dict, with the line of each key in `lines`."""

    __slots__ = ("line", "lines")


class _Seq(list):  # type: ignore[type-arg]
    """A YAML sequence as a list, with the line of each item in `lines`."""

    __slots__ = ("line", "lines")


_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:null": lambda value: None,
}


def _to_python(node: yaml.Node, file: str, problems: list[TreeProblem],
               constructor: yaml.constructor.SafeConstructor) -> Any:
    """Turn a composed YAML node into plain data that remembers its lines; flags duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        result = _Map()
        result.line = node.start_mark.line + 1
        result.lines = {}
        for key_node, value_node in node.value:
            key = _to_python(key_node, file, problems, constructor)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in result:
                problems.append(TreeProblem(file, line, "", f"the key '{key}' appears twice in the same block.",
                                            "keep one of them."))
            result[key] = _to_python(value_node, file, problems, constructor)
            result.lines[key] = line
        return result
    if isinstance(node, yaml.SequenceNode):
        items = _Seq(_to_python(item, file, problems, constructor) for item in node.value)
        items.line = node.start_mark.line + 1
        items.lines = [item.start_mark.line + 1 for item in node.value]
        return items
    convert = _SCALARS.get(node.tag)
    if convert is not None:  # the common case, without the constructor's bookkeeping
        return convert(node.value)
    return constructor.construct_object(node, deep=True)


def _line(data: Any, path: Iterable[Any]) -> int:
    """The line of the value at a path (a key's line for mapping entries), as near as known."""
    line = getattr(data, "line", 1)
    for part in path:
        lines = getattr(data, "lines", None)
        try:
            line = lines[part]  # type: ignore[index]
            data = data[part]
        except (TypeError, KeyError, IndexError):
            break
    return line


def _compose(text: str, file: str) -> Any:
    """Parse YAML text safely (SafeLoader rules, libyaml speed), keeping line numbers."""
    try:
        root = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(str(x) for x in (error.context, error.problem) if x)
        raise TreeError([TreeProblem(file, line, "", f"this is not valid YAML ({what}).",
                                     "check the indentation and quoting near this line.")]) from None
    except yaml.YAMLError as error:
        raise TreeError([TreeProblem(file, 1, "", f"this is not valid YAML ({error}).",
                                     "check the file is plain YAML text.")]) from None
    if root is None:
        raise TreeError([TreeProblem(file, 1, "", "the file is empty.", "write a flow (see the schema).")])
    problems: list[TreeProblem] = []
    data = _to_python(root, file, problems, yaml.SafeLoader(""))
    if problems:
        raise TreeError(problems)
    return data


def _schema() -> dict[str, Any]:
    """The committed JSON Schema (read on each call: no stale cache under `mkdocs serve`)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=4)
def _compiled_schema(text: str) -> Callable[[Any], Any]:
    """The schema compiled to a Python check, cached by its text (an edited schema is a new key)."""
    return fastjsonschema.compile(_inline_refs(json.loads(text)))


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every local '#/$defs/x' reference replaced by its definition.

    Same rules, but jsonschema no longer resolves a reference at every node, which
    makes validating a large tree several times faster."""
    defs = schema.get("$defs", {})

    def inline(value: Any) -> Any:
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return inline({**defs[ref.removeprefix("#/$defs/")],
                               **{k: v for k, v in value.items() if k != "$ref"}})
            return {k: inline(v) for k, v in value.items() if k != "$defs"}
        if isinstance(value, list):
            return [inline(v) for v in value]
        return value

    return inline(schema)


def _type_name(value: Any) -> str:
    """A reader's word for a YAML value's type."""
    if value is None:
        return "empty"
    for kind, name in ((bool, "true/false"), (int, "a number"), (float, "a number"), (str, "text"),
                       (list, "a list"), (dict, "a block of keys")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _node_name(data: Any, path: tuple[Any, ...]) -> str:
    """The id of the node a schema path points into, or '' for flow-level fields."""
    if len(path) >= 2 and path[0] == "nodes" and isinstance(path[1], int):
        nodes = data.get("nodes") if isinstance(data, dict) else None
        node = nodes[path[1]] if isinstance(nodes, list) and path[1] < len(nodes) else None
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            return node["id"]
        return f"#{path[1] + 1}"
    return ""


def _field_name(path: tuple[Any, ...]) -> str:
    """'options[2].next' style name of a value inside a node (or the flow)."""
    inner = path[2:] if len(path) >= 2 and path[0] == "nodes" else path
    parts: list[str] = []
    for part in inner:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or ("the node" if path and path[0] == "nodes" else "the flow")


def _explain(error: jsonschema.ValidationError) -> tuple[str, str]:
    """Turn a schema error into (problem, fix) sentences."""
    path = tuple(error.absolute_path)
    name = _field_name(path)
    v = error.validator
    if v == "additionalProperties":
        allowed = sorted((error.schema.get("properties") or {}).keys())
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"if you meant '{close[0]}', correct the spelling; otherwise " if close else ""
        return (f"unknown key '{key}' in {name}.",
                f"{hint}remove it. Allowed keys here: {', '.join(allowed)}.")
    if v == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        key = missing.group(1) if missing else "?"
        return (f"the required field '{key}' is missing from {name}.", f"add '{key}:' with a value.")
    if v == "type":
        want = error.validator_value
        want_s = {"string": "text", "array": "a list", "object": "a block of keys",
                  "integer": "a number"}.get(want, str(want))
        return (f"{name} must be {want_s}, not {_type_name(error.instance)}.",
                f"write {name} as {want_s}" + (" (quote it if it looks like a number or yes/no)."
                                                 if want == "string" else "."))
    if v in ("minItems", "maxItems") and name.endswith("options"):
        count = len(error.instance) if isinstance(error.instance, list) else 0
        return (f"a question needs {MIN_OPTIONS} to {MAX_OPTIONS} options; this one has {count}.",
                "add options (an \"I'm not sure\" answer is often fair)." if v == "minItems"
                else "merge or drop options, or split the question in two.")
    if v == "minItems":
        return (f"{name} must not be empty.", f"add at least {error.validator_value} item(s).")
    if v in ("enum", "const"):
        allowed = error.validator_value if v == "enum" else [error.validator_value]
        return (f"{name} is {error.instance!r}, which is not allowed.",
                f"use one of: {', '.join(map(str, allowed))}.")
    if v == "pattern" and name.endswith("page"):
        return (f"{name} '{error.instance}' is not a page path.",
                "give a Markdown file relative to docs/, such as roles/ml-engineer.md, without '#anchor'.")
    if v in ("pattern", "maxLength") and (name.endswith("id") or name in ("start",) or name.endswith("next")):
        return (f"{name} '{error.instance}' is not a valid id.",
                "use lower-case words of letters and digits joined by single hyphens, starting with a letter (at most 60 characters).")
    if v in ("pattern", "minLength"):
        return (f"{name} is empty.", "write some text.")
    return (f"{name}: {error.message}.", "see hooks/decision_tree.schema.json for the format.")


def _schema_problems(data: Any, file: str) -> list[TreeProblem]:
    """Every schema violation, with its line and node.

    A compiled check (fastjsonschema) of the same committed schema answers "valid?"
    quickly; only when it fails does jsonschema list every error with its path."""
    text = SCHEMA_PATH.read_text(encoding="utf-8")
    try:
        _compiled_schema(text)(data)
        return []
    except fastjsonschema.JsonSchemaValueException:
        pass
    # Imported here: it costs ~0.1 s, a fifth of a whole site build, and only a bad
    # tree needs its full error list.
    import jsonschema

    validator = jsonschema.Draft202012Validator(_inline_refs(json.loads(text)))
    problems = []
    for error in validator.iter_errors(data):
        if error.validator in ("if", "then", "else", "$ref"):
            continue
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = (error.schema.get("properties") or {}).keys()
            path += tuple(sorted(set(error.instance) - set(allowed)))[:1]
        problem, fix = _explain(error)
        problems.append(TreeProblem(file, _line(data, path), _node_name(data, path), problem, fix))
    # One message per place is enough (the if/then schema can repeat itself).
    unique = {(p.line, p.problem): p for p in problems}
    return list(unique.values())


def _build(data: Any, file: str) -> Flow:
    """Build the model from schema-valid data (which knows its lines)."""
    nodes: dict[str, Node] = {}
    problems: list[TreeProblem] = []
    for i, raw in enumerate(data["nodes"]):
        line = data["nodes"].lines[i]
        if raw["id"] in nodes:
            first = nodes[raw["id"]].line
            problems.append(TreeProblem(file, raw.lines["id"], raw["id"],
                                        f"the id '{raw['id']}' is already used by the node on line {first}.",
                                        "give each node its own id."))
            continue
        if raw["kind"] == "question":
            options = tuple(Option(o["label"].strip(), o["next"], o.lines["label"], o.lines["next"])
                            for o in raw["options"])
            nodes[raw["id"]] = Question(raw["id"], raw["question"].strip(),
                                        raw["hint"].strip() if raw.get("hint") else None, options, line)
        else:
            links = tuple(Link(k["page"], k["label"].strip(), k.lines["page"]) for k in raw["links"])
            nodes[raw["id"]] = Outcome(
                raw["id"], raw["title"].strip(), raw["summary"].strip(), raw["reasoning"].strip(),
                tuple(s.strip() for s in raw["look_for"]), tuple(s.strip() for s in raw["watch_out"]),
                tuple(s.strip() for s in raw["next_steps"]), links, line)
    if problems:
        raise TreeError(problems)
    headings = {**DEFAULT_HEADINGS, **{k: v.strip() for k, v in data.get("headings", {}).items()}}
    return Flow(data["id"], data["title"].strip(), data["intro"].strip(), data["start"], headings, nodes, file)


def _graph_problems(flow: Flow, lines: Mapping[str, int], expected_id: str | None) -> list[TreeProblem]:
    """The rules a schema cannot express: ids, references, reachability, cycles, labels."""
    file = flow.source
    problems: list[TreeProblem] = []
    ids = list(flow.nodes)
    if expected_id is not None and flow.id != expected_id:
        problems.append(TreeProblem(file, lines["id"], "", f"the flow id '{flow.id}' does not match the file name.",
                                    f"set 'id: {expected_id}' or rename the file to {flow.id}{FLOW_SUFFIX}."))
    if flow.start not in flow.nodes:
        close = difflib.get_close_matches(flow.start, ids, n=1)
        problems.append(TreeProblem(file, lines["start"], "", f"the start node '{flow.start}' does not exist.",
                                    f"set start to {repr(close[0]) if close else 'the id of the first question'}."))
    elif isinstance(flow.nodes[flow.start], Outcome):
        problems.append(TreeProblem(file, lines["start"], flow.start, "the start node is an outcome.",
                                    "start with a question."))
    for node in flow.questions:
        seen: dict[str, int] = {}
        for option in node.options:
            key = " ".join(option.label.casefold().split())
            if key in seen:
                problems.append(TreeProblem(file, option.line, node.id,
                                            f"two options share the label '{option.label}' (lines {seen[key]} and {option.line}).",
                                            "give each option its own wording."))
            seen.setdefault(key, option.line)
            if option.next not in flow.nodes:
                close = difflib.get_close_matches(option.next, ids, n=1)
                hint = f" (perhaps '{close[0]}')" if close else ""
                problems.append(TreeProblem(file, option.next_line, node.id,
                                            f"the option '{option.label}' leads to '{option.next}', which is not a node.",
                                            f"point 'next' at an existing node id{hint}, or add that node."))
    if problems:
        return problems
    reached = _reachable(flow)
    for node in flow.nodes.values():
        if node.id not in reached:
            problems.append(TreeProblem(file, node.line, node.id, "no answer leads to this node, so nobody can reach it.",
                                        "point an option at it, or delete it."))
    cycle = _find_cycle(flow)
    if cycle:
        loop = " -> ".join(cycle)
        closing = next(o for o in _q(flow, cycle[-2]).options if o.next == cycle[-1])
        problems.append(TreeProblem(file, closing.next_line, cycle[-2], f"the answers go round in a circle: {loop}.",
                                    "point this option at a later question or an outcome."))
    return problems


def _q(flow: Flow, node_id: str) -> Question:
    node = flow.nodes[node_id]
    assert isinstance(node, Question)
    return node


def _reachable(flow: Flow) -> set[str]:
    """Ids of every node some path from the start reaches."""
    seen = {flow.start}
    queue = deque([flow.start])
    while queue:
        node = flow.nodes[queue.popleft()]
        if isinstance(node, Question):
            for option in node.options:
                if option.next not in seen:
                    seen.add(option.next)
                    queue.append(option.next)
    return seen


def _find_cycle(flow: Flow) -> list[str] | None:
    """A cycle as a list of ids (first == last), or None. Iterative DFS."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for root in [flow.start, *flow.nodes]:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node_id, index = stack[-1]
            node = flow.nodes[node_id]
            options = node.options if isinstance(node, Question) else ()
            if index < len(options):
                stack[-1] = (node_id, index + 1)
                nxt = options[index].next
                if state.get(nxt) == 1:
                    ids = [n for n, _ in stack]
                    return ids[ids.index(nxt):] + [nxt]
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node_id] = 2
                stack.pop()
    return None


def parse_flow(text: str, file: str, expected_id: str | None = None) -> Flow:
    """Parse and validate flow YAML text; raise TreeError listing every problem."""
    with _gc_paused():
        return _parse_flow(text, file, expected_id)


def _parse_flow(text: str, file: str, expected_id: str | None) -> Flow:
    """parse_flow without the collector pause."""
    data = _compose(text, file)
    if not isinstance(data, dict):
        raise TreeError([TreeProblem(file, 1, "", f"the file holds {_type_name(data)}, not a flow.",
                                     "start with 'id:', 'title:', 'intro:', 'start:' and 'nodes:'.")])
    problems = _schema_problems(data, file)
    if problems:
        raise TreeError(problems)
    flow = _build(data, file)
    problems = _graph_problems(flow, data.lines, expected_id)
    if problems:
        raise TreeError(problems)
    return flow


def load_flow(path: Path, display: str | None = None) -> Flow:
    """Read, parse and validate one flow file; its id must match the file name."""
    file = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TreeError([TreeProblem(file, 1, "", f"the file cannot be read ({error}).",
                                     "save it as UTF-8 text.")]) from None
    return parse_flow(text, file, expected_id=path.name.removesuffix(FLOW_SUFFIX))


def load_flows(folder: Path, display_root: Path | None = None) -> dict[str, Flow]:
    """Load every *.yml flow in a folder; raise one TreeError with every file's problems."""
    flows: dict[str, Flow] = {}
    problems: list[TreeProblem] = []
    for path in sorted(folder.glob(f"*{FLOW_SUFFIX}")):
        shown = str(path)
        if display_root and path.resolve().is_relative_to(display_root.resolve()):
            shown = str(path.resolve().relative_to(display_root.resolve()))
        try:
            flow = load_flow(path, shown)
        except TreeError as error:
            problems.extend(error.problems)
            continue
        flows[flow.id] = flow
    if problems:
        raise TreeError(problems)
    return flows


# ── Page markers ────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Marker:
    """A flow marker on a page."""

    page: str
    line: int
    flow: str


def find_markers(page: str, markdown: str) -> list[Marker]:
    """Every flow marker of a page, with its line; a malformed marker is a TreeError."""
    markers: list[Marker] = []
    problems: list[TreeProblem] = []
    matched_lines: set[int] = set()
    for match in MARKER_RE.finditer(markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        matched_lines.add(line)
        markers.append(Marker(page, line, match.group("name")))
    for match in MARKER_LIKE_RE.finditer(markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        if line not in matched_lines:
            problems.append(TreeProblem(page, line, "", "this looks like a flow marker but is not written as one.",
                                        "put '[[guide-flow: <flow id>]]' on a line of its own."))
    if problems:
        raise TreeError(problems)
    return markers


def check_markers(markers: Iterable[Marker], flows: Mapping[str, Flow]) -> None:
    """Every marker must name a flow, and every flow must be shown by some page."""
    problems: list[TreeProblem] = []
    used: set[str] = set()
    for marker in markers:
        if marker.flow in flows:
            used.add(marker.flow)
            continue
        close = difflib.get_close_matches(marker.flow, list(flows), n=1)
        hint = f" (perhaps '{close[0]}')" if close else ""
        problems.append(TreeProblem(marker.page, marker.line, "",
                                    f"the marker names the flow '{marker.flow}', which does not exist.",
                                    f"name an existing flow{hint}: {', '.join(sorted(flows)) or '(none yet)'}, "
                                    f"or add a flow file {marker.flow}{FLOW_SUFFIX} next to the others."))
    for flow_id, flow in sorted(flows.items()):
        if flow_id not in used:
            problems.append(TreeProblem(flow.source, 1, "", f"no page shows the flow '{flow_id}'.",
                                        f"add '[[guide-flow: {flow_id}]]' to a page, or delete the file."))
    if problems:
        raise TreeError(problems)


# ── Analysis ────────────────────────────────────────────────────────────────


def _topological(flow: Flow) -> list[str]:
    """Reachable node ids in a topological order (Kahn), starting from the start."""
    indegree = {node_id: 0 for node_id in flow.nodes}
    for q in flow.questions:
        for target in {o.next for o in q.options}:
            indegree[target] += 1
    queue = deque([flow.start])
    order = []
    while queue:
        node_id = queue.popleft()
        order.append(node_id)
        node = flow.nodes[node_id]
        if isinstance(node, Question):
            for target in dict.fromkeys(o.next for o in node.options):
                indegree[target] -= 1
                if indegree[target] == 0:
                    queue.append(target)
    return order


def analyse(flow: Flow) -> Analysis:
    """Reading order, question numbers, questions left, and every path to every outcome."""
    order = _topological(flow)
    question_ids = [n for n in order if isinstance(flow.nodes[n], Question)]
    outcome_ids = [n for n in order if isinstance(flow.nodes[n], Outcome)]
    numbers = {node_id: i + 1 for i, node_id in enumerate(question_ids)}
    remaining: dict[str, int] = {}
    for node_id in reversed(order):
        node = flow.nodes[node_id]
        remaining[node_id] = (1 + max(remaining[o.next] for o in node.options)) if isinstance(node, Question) else 0
    paths: list[Route] = []
    stack: list[tuple[str, tuple[Step, ...]]] = [(flow.start, ())]
    while stack:
        node_id, steps = stack.pop()
        node = flow.nodes[node_id]
        if isinstance(node, Outcome):
            paths.append(Route(steps, node))
            continue
        for option in reversed(node.options):
            stack.append((option.next, steps + (Step(node, option),)))
    paths_to: dict[str, list[Route]] = {o: [] for o in outcome_ids}
    for path in paths:
        paths_to[path.outcome.id].append(path)
    return Analysis(tuple(question_ids + outcome_ids), numbers, remaining, tuple(paths),
                    {k: tuple(v) for k, v in paths_to.items()})


def paths_markdown(flows: Iterable[Flow]) -> str:
    """The committed review table: every path through every flow and where it ends."""
    out = ["<!-- Generated from docs/decide/flows/*.yml by `.venv/bin/python scripts/flow_paths.py`."
           " Do not edit by hand. -->", "", "# Every path through the flows", ""]
    for flow in flows:
        analysis = analyse(flow)
        out += [f"## {flow.title} (`{flow.id}`)", "",
                f"{len(analysis.paths)} paths, {len(flow.questions)} questions, {len(flow.outcomes)} outcomes.", "",
                "| # | Answers | Ends at |", "| ---: | --- | --- |"]
        for i, path in enumerate(analysis.paths, 1):
            answers = "<br>".join(f"Q{analysis.numbers[s.question.id]} {_cell(s.question.question)} → "
                                  f"**{_cell(s.option.label)}**" for s in path.steps)
            out.append(f"| {i} | {answers} | {_cell(path.outcome.title)} (`{path.outcome.id}`) |")
        out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


# ── Diagram layout ──────────────────────────────────────────────────────────

BOX_WIDTH = 168
LINE_HEIGHT = 16
BOX_PAD = 10
GAP_X = 20
GAP_Y = 44
WRAP = 24
MAX_LINES = 4
DUMMY_WIDTH = 12


@dataclass(frozen=True)
class Box:
    """A node in the diagram."""

    id: str
    kind: str
    tag: str                 # "Question 3" or "Outcome"
    lines: tuple[str, ...]
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Edge:
    """An arrow from one box to another (an SVG path)."""

    source: str
    target: str
    d: str


@dataclass(frozen=True)
class Diagram:
    """A laid-out diagram of a whole flow."""

    width: int
    height: int
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]


def _wrap(text: str) -> tuple[str, ...]:
    """Wrap text into at most MAX_LINES lines for a box."""
    lines = textwrap.wrap(text, WRAP) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: WRAP - 1].rstrip() + "…"
    return tuple(lines)


def layout(flow: Flow, analysis: Analysis | None = None) -> Diagram:
    """A layered layout, top to bottom (a small Sugiyama): each node sits one layer below
    its deepest parent, edges that skip layers pass through thin dummy slots so they do
    not cross boxes, and each layer is ordered by the mean position of its parents."""
    analysis = analysis or analyse(flow)
    order = list(analysis.order)
    topo = _topological(flow)
    layer: dict[str, int] = {flow.start: 0}
    for node_id in topo:
        node = flow.nodes[node_id]
        if isinstance(node, Question):
            for target in dict.fromkeys(o.next for o in node.options):
                layer[target] = max(layer.get(target, 0), layer[node_id] + 1)
    # Items are node ids or dummy slots ("~", edge index, layer).
    parents: dict[Any, list[Any]] = {n: [] for n in topo}
    routes: list[tuple[str, str, list[Any]]] = []
    for node_id in topo:
        node = flow.nodes[node_id]
        if not isinstance(node, Question):
            continue
        for target in dict.fromkeys(o.next for o in node.options):
            chain: list[Any] = []
            previous: Any = node_id
            for depth in range(layer[node_id] + 1, layer[target]):
                dummy = ("~", len(routes), depth)
                parents[dummy] = [previous]
                chain.append(dummy)
                previous = dummy
            parents[target].append(previous)
            routes.append((node_id, target, chain))
    rows: dict[int, list[Any]] = {}
    for item in parents:
        rows.setdefault(item[2] if isinstance(item, tuple) else layer[item], []).append(item)
    texts = {n: _wrap(flow.nodes[n].question if isinstance(flow.nodes[n], Question) else flow.nodes[n].title)
             for n in topo}
    rank = {n: i for i, n in enumerate(order)}

    def item_width(item: Any) -> int:
        return DUMMY_WIDTH if isinstance(item, tuple) else BOX_WIDTH

    def row_width(row: list[Any]) -> int:
        return sum(item_width(i) for i in row) + GAP_X * (len(row) - 1)

    centre: dict[Any, float] = {}
    for depth in sorted(rows):
        row = rows[depth]
        if depth:
            row.sort(key=lambda i: (sum(centre[p] for p in parents[i]) / len(parents[i]),
                                    rank.get(i, -1) if not isinstance(i, tuple) else -1))
        x = -row_width(row) / 2
        for item in row:
            centre[item] = x + item_width(item) / 2
            x += item_width(item) + GAP_X
    left = min(centre[i] - item_width(i) / 2 for i in centre)
    right = max(centre[i] + item_width(i) / 2 for i in centre)
    shift = GAP_X - left
    top: dict[int, int] = {}
    bottom: dict[int, int] = {}
    boxes: dict[str, Box] = {}
    y = GAP_X
    for depth in sorted(rows):
        real = [i for i in rows[depth] if not isinstance(i, tuple)]
        height = max(len(texts[n]) for n in real) * LINE_HEIGHT + LINE_HEIGHT + 2 * BOX_PAD
        top[depth], bottom[depth] = y, y + height
        for node_id in real:
            node = flow.nodes[node_id]
            tag = f"Question {analysis.numbers[node_id]}" if isinstance(node, Question) else "Outcome"
            boxes[node_id] = Box(node_id, node.kind, tag, texts[node_id],
                                 round(centre[node_id] + shift - BOX_WIDTH / 2), y, BOX_WIDTH, height)
        y += height + GAP_Y
    edges = []
    for source, target, chain in routes:
        a, b = boxes[source], boxes[target]
        points = [(a.x + a.width // 2, a.y + a.height)]
        for dummy in chain:
            dx = round(centre[dummy] + shift)
            points += [(dx, top[dummy[2]]), (dx, bottom[dummy[2]])]
        points.append((b.x + b.width // 2, b.y - 4))
        d = f"M{points[0][0]} {points[0][1]}"
        for i in range(1, len(points)):
            (x1, y1), (x2, y2) = points[i - 1], points[i]
            if x1 == x2 or i % 2 == 0:
                d += f" L{x2} {y2}"
            else:
                bend = (y2 - y1) // 2
                d += f" C{x1} {y1 + bend} {x2} {y2 - bend} {x2} {y2}"
        edges.append(Edge(source, target, d))
    width = round(right - left) + 2 * GAP_X
    return Diagram(width, y - GAP_Y + GAP_X, tuple(boxes[n] for n in order), tuple(edges))


# ── Rendering ───────────────────────────────────────────────────────────────


def strict_env(env: jinja2.Environment) -> jinja2.Environment:
    """The theme's environment with StrictUndefined and autoescaping forced on."""
    return env.overlay(undefined=jinja2.StrictUndefined, autoescape=True)


def render_flow(env: jinja2.Environment, flow: Flow, *, urls: Mapping[str, str], assets: Mapping[str, str] | None,
                template: str = "partials/guide-flow.html") -> str:
    """Render the whole flow (no-JS form, JS hooks, diagram) with the given template environment.

    `urls` maps each linked page path (as written in the YAML) to its URL from the page
    showing the flow; `assets` maps "css"/"js" to their URLs, or is None when another
    flow on the same page already loads them.
    """
    if env.undefined is not jinja2.StrictUndefined or env.autoescape is not True:
        env = strict_env(env)  # a fresh overlay compiles its templates again: pass a strict env to reuse one
    with _gc_paused():
        analysis = analyse(flow)
        return env.get_template(template).render(
            flow=flow, analysis=analysis, diagram=layout(flow, analysis), urls=urls, assets=assets,
            prefix=f"flow-{flow.id}-",  # a node's anchor is prefix + node id
        )
