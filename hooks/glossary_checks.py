"""MkDocs hook: the build language's glossary is checked before any page is read.

Every page gets its language's glossary through the Markdown extension
`guide.glossary.markdown_ext` (mkdocs.yml, markdown_extensions): `abbr` wraps each use of a
term in `<abbr title>` and Material's `content.tooltips` shows it. A page cannot stop the
build, so this hook reads the glossary first (the default language's file, or its twin such as
includes/glossary.fr.md in the French build) and stops on a missing file, a bad line or a
repeated term, naming file:line (`guide.glossary.parse`).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guide import glossary
from guide.core.folders import shown_path
from guide.mkdocs_build import languages

EXTENSION = "guide.glossary.markdown_ext"


@event_priority(languages.AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Read and check the build language's glossary (after the i18n plugin sets the language)."""
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"Glossary: mkdocs.yml must list {EXTENSION} under markdown_extensions.")
    language = languages.current(config)
    file = config.mdx_configs.get(EXTENSION, {}).get("file", glossary.GLOSSARY_FILE)
    path = glossary.twin(Path(config.docs_dir) / file, None if language.default else language.code)
    try:
        glossary.load_glossary(path, shown_path(path, languages.project_root(config)), language.code)
    except glossary.GlossaryError as error:
        raise PluginError(f"Bad glossary:\n{error}") from None
    return None
