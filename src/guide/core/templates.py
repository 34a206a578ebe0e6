"""Rendering HTML and text from the site's Jinja templates: autoescaped and strict.

Every package that turns data into a page part (flows, kits) renders through `strict_env`, so
a missing field is an error, never an empty string, and text from data is always escaped.
Callers keep the environment it returns for the whole build: each overlay compiles its
templates once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
import jinja2.bccache


def strict_env(env: jinja2.Environment, filters: Mapping[str, Callable[..., Any]] | None = None) -> jinja2.Environment:
    """The theme's environment with StrictUndefined and autoescaping forced on, plus `filters`.

    The templates print their text through gettext (`_()`): a host that installed none
    (a unit test, another Python-Markdown host) gets the English as written."""
    strict = env.overlay(undefined=jinja2.StrictUndefined, autoescape=True)
    strict.filters = {**env.filters, **(filters or {})}  # an overlay shares its parent's dict: do not add to the theme's
    if "gettext" not in strict.globals:
        strict.add_extension("jinja2.ext.i18n")
        strict.install_null_translations(newstyle=True)
    return strict




class CompiledInMemory(jinja2.BytecodeCache):
    """Compiled templates kept in this process's memory, keyed by template and checked against
    its source: each language's build of the site (the i18n plugin builds them in turn, each
    with a new environment) and each rebuild under `mkdocs serve` reuses the code of a
    template it has compiled, and compiles an edited one anew. Nothing is written anywhere."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, object]] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        # The compiled code depends on the environment's options (autoescaping, whitespace,
        # finalize), so they are part of the key: a text and an HTML environment never share.
        options = (environment.autoescape, environment.finalize, environment.trim_blocks, environment.lstrip_blocks,
                   environment.keep_trailing_newline, environment.optimized, tuple(sorted(environment.extensions)))
        key = f"{self.get_cache_key(name, filename)}|{options!r}"
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        kept = self._code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)


def compiled_templates() -> CompiledInMemory | None:
    """The process's cache of compiled templates, shared by every environment of the build;
    None when GUIDE_NO_TEMPLATE_CACHE is set (scripts/bench.py measures what it saves)."""
    return None if os.environ.get(NO_TEMPLATE_CACHE) else _COMPILED


NO_TEMPLATE_CACHE = "GUIDE_NO_TEMPLATE_CACHE"
_COMPILED = CompiledInMemory()
