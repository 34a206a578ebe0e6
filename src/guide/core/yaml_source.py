"""Read a data file's YAML (a flow, a kit, the checklist, an interface-text catalogue) into
plain data that remembers the line of every value; `decode` and `character_problems` are the
same first steps for the data files that are not YAML (the glossaries). One module of about 330 lines on purpose: the event-stream builder, its
limits and the messages that name a line share private state and are one job.

Only YAML's core schema is accepted: text, numbers, true/false, null, lists and
blocks of keys. The data is built from the parser's event stream, without
recursion, so that every hostile input becomes an ordinary `Problem`:

- tags outside the core schema (`!include`, `!!python/...`, `!!binary`,
  `!!timestamp`, ...) are refused; `2024-13-45` is text, not a date;
- the merge key `<<` is refused (write the keys out);
- aliases may be used, but what they expand to is bounded (no "billion laughs"),
  and an alias inside the block it names is refused (no endless recursion);
- nesting deeper than MAX_DEPTH is refused (no RecursionError);
- NUL, other control characters and the bidirectional controls that can hide
  text (U+202A-U+202E, U+2066-U+2069) are refused at their line, whether typed into the
  file or written as an escape in double quotes (`"\u202e"`, `"\a"`, `"\x1b"`): the value
  is checked after YAML has unescaped it. Allowed in a value: tab and line feed (block text);
  a carriage return only as a file's own line ends (`"\r"` in a value is refused);
- a key given twice in one block is refused at the second (the second would silently win);
- a byte that is not UTF-8 is reported at its real line, an unclosed quote at
  the line where it opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem, ProblemError

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 40
MAX_ALIAS_VALUES = 10_000  # values that aliases may repeat, in total, per file
# libyaml's parser when PyYAML was built with it: same events, several times faster.
_PARSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_WORDS = frozenset({*_BOOL, "null", "Null", "NULL"})
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_NODE_ID_LINE = re.compile(r"^(?:\s*-\s*|\s+)id\s*:\s*['\"]?([a-z0-9-]+)")  # indented: a node's, not the flow's
_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[\w-]+\s*:\s+)?(?P<quote>[\"'])(?P<rest>.*)$")
# Characters no flow text may hold: NUL and other C0/C1 controls (YAML refuses them
# anyway) and the bidirectional controls that reorder how text is displayed.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same in a value after YAML's unescaping, where a carriage return can only come from
# an escape ("\r"): tab and line feed are the only control characters a value may hold.
_BAD_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class Map(dict):
    """A YAML mapping as a dict, with its own line and the line of each key in `lines`."""

    __slots__ = ("line", "lines")


class Seq(list):
    """A YAML sequence as a list, with its own line and the line of each item in `lines`."""

    __slots__ = ("line", "lines")


class _Stop(Exception):
    """Raised inside the builder when reading must stop at once."""

    def __init__(self, line: int, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.line, self.problem, self.fix = line, problem, fix


@dataclass
class _Frame:
    """An open list or block of keys while its events arrive."""

    value: Map | Seq
    anchor: str | None
    size: int = 1
    key: Any = None
    key_line: int = 0
    has_key: bool = False


@dataclass
class _Builder:
    """Builds plain data from parser events, with lines, limits and tag checks."""

    file: str
    text: str = ""  # the file's text: the node a problem is in (flows)
    problems: list[Problem] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    anchors: dict[str, tuple[Any, int]] = field(default_factory=dict)
    aliased: int = 0
    root: Any = None
    documents: int = 0

    def feed(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 1
        if type(event) is yaml.ScalarEvent:
            if event.tag is None and event.anchor is None and self.stack and event.implicit[0]:
                self._add_plain(_resolve_plain(event.value), line)  # most events: a plain value, no tag
            else:
                self._add(self._scalar(event, line), line, 1, event.anchor)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._check_collection_tag(event, line)
            if len(self.stack) >= MAX_DEPTH:
                raise _Stop(line, f"the lists and blocks are nested more than {MAX_DEPTH} deep.",
                            "a flow needs only a few levels: flatten the structure.")
            value: Map | Seq = Map() if isinstance(event, yaml.MappingStartEvent) else Seq()
            value.line, value.lines = line, ({} if isinstance(value, Map) else [])
            self.stack.append(_Frame(value, event.anchor))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self._add(frame.value, frame.value.line, frame.size, frame.anchor)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event.anchor, line)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Stop(line, "the file holds more than one YAML document ('---').",
                            "keep one flow per file and remove the extra '---'.")

    def _alias(self, name: str, line: int) -> None:
        if any(frame.anchor == name for frame in self.stack):
            raise _Stop(line, f"the alias '*{name}' is inside the block it repeats, so it would never end.",
                        f"remove '*{name}' or point it at another anchor.")
        if name not in self.anchors:
            raise _Stop(line, f"the alias '*{name}' names no anchor defined above it.",
                        f"define '&{name}' earlier in the file, or write the value out.")
        value, size = self.anchors[name]
        self.aliased += size
        if self.aliased > MAX_ALIAS_VALUES:
            raise _Stop(line, f"aliases repeat more than {MAX_ALIAS_VALUES:,} values in this file.",
                        "write the values out instead of repeating anchors inside anchors.")
        self._add(value, line, size, None)

    def _add_plain(self, value: Any, line: int) -> None:
        """`_add` for a plain scalar with no anchor inside a list or block: most events."""
        if value == "<<":
            self._refuse_merge_key(line)
        frame = self.stack[-1]
        frame.size += 1
        self._put(frame, value, line)

    def _add(self, value: Any, line: int, size: int, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        self._put(frame, value, line)

    def _put(self, frame: _Frame, value: Any, line: int) -> None:
        """Append to the open list, or take a key / the value of the last key in the open block."""
        container = frame.value
        if type(container) is Seq:
            container.append(value)
            container.lines.append(line)
            return
        if not frame.has_key:
            if isinstance(value, (Map, Seq)):
                self.problems.append(Problem(self.file, line, "", "a key is a list or block of keys.",
                                                 "write keys as plain words, such as 'title:'."))
                value = f"<key on line {line}>"
            frame.key, frame.key_line, frame.has_key = str(value), line, True
            return
        key, key_line = frame.key, frame.key_line
        frame.has_key = False
        if key in container:
            self.problems.append(Problem(self.file, key_line, "", f"the key '{key}' appears twice in the same block.",
                                             "keep one of them."))
        container[key] = value
        container.lines[key] = key_line

    def _refuse_merge_key(self, line: int) -> None:
        """A plain `<<` where a key goes is YAML's merge key, which flow files do not take."""
        if self.stack and isinstance(self.stack[-1].value, Map) and not self.stack[-1].has_key:
            raise _Stop(line, "the merge key '<<' is not supported in flow files.",
                        "write the keys out in full in each block.")

    def _scalar(self, event: yaml.ScalarEvent, line: int) -> Any:
        tag, text = event.tag, event.value
        plain = event.implicit[0] and tag in (None, "!")
        if plain and text == "<<":
            self._refuse_merge_key(line)
        if event.style == '"':  # the one style with escapes: check what they wrote
            self._check_unescaped(text, line)
        if (tag is None and not event.implicit[0]) or tag == "!":  # quoted or '!': text
            return text
        if tag is None:
            return _resolve_plain(text)
        kind = tag.removeprefix(_CORE) if tag.startswith(_CORE) else None
        if kind == "str":
            return text
        if kind in ("null", "bool", "int", "float"):
            value = _resolve_plain(text)
            wanted = {"null": type(None), "bool": bool, "int": int, "float": (int, float)}[kind]
            if isinstance(value, wanted) and not (kind != "bool" and isinstance(value, bool)):
                return value
            raise _Stop(line, f"'{text}' is not a valid !!{kind}.", f"remove the !!{kind} tag or fix the value.")
        raise _Stop(line, f"the tag '{_short_tag(tag)}' is not allowed: flow files use plain YAML only.",
                    "remove the tag and write the value as plain text.")

    def _check_unescaped(self, text: str, line: int) -> None:
        """A double-quoted value after unescaping: `"\u202e"` is the character itself by now."""
        bad = _BAD_IN_VALUE.search(text)
        if bad:
            char = bad.group()
            code = f"U+{ord(char):04X}"
            what = "a bidirectional control character" if char in _BIDI else "a control character"
            self.problems.append(Problem(self.file, line, node_near(self.text, line), f"this value holds {what} ({code}) written as an "
                                         f"escape ('{char.encode('unicode_escape').decode()}'), which can hide or "
                                         "reorder text.", "delete the escape; only tab ('\\t') and line "
                                         "feed ('\\n') may be written so."))

    def _check_collection_tag(self, event: yaml.CollectionStartEvent, line: int) -> None:
        wanted = _CORE + ("map" if isinstance(event, yaml.MappingStartEvent) else "seq")
        if event.tag not in (None, "!", wanted):
            raise _Stop(line, f"the tag '{_short_tag(event.tag)}' is not allowed: flow files use plain YAML only.",
                        "remove the tag.")


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _resolve_plain(text: str) -> Any:
    """A plain scalar by YAML 1.2's core schema (so 'yes' and '2024-01-01' stay text)."""
    if text[:1].isalpha() and text not in _WORDS:  # most values: words, neither number nor null/bool
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        if len(text) > 40:  # a number no flow needs; Python refuses over 4,300 digits
            return float("inf")
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _FLOAT.match(text):
        return float(text.replace(".", "", 1) if text.lower().lstrip("+-") in (".inf", ".nan") else text)
    return text


