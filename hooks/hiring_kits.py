"""MkDocs hook: puts the hiring kits (docs/kits/<id>.yml) on the pages that ask for them.

A page asks with `/// hiring-kit | <kit id>` then `///`. The logic lives in the `hiring_kit`
package (no MkDocs there); this module only wires it into the build and turns its problems
into `PluginError`s: kits and the posting checklist are read once per build (on_files), each
page tells the block where it is (on_page_markdown), a page's problems stop the build after
that page, and at the end every kit must be on its page and every source the checklist
cites must be an anchor on the sources page (on_env).

Languages: the i18n plugin builds the site once per language. Translated kits and the
translated checklist live in a folder named for the language (docs/kits/fr/); a French
build shows them, with the interface text of i18n/fr.yml, on the French kit pages
(hiring-kits/<id>.fr.md). The default language's build (the first) checks that every
translation has its original's keys, lists and data (`hiring_kit.parity`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide.core.problems import Problem, ProblemError
from guide import kits
from guide.languages import interface_text
from guide.mkdocs_build import languages
from guide.mkdocs_build.pages import page_context, project_root, shown

KITS_DIR = "kits"


@dataclass
class _Build:
    """This build's kits and block state (made afresh in on_config: `mkdocs serve` sees edits)."""

    site: kits.KitSite | None = None


_build = _Build()


def _fail(problems: list[Problem]) -> None:
    if problems:
        raise PluginError(f"Bad hiring kit or kit block:\n{ProblemError(problems)}")


@event_priority(languages.AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Register the hiring-kit Markdown block, with the theme's templates in the build's language.

    The i18n plugin runs every build on the same config: the last build's block goes first."""
    language = languages.current(config)
    sources = page_url = language.root + kits.block.SOURCES_PAGE.removesuffix(".md") + ".html"
    if config.site_url:
        page_url = config.site_url.rstrip("/") + "/" + sources
    env = config.theme.get_env()
    interface_text.install(env, languages.catalogue(config))
    _build.site = kits.KitSite(kits={}, checklist=None, env=env, sources_url=page_url, language=language.code,
                               kit_page=lambda kit_id: language.page_source(kits.page_of(kit_id)))
    config.markdown_extensions[:] = [e for e in config.markdown_extensions
                                     if not isinstance(e, kits.HiringKitExtension)]
    config.markdown_extensions.append(kits.HiringKitExtension(site=_build.site))  # type: ignore[arg-type]
    return config


def load_edition(config: MkDocsConfig) -> tuple[dict[str, kits.Kit], kits.Checklist, list[Problem]]:
    """The kits and checklist in the build's language, and how each translation differs from
    its original. The default language's build (the first) reads and checks every
    translation; a later language's build reads its own kits only (docs/kits/<code>/).
    The flows hook calls it too (the kits are parsed once: cached by their bytes)."""
    folder = Path(config.docs_dir) / KITS_DIR
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


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Read and check every kit and the posting checklist (in the build's language), and in
    the default language's build every translation's structure."""
    assert _build.site is not None
    try:
        _build.site.kits, _build.site.checklist, translation = load_edition(config)
    except ProblemError as error:
        raise PluginError(f"Bad hiring kit:\n{error}") from None
    if translation:
        raise PluginError(f"A translated hiring kit differs from its original:\n{ProblemError(translation)}")
    return None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Tell the block which page it is on, so links and assets resolve from there."""
    assert _build.site is not None
    _build.site.page = page_context(markdown, page, config, files)
    _build.site.problems.clear()
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Stop at the first page whose kit block is wrong."""
    assert _build.site is not None
    _fail(_build.site.problems)
    return None


def on_env(env: object, *, config: MkDocsConfig, files: Files) -> None:
    """Every page is converted: each kit must be on its page, each cited source on the sources page."""
    assert _build.site is not None
    _fail(_build.site.placement_problems())
    sources = files.get_file_from_path(kits.block.SOURCES_PAGE)
    anchors = sources.page.present_anchor_ids if sources and sources.page else None
    _fail(_build.site.source_problems(set(anchors or ())))
