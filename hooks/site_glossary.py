"""MkDocs hook: the site-wide glossary, checked once per build and wired into the pages.

The glossary is the file that `pymdownx.snippets` appends to every page (`auto_append`
in mkdocs.yml, the one place its path is written); Python-Markdown's `abbr` turns its
terms into `<abbr title>` and Material's `content.tooltips` shows them. This hook reads
that file once per build (on_config) and:

- stops the build on a bad line or a repeated term, naming file:line;
- hands `abbr` the capitalised and plural forms of the terms (`Drift`, `pipelines`);
- registers the `/// glossary` block (the Glossary page) and focus on each term's first use.

The logic is the `glossary` package next to this file (no MkDocs there).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

import glossary

SNIPPETS = "pymdownx.snippets"
# An auto-appended snippet whose file name starts with this is the glossary
# (includes/glossary.md; a French edition would append includes/glossary.fr.md instead).
GLOSSARY_PREFIX = "glossary"


def _glossary_file(config: MkDocsConfig) -> tuple[Path, str]:
    """The auto-appended glossary file and its name for messages."""
    options = config.mdx_configs.get(SNIPPETS, {})
    named = [name for name in options.get("auto_append", []) if PurePosixPath(name).name.startswith(GLOSSARY_PREFIX)]
    if len(named) != 1:
        raise PluginError(f"Glossary: mkdocs.yml must auto-append exactly one {GLOSSARY_PREFIX}*.md file with "
                          f"{SNIPPETS} (auto_append), found {named or 'none'}.")
    root = Path(config.config_file_path or ".").resolve().parent
    for base in options.get("base_path", ["."]):
        path = (root / base / named[0]).resolve()
        if path.is_file():
            try:
                return path, str(path.relative_to(root))
            except ValueError:
                return path, str(path)
    raise PluginError(f"Glossary: {named[0]} is not in any {SNIPPETS} base_path.")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read and check the glossary; give `abbr` its other forms; register the Markdown side."""
    path, shown = _glossary_file(config)
    try:
        terms = glossary.parse(path.read_text(encoding="utf-8"), shown)
    except glossary.GlossaryError as error:
        raise PluginError(f"Bad glossary:\n{error}") from None
    abbr = config.mdx_configs.setdefault("abbr", {})
    abbr["glossary"] = {**terms.variants(), **abbr.get("glossary", {})}
    config.markdown_extensions.append(glossary.GlossaryExtension(glossary=terms))  # type: ignore[arg-type]
    return config
