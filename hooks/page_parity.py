"""Hook: the page half of the translation parity check (languages.py holds the logic).

Every page `x.md` needs its twin `x.fr.md` (and the other way round), and every nav title
a translation in mkdocs.yml's nav_translations; a gap stops the build, naming the file
and the key. Runs before the i18n plugin sorts the files by language, so it sees them all.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from guide.mkdocs_build import languages


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Stop on a page or a nav title that exists in one language only."""
    editions = languages.languages(config)
    sources = [f.src_uri for f in files.documentation_pages() if f.inclusion.is_included()]
    problems = languages.missing_pages(sources, editions)
    plugin = config.plugins.get(languages.PLUGIN)
    for language in editions if plugin else ():
        if not language.default:
            settings = next(x for x in plugin.config.languages if x.locale == language.code)
            problems += languages.untranslated_titles(config.nav, settings.nav_translations, language,
                                                      config_text=Path(config.config_file_path).read_text(encoding="utf-8"))
    if problems:
        raise PluginError("Translation parity: a page or a nav title exists in one language only:\n"
                          + "\n".join(problems))
    return None
