"""MkDocs hook: the checks across the whole site for the hiring kits.

The kits reach their pages through the Markdown extension `guide.kits.markdown_ext`
(mkdocs.yml, markdown_extensions). What no single page can check is here, and turns the
library's problems into `PluginError`s, with file, line and key:

- before any page (on_files): every kit and the posting checklist of the build's language
  read and validate, and in the default language's build every translation (docs/kits/fr/)
  has its original's keys, lists and data (`guide.kits.translation_problems`);
- once every page is converted (on_env): each kit is shown on its own page, and every source
  the checklist cites is an anchor on the sources page.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from guide import kits
from guide.core.problems import Problem, ProblemError
from guide.kits import site_checks
from guide.mkdocs_build import languages
from guide.mkdocs_build.languages import project_root
from guide.mkdocs_build.pages import shown


def _fail(problems: list[Problem]) -> None:
    if problems:
        raise PluginError(f"Bad hiring kit or kit block:\n{ProblemError(problems)}")


def load_edition(config: MkDocsConfig) -> tuple[dict[str, kits.Kit], kits.Checklist, list[Problem]]:
    """The kits and checklist in the build's language, and how each translation differs from
    its original. The default language's build (the first) reads and checks every
    translation; a later language's build reads its own kits only (docs/kits/<code>/).
    The kits are parsed once: cached by their bytes."""
    folder = Path(config.docs_dir) / kits.KITS_DIR
    root = project_root(config)
    language = languages.current(config)
    if not language.default:
        return *kits.load_kits(folder / language.code, display_root=root), []
    found, checklist = kits.load_kits(folder, display_root=root)
    problems: list[Problem] = []
    for other in languages.languages(config):
        if other.default:
            continue
        translated = folder / other.code
        if not translated.is_dir():
            problems.append(Problem(shown(config, translated), 1, "", f"the kits have no {other.name} "
                                             "translation.", f"copy every file of {shown(config, folder)} there "
                                             "and translate its text (README, 'French edition')."))
            continue
        kits.load_kits(translated, display_root=root)  # a bad translation fails here, with its own messages
        problems += kits.translation_problems(folder, translated, display_root=root)
    return found, checklist, problems


@event_priority(languages.AFTER_I18N)
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Read and check every kit and the posting checklist (in the build's language), and in
    the default language's build every translation's structure."""
    try:
        _found, _checklist, translation = load_edition(config)
    except ProblemError as error:
        raise PluginError(f"Bad hiring kit:\n{error}") from None
    if translation:
        raise PluginError(f"A translated hiring kit differs from its original:\n{ProblemError(translation)}")
    return None


def on_env(env: object, *, config: MkDocsConfig, files: Files) -> None:
    """Every page is converted: each kit must be on its page, each cited source on the sources page."""
    language = languages.current(config)
    folder = Path(config.docs_dir) / kits.KITS_DIR / ("" if language.default else language.code)
    found, checklist = kits.load_kits(folder, display_root=project_root(config))  # parsed in on_files: cached

    def shown(page: str, kit_id: str) -> bool:
        file = files.get_file_from_path(page)
        return bool(file and file.page and f'data-kit="{kit_id}"' in (file.page.content or ""))

    _fail(site_checks.placement_problems(found, lambda kit_id: language.page_source(kits.page_of(kit_id)), shown))
    sources = files.get_file_from_path(kits.SOURCES_PAGE)
    anchors = sources.page.present_anchor_ids if sources and sources.page else None
    _fail(site_checks.source_problems(checklist, set(anchors or ())))
