"""MkDocs hook: the checks across the whole site for the "Check a job ad" tool.

The tool reaches its page through the Markdown extension `guide.job_ads.markdown_ext`. What no
single page can check is here, turning the library's problems into `PluginError`s with file,
line and rule:

- before any page (on_files): the rules and the posting checklist of the build's language read
  and validate; every posting question cites checklist rules that exist, every role's kit exists;
  in the default language's build, each translation (docs/job-ads/<code>/rules.yml) has its
  original's ids, labels, weights and questions;
- once every page is converted (on_env): a page shows the checker (rules nothing uses are an error).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from guide import job_ads, kits
from guide.core.problems import Problem, ProblemError
from guide.mkdocs_build import languages
from guide.mkdocs_build.languages import project_root


def _problems(config: MkDocsConfig) -> list[Problem]:
    docs, root = Path(config.docs_dir), project_root(config)
    language = languages.current(config)
    code = None if language.default else language.code
    rules, checklist = job_ads.load_edition(docs, code, root)
    found, _ = kits.load_kits(docs / kits.KITS_DIR / (code or ""), display_root=root)
    problems = job_ads.reference_problems(rules, checklist, found)
    if language.default:
        for other in languages.languages(config):
            if not other.default:
                translated, _ = job_ads.load_edition(docs, other.code, root)
                problems += job_ads.translation_problems(rules, translated)
    return problems


@event_priority(languages.AFTER_I18N)
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Read and check the rules of the build's language, and the translations' structure."""
    try:
        problems = _problems(config)
    except ProblemError as error:
        raise PluginError(f"Bad job-ad checker rules:\n{error}") from None
    if problems:
        raise PluginError(f"Bad job-ad checker rules:\n{ProblemError(problems)}")
    return None


def on_env(env: object, *, config: MkDocsConfig, files: Files) -> None:
    """Every page is converted: one of them must show the checker."""
    if not any(file.page and "data-jobad-rules" in (file.page.content or "") for file in files.documentation_pages()):
        raise PluginError("Bad job-ad checker rules:\n" + str(ProblemError([Problem(
            f"docs/{job_ads.RULES_DIR}/{job_ads.RULES_FILE}", 1, "", "no page shows the job-ad checker.",
            f"put '/// {job_ads.BLOCK_NAME} | rules' and a closing '///' on docs/hiring/check-job-ad.md.")])))
