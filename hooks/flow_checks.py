"""MkDocs hook: the checks across the whole site for the "which role?" flows.

The flows reach the pages through the Markdown extension `guide.flows.markdown_ext`
(mkdocs.yml, markdown_extensions). What no single page can check is here, and turns the
library's problems into `PluginError`s, with file, line, node and fix:

- before any page (on_files): every flow of the build's language reads and validates; every
  outcome link points at a published page; every hiring kit an outcome names exists; and, in
  the default language's build, every translation has its original's structure
  (`guide.flows.translation_problems`), so one result link means the same route in both;
- once every page is converted (on_env): every flow is shown by some page, and every link to
  an id on a page names an id the built page has (in its Markdown or in the HTML a block put
  there, such as a hiring kit's parts).

The i18n plugin builds the site once per language; a translated flow lives in a folder named
for its language (docs/decide/flows/fr/hiring.yml).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from guide import flows, kits
from guide.core import html_ids
from guide.core.problems import Problem, ProblemError
from guide.flows import site_checks
from guide.mkdocs_build import languages
from guide.mkdocs_build.languages import project_root
from guide.mkdocs_build.pages import shown


def _fail(heading: str, problems: list[Problem]) -> None:
    if problems:
        raise PluginError(f"{heading}:\n{ProblemError(problems)}")


def _load(config: MkDocsConfig) -> tuple[dict[str, flows.Flow], list[Problem]]:
    """The flows in the build's language, and how each translation's structure differs from
    its original. The default language's build (the first) checks every translation; a
    later language's build reads its own flows only."""
    folder = Path(config.docs_dir) / flows.FLOWS_DIR
    language = languages.current(config)
    if not language.default:
        return flows.load_flows(folder / language.code, display_root=project_root(config)), []
    originals = flows.load_flows(folder, display_root=project_root(config))
    problems: list[Problem] = []
    for other in languages.languages(config):
        if not other.default:
            translated = flows.load_flows(folder / other.code, display_root=project_root(config))
            problems += flows.translation_problems(originals, translated, shown(config, folder / other.code))
    return originals, problems


def _flows(config: MkDocsConfig) -> dict[str, flows.Flow]:
    """The flows in the build's language (read in on_files: cached), without the translation check."""
    folder = Path(config.docs_dir) / flows.FLOWS_DIR
    language = languages.current(config)
    try:
        return flows.load_flows(folder if language.default else folder / language.code,
                                display_root=project_root(config))
    except ProblemError as error:
        raise PluginError(f"Bad decision tree:\n{error}") from None


@event_priority(languages.AFTER_I18N)
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Read and validate every flow (in the build's language), every page an outcome links to,
    and every kit an outcome names."""
    try:
        found, translation = _load(config)
    except ProblemError as error:
        raise PluginError(f"Bad decision tree:\n{error}") from None

    def is_page(path: str) -> bool:
        file = files.get_file_from_path(path)
        return file is not None and file.is_documentation_page() and file.inclusion.is_included()

    _fail("Bad decision tree or flow block", site_checks.link_problems(found, is_page))
    _fail("A translated flow differs from its original", translation)
    # The kits in the build's language: an outcome's link reads "Hiring kit: <role>" with the
    # role as the kit's translation names it.
    language = languages.current(config)
    kit_folder = Path(config.docs_dir) / kits.KITS_DIR
    try:
        known, _ = kits.load_kits(kit_folder if language.default else kit_folder / language.code,
                                  display_root=project_root(config))
    except ProblemError as error:
        raise PluginError(f"Bad hiring kit:\n{error}") from None
    targets = {kit_id: flows.KitTarget(kit.role_in_text, kits.page_of(kit_id)) for kit_id, kit in known.items()}
    _fail("Bad decision tree or flow block", site_checks.kit_problems(found, targets))
    return None


def on_env(env: object, *, config: MkDocsConfig, files: Files) -> None:
    """Every page has been converted by now: a flow no page shows is a mistake, and so is a
    link to an id its page does not have."""
    found = _flows(config)
    contents = [file.page.content or "" for file in files.documentation_pages() if file.page is not None]
    shown_ids = {flow_id for flow_id in found if any(f'data-flow="{flow_id}"' in html for html in contents)}
    _fail("Bad decision tree or flow block", site_checks.unshown_problems(found, shown_ids))

    read: dict[str, set[str] | None] = {}

    def anchors_of(page: str) -> set[str] | None:
        """The ids of the built page: MkDocs' list from its Markdown, and those in the HTML that
        blocks put in whole (a hiring kit's parts), which that list misses."""
        if page not in read:
            file = files.get_file_from_path(page)  # in a translation's build: the page's twin
            read[page] = (set(file.page.present_anchor_ids or ()) | html_ids.ids_in(file.page.content or "")
                          if file and file.page else None)
        return read[page]

    _fail("Bad decision tree or flow block", site_checks.anchor_problems(found, anchors_of))
