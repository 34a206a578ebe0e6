"""Paths as the hooks write them in messages: relative to the folder holding mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guide.core.folders import shown_path

from .languages import project_root


def shown(config: MkDocsConfig, path: Path) -> str:
    """A path as written in messages, e.g. docs/decide/flows/fr."""
    return shown_path(path, project_root(config))
