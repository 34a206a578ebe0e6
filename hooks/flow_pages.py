"""MkDocs hook: puts the YAML decision trees ("guide flows") on the pages that ask for them.

A page asks with a Markdown block, `/// guide-flow | <flow id>` then `///`; the flow is
`docs/decide/flows/<flow id>.yml`. The logic lives in the `decision_tree` package (no
MkDocs there); this module only wires it into the build and turns its problems into
`PluginError`s: flows are read once per build (on_files), each page tells the block where
it is (on_page_markdown), and a page's problems stop the build right after that page.

Languages: the i18n plugin builds the site once per language. A translated flow lives in
a folder named for its language (docs/decide/flows/fr/hiring.yml); a French build shows
it, and every build checks that each translation has its original's structure
(`decision_tree.parity`), so one result link means the same route in both languages.
The flows' interface text comes from the build language's catalogue (i18n/fr.yml).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide import flows
from guide import kits
from guide.languages import interface_text
from guide.mkdocs_build import languages
from guide.mkdocs_build.pages import page_context, project_root, shown

FLOWS_DIR = "decide/flows"
KITS_DIR = "kits"  # hiring kits an outcome may name with `kit:` (hooks/hiring_kits.py shows them)


@dataclass
class _Build:
    """This build's flows and block state (made afresh in on_config: `mkdocs serve` sees edits)."""

    site: flows.FlowSite | None = None


_build = _Build()


def _fail(problems: list[flows.Problem]) -> None:
    if problems:
        raise PluginError(f"Bad decision tree or flow block:\n{flows.ProblemError(problems)}")


@event_priority(languages.AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Register the guide-flow Markdown block, with the theme's templates in the build's language.

    The i18n plugin runs every build on the same config: the last build's block goes first."""
    env = config.theme.get_env()
    interface_text.install(env, languages.catalogue(config))
    _build.site = flows.FlowSite(flows={}, env=env)
    config.markdown_extensions[:] = [e for e in config.markdown_extensions
                                     if not isinstance(e, flows.GuideFlowExtension)]
    config.markdown_extensions.append(flows.GuideFlowExtension(site=_build.site))  # type: ignore[arg-type]
    return config


def _load(config: MkDocsConfig) -> tuple[dict[str, flows.Flow], list[flows.Problem]]:
    """The flows in the build's language, and how each translation's structure differs from
    its original. The default language's build (the first) checks every translation; a
    later language's build reads its own flows only."""
    folder = Path(config.docs_dir) / FLOWS_DIR
    language = languages.current(config)
    if not language.default:
        return flows.load_flows(folder / language.code, display_root=project_root(config)), []
    originals = flows.load_flows(folder, display_root=project_root(config))
    problems: list[flows.Problem] = []
    for other in languages.languages(config):
        if not other.default:
            translated = flows.load_flows(folder / other.code, display_root=project_root(config))
            problems += flows.translation_problems(originals, translated, shown(config, folder / other.code))
    return originals, problems


@event_priority(languages.AFTER_I18N)
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Read and validate every flow (in the build's language), every page an outcome links to,
    and every kit an outcome names."""
    assert _build.site is not None
    try:
        _build.site.flows, translation = _load(config)
    except flows.ProblemError as error:
        raise PluginError(f"Bad decision tree:\n{error}") from None

    def is_page(path: str) -> bool:
        file = files.get_file_from_path(path)
        return file is not None and file.is_documentation_page() and file.inclusion.is_included()

    _fail(_build.site.link_problems(is_page))
    if translation:
        raise PluginError(f"A translated flow differs from its original:\n{flows.ProblemError(translation)}")
    # The kits in the build's language: an outcome's link reads "Hiring kit: <role>" with the
    # role as the kit's translation names it; the page is the English file name, which the
    # build resolves to the reader's language's twin.
    kit_folder = Path(config.docs_dir) / KITS_DIR
    language = languages.current(config)
    try:
        found, _ = kits.load_kits(kit_folder if language.default else kit_folder / language.code,
                                        display_root=project_root(config))
    except flows.ProblemError as error:
        raise PluginError(f"Bad hiring kit:\n{error}") from None
    _build.site.kits = {kit_id: flows.KitTarget(kit.role_in_text, kits.page_of(kit_id)) for kit_id, kit in found.items()}
    _fail(_build.site.kit_problems())
    return None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Tell the block which page it is on, so links and assets resolve from there."""
    assert _build.site is not None
    _build.site.page = page_context(markdown, page, config, files)
    _build.site.problems.clear()
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Stop at the first page whose flow block is wrong."""
    assert _build.site is not None
    _fail(_build.site.problems)
    return None


def on_env(env: object, *, config: MkDocsConfig, files: Files) -> None:
    """Every page has been converted by now: a flow no page shows is a mistake, and so is a
    link to an id its page does not have."""
    assert _build.site is not None
    _fail(_build.site.unshown_problems())

    def anchors_of(page: str) -> set[str] | None:
        file = files.get_file_from_path(page)  # in a translation's build: the page's twin
        return set(file.page.present_anchor_ids) if file and file.page else None

    _fail(_build.site.anchor_problems(anchors_of))
