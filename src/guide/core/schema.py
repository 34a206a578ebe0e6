"""Check flow data against the committed JSON Schema, with a line, a node and a fix per problem.

A compiled check (fastjsonschema) of the schema answers "valid?" quickly; only a tree
that fails it is validated again by jsonschema, which lists every error with its path.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from .problems import Problem, ProblemError, close_matches
from .yaml_source import line_of

if TYPE_CHECKING:
    import jsonschema



@functools.lru_cache(maxsize=8)
def _compiled_schema(text: str) -> Callable[[Any], Any]:
    """The schema compiled to a Python check (fastjsonschema), cached by its text: an edited
    schema is a new key. Compiled once per process; it answers "valid?" several times faster
    than jsonschema, which only a file that fails it pays for."""
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


def type_name(value: Any) -> str:
    """A reader's word for a YAML value's type."""
    if value is None:
        return "empty"
    for kind, name in ((bool, "true/false"), (int, "a number"), (float, "a number"), (str, "text"),
                       (list, "a list"), (dict, "a block of keys")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


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


def _explain(error: jsonschema.ValidationError, schema_name: str) -> tuple[str, str]:
    """Turn a schema error into (problem, fix) sentences."""
    path = tuple(error.absolute_path)
    name = _field_name(path)
    v = error.validator
    if v == "additionalProperties":
        allowed = sorted((error.schema.get("properties") or {}).keys())
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        key = extra[0] if extra else "?"
        close = close_matches(key, allowed, n=1)
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
                  "integer": "a number"}.get(want, str(want)) if isinstance(want, str) else str(want)
        return (f"{name} must be {want_s}, not {type_name(error.instance)}.",
                f"write {name} as {want_s}" + (" (quote it if it looks like a number or yes/no)."
                                                 if want == "string" else "."))
    if v in ("minItems", "maxItems") and name.endswith("options") and path[:1] == ("nodes",):
        count = len(error.instance) if isinstance(error.instance, list) else 0
        return (f"a question needs {error.schema.get('minItems')} to {error.schema.get('maxItems')} options; "
                f"this one has {count}.",
                "add options (an \"I'm not sure\" answer is often fair)." if v == "minItems"
                else "merge or drop options, or split the question in two.")
    if v == "minItems" and error.validator_value == 1:
        return (f"{name} must not be empty.", "add at least 1 item.")
    if v == "minItems":
        count = len(error.instance) if isinstance(error.instance, list) else 0
        return (f"{name} has {count} item(s); it needs at least {error.validator_value}.",
                f"add items until there are {error.validator_value} or more.")
    if v == "maxItems":
        count = len(error.instance) if isinstance(error.instance, list) else 0
        return (f"{name} has {count} items; it may have at most {error.validator_value}.",
                f"merge or drop items until there are {error.validator_value} or fewer.")
    if v == "maxProperties" and name.endswith("when"):
        return (f"{name} has {len(error.instance)} keys; a condition is one key: a fact with its value, or 'all', "
                "'any' or 'not'.", "combine several conditions under 'all: [...]' or 'any: [...]'.")
    if v in ("enum", "const"):
        allowed = error.validator_value if v == "enum" else [error.validator_value]
        return (f"{name} is {error.instance!r}, which is not allowed.",
                f"use one of: {', '.join(map(str, allowed))}.")
    if v == "pattern" and name.endswith("page"):
        return (f"{name} '{error.instance}' is not a page path.",
                "give a Markdown file relative to docs/, such as roles/ml-engineer.md, without '#anchor'.")
    if v == "pattern" and str(error.validator_value).startswith("^[0-9]{4}"):
        return (f"{name} '{error.instance}' is not a date.", "write it as YYYY-MM-DD, for example 2023-11-01.")
    if v in ("pattern", "maxLength") and (name.endswith(("id", "next", "kit", "source")) or name in ("start",)):
        return (f"{name} '{error.instance}' is not a valid id.",
                "use lower-case words of letters and digits joined by single hyphens, starting with a letter (at most 60 characters).")
    if v in ("pattern", "minLength"):
        return (f"{name} is empty.", "write some text.")
    return (f"{name}: {error.message}.", f"see {schema_name} for the format.")


_TYPES = {"string": str, "array": list, "object": dict}
_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a block of keys"}


def _one_of(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For a value that may take one of several forms (text, or a list of parts): the error
    inside the form its type picks, or one naming the forms when its type fits none."""
    if error.validator != "oneOf":
        return error
    import jsonschema

    kinds = [alt.get("type") for alt in error.validator_value if isinstance(alt, dict)]
    fitting = [i for i, kind in enumerate(kinds) if kind in _TYPES and isinstance(error.instance, _TYPES[kind])]
    inner = [e for e in error.context if e.schema_path and e.schema_path[0] in fitting]
    if inner:
        return _one_of(jsonschema.exceptions.best_match(inner))
    words = " or ".join(dict.fromkeys(_TYPE_WORDS[k] for k in kinds if k in _TYPE_WORDS))
    return jsonschema.ValidationError(f"must be {words}", validator="type", validator_value=words,
                                      instance=error.instance, path=error.absolute_path, schema={})


def schema_problems(data: Any, file: str, schema_path: Path,
                    node_name: Callable[[Any, tuple[Any, ...]], str]) -> list[Problem]:
    """Every schema violation, with its line and the place `node_name` gives (a flow's node id,
    the part of a hiring kit).

    A compiled check (fastjsonschema) of the same committed schema answers "valid?"
    quickly; only when it fails does jsonschema list every error with its path."""
    text = schema_path.read_text(encoding="utf-8")
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
        error = _one_of(error)
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = (error.schema.get("properties") or {}).keys()
            path += tuple(sorted(set(error.instance) - set(allowed)))[:1]
        problem, fix = _explain(error, schema_path.name)
        problems.append(Problem(file, line_of(data, path), node_name(data, path), problem, fix))
    # One message per place is enough (the if/then schema can repeat itself).
    unique = {(p.line, p.problem): p for p in problems}
    return list(unique.values())


def checked_data(data: Any, file: str, schema_path: Path, node_name: Callable[[Any, tuple[Any, ...]], str], *,
                 expected: str, start: str) -> Any:
    """YAML data that is a block of keys and meets the schema, or a ProblemError listing every
    problem (`expected` names the kind of file in the message, `start` says how one begins)."""
    if not isinstance(data, dict):
        raise ProblemError([Problem(file, 1, "", f"the file holds {type_name(data)}, not {expected}.", start)])
    problems = schema_problems(data, file, schema_path, node_name)
    if problems:
        raise ProblemError(problems)
    return data
