"""MkDocs hook: the site-wide glossary, checked once per build and wired into the pages.

The glossary is the file that `pymdownx.snippets` appends to every page (`auto_append`
in mkdocs.yml, the one place its path is written); Python-Markdown's `abbr` turns its
terms into `<abbr title>` and Material's `content.tooltips` shows them. Each language
has its own file beside it: the French build appends includes/glossary.fr.md instead of
includes/glossary.md (the language's code before `.md`, as for pages). This hook reads
the build language's file once per build (on_config, after the i18n plugin's) and:

- points `auto_append` at the build language's file (the build stops if it is missing);
- stops the build on a bad line or a repeated term, naming file:line;
- hands `abbr` the capitalised and plural forms of the terms (`Drift`, `pipelines`);
- registers the `/// glossary` block (the Glossary page) and focus on each term's first use.

The logic is the `glossary` package next to this file (no MkDocs there).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from guide import glossary
from guide.mkdocs_build import languages

SNIPPETS = "pymdownx.snippets"
# An auto-appended snippet whose file name starts with this is the glossary
# (includes/glossary.md; the French build appends includes/glossary.fr.md instead).
GLOSSARY_PREFIX = "glossary"


def _glossary_name(config: MkDocsConfig) -> str:
    """Point `auto_append` at the build language's glossary and return its path as written.

    mkdocs.yml names the default language's file; the i18n plugin builds every language on
    the same config, so the last build's file (glossary.fr.md) is first turned back into
    the default's name, then into this language's."""
    options = config.mdx_configs.get(SNIPPETS, {})
    appended = list(options.get("auto_append", []))
    named = [at for at, name in enumerate(appended) if PurePosixPath(name).name.startswith(GLOSSARY_PREFIX)]
    if len(named) != 1:
        raise PluginError(f"Glossary: mkdocs.yml must auto-append exactly one {GLOSSARY_PREFIX}*.md file with "
                          f"{SNIPPETS} (auto_append), found {[appended[at] for at in named] or 'none'}.")
    codes = {language.code for language in languages.languages(config) if not language.default}
    original, _ = languages.split_source(appended[named[0]], codes)
    appended[named[0]] = languages.current(config).page_source(original)
    options["auto_append"] = appended
    return appended[named[0]]


def _glossary_file(config: MkDocsConfig) -> tuple[Path, str]:
    """The build language's auto-appended glossary file and its name for messages."""
    name = _glossary_name(config)
    options = config.mdx_configs.get(SNIPPETS, {})
    root = languages.project_root(config)
    for base in options.get("base_path", ["."]):
        path = (root / base / name).resolve()
        if path.is_file():
            try:
                return path, str(path.relative_to(root))
            except ValueError:
                return path, str(path)
    language = languages.current(config)
    raise PluginError(f"Glossary: {name} is not in any {SNIPPETS} base_path"
                      + ("." if language.default else f": the {language.name} pages need their own glossary; "
                         f"write it beside the original (README, 'Glossary')."))


@event_priority(languages.AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read and check the build language's glossary; give `abbr` its other forms; register
    the Markdown side. Runs after the i18n plugin's on_config, which sets the language; the
    plugin builds every language on the same config, so the last build's forms and block go first."""
    path, shown = _glossary_file(config)
    language = languages.current(config)
    try:
        terms = glossary.parse(path.read_text(encoding="utf-8"), shown, language.code)
    except glossary.GlossaryError as error:
        raise PluginError(f"Bad glossary:\n{error}") from None
    abbr = config.mdx_configs.setdefault("abbr", {})
    configured = dict(abbr.get("glossary") or {})
    for previous in [e for e in config.markdown_extensions if isinstance(e, glossary.GlossaryExtension)]:
        for form, definition in previous.getConfig("glossary").variants().items():
            if configured.get(form) == definition:
                del configured[form]
    abbr["glossary"] = {**terms.variants(), **configured}
    config.markdown_extensions[:] = [e for e in config.markdown_extensions
                                     if not isinstance(e, glossary.GlossaryExtension)]
    config.markdown_extensions.append(glossary.GlossaryExtension(glossary=terms))  # type: ignore[arg-type]
    return config