def node_near(text: str, line: int) -> str:
    """The id of the node whose block holds a line, judged from the text alone ('' if none).

    Used where the YAML cannot be read, so no parsed data says which node a line is in."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), 0, -1):
        match = _NODE_ID_LINE.match(lines[number - 1])
        if match:
            return match.group(1)
    return ""


def _unclosed_quote(text: str, before: int) -> int | None:
    """The last line up to `before` whose value opens a quote that the line does not close."""
    found = None
    for number, line in enumerate(text.splitlines()[:before], 1):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        rest = match.group("rest")
        closed = (re.search(r'(?<!\\)"', rest) if match.group("quote") == '"'
                  else re.search(r"'(?!')", rest.replace("''", "")))
        if not closed:
            found = number
    return found


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text of a file, or a problem at the line of the first byte that is not UTF-8."""
    if len(raw) > MAX_BYTES:
        raise ProblemError([Problem(file, 1, "", f"the file is {len(raw) / 1e6:.1f} MB, over the "
                                     f"{MAX_BYTES // (1024 * 1024)} MB limit for a data file.", "split the file in two.")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start:error.start + 1].hex()
        raise ProblemError([Problem(file, line, "", f"byte 0x{byte} on this line is not UTF-8 text.",
                                     "save the file as UTF-8 (most editors have it under 'encoding').")]) from None


def character_problems(text: str, file: str) -> list[Problem]:
    """Every NUL, other control character and bidirectional control in a file's text, at its line
    (tab, line feed and carriage return are a text file's own)."""
    problems = []
    for match in _BAD_CHARS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        code = f"U+{ord(match.group()):04X}"
        what = ("a bidirectional control character" if match.group() in "\u202a\u202b\u202c\u202d\u202e"
                "\u2066\u2067\u2068\u2069" else "a control character")
        problems.append(Problem(file, line, node_near(text, line), f"this line holds {what} ({code}), "
                                    "which can hide or reorder text.", "delete it (retype the line if unsure)."))
    return problems


def read_yaml(text: str, file: str) -> Any:
    """Parse YAML text into Map/Seq/scalars that know their lines; every problem is a ProblemError."""
    if len(text) > MAX_BYTES:
        raise ProblemError([Problem(file, 1, "", "the file is over the size limit for a flow.", "split the flow.")])
    problems = character_problems(text, file)
    if problems:
        raise ProblemError(problems[:20])
    builder = _Builder(file, text)
    try:
        for event in yaml.parse(text, Loader=_PARSER):
            builder.feed(event)
    except _Stop as stop:
        raise ProblemError([Problem(file, stop.line, node_near(text, stop.line), stop.problem, stop.fix)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and "quoted scalar" in (error.context or ""):
            mark = error.context_mark  # where the quote opens, not the end of the file
        line = mark.line + 1 if mark else 1
        what = " ".join(str(x) for x in (error.context, error.problem) if x)
        opened = _unclosed_quote(text, line)
        if opened is not None:
            raise ProblemError([Problem(file, opened, node_near(text, opened), "the quote that opens on this line "
                                         f"is not closed on it, so the text runs on (YAML: {what}).",
                                         "add the closing quote at the end of the text.")]) from None
        raise ProblemError([Problem(file, line, node_near(text, line), f"this is not valid YAML ({what}).",
                                     "check the indentation and quoting near this line.")]) from None
    except yaml.YAMLError as error:
        position = getattr(error, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else 1
        raise ProblemError([Problem(file, line, node_near(text, line), f"this is not valid YAML ({error}).",
                                     "check the file is plain YAML text.")]) from None
    if builder.problems:
        raise ProblemError(builder.problems)
    if builder.root is None:
        raise ProblemError([Problem(file, 1, "", "the file is empty.", "write a flow (see the schema).")])
    return builder.root


def line_of(data: Any, path: tuple[Any, ...]) -> int:
    """The line of the value at a path (a key's line for mapping entries), as near as known."""
    line = getattr(data, "line", 1)
    for part in path:
        lines = getattr(data, "lines", None)
        try:
            line = lines[part]
            data = data[part]
        except (TypeError, KeyError, IndexError):
            break
    return line
