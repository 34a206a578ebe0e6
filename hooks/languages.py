"""The languages of this build, read from mkdocs.yml (the `i18n` plugin's list).

Not a hook: the hooks that print or check text per language import it. The i18n plugin
(mkdocs-static-i18n) builds the whole site once per language on the same config: it sets
`theme.language` at the end of its on_config (priority -100), so a hook that needs the
language reads it in a later event, or in an on_config that runs after the plugin's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

import interface_text

PLUGIN = "i18n"
# Hooks that need the language in on_config run after the plugin's (-100).
AFTER_I18N = -110


@dataclass(frozen=True)
class Language:
    """One edition of the site: `code` (en, fr), its `name` in the switcher, whether it is
    the default (built at the site root) and `root`, its folder in the built site ("" or "fr/")."""

    code: str
    name: str
    default: bool
    root: str

    def page_source(self, source: str) -> str:
        """This language's twin of a docs-relative page of the default language
        (comparison.md -> comparison.fr.md; the default language keeps the name)."""
        if self.default:
            return source
        stem, dot, suffix = source.rpartition(".")
        return f"{stem}.{self.code}.{suffix}" if dot else f"{source}.{self.code}"


def languages(config: MkDocsConfig) -> tuple[Language, ...]:
    """Every built language, the default first; just the theme's language without the plugin."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        code = config.theme.get("language", "en")
        return (Language(code, code, True, ""),)
    found = [Language(lang.locale, lang.name, bool(lang.default), "" if lang.default else f"{lang.locale}/")
             for lang in plugin.config.languages if lang.build]
    return tuple(sorted(found, key=lambda lang: not lang.default))


def current(config: MkDocsConfig) -> Language:
    """The language being built now (valid from the i18n plugin's on_config on)."""
    code = config.theme.get("language", "en")
    for language in languages(config):
        if language.code == code:
            return language
    raise ValueError(f"theme.language '{code}' is not one of the built languages in mkdocs.yml")


def default(config: MkDocsConfig) -> Language:
    """The default language (built at the site root)."""
    return languages(config)[0]


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml."""
    return Path(config.config_file_path or ".").resolve().parent


def catalogue(config: MkDocsConfig) -> dict[str, str]:
    """The interface text of the language being built ({} for the default: templates are in it)."""
    language = current(config)
    if language.default:
        return {}
    return interface_text.load_catalogue(interface_text.catalogue_path(project_root(config), language.code))


def split_source(source: str, codes: set[str]) -> tuple[str, str | None]:
    """(original source, language code or None): faq.fr.md -> (faq.md, fr); faq.md -> (faq.md, None)."""
    stem, dot, suffix = source.rpartition(".")
    base, dot2, code = stem.rpartition(".")
    if dot and dot2 and code in codes:
        return f"{base}.{suffix}", code
    return source, None


def missing_pages(sources: list[str], editions: tuple[Language, ...], docs: str = "docs") -> list[str]:
    """Page parity: every page of the default language has a twin in every other language,
    and no translated page is without its original. One message per gap, naming the file."""
    codes = {language.code for language in editions if not language.default}
    present = set(sources)
    originals = {split_source(s, codes)[0] for s in sources if split_source(s, codes)[1] is None}
    problems = []
    for source in sorted(originals):
        for language in editions:
            twin = language.page_source(source)
            if not language.default and twin not in present:
                problems.append(f"{docs}/{source} has no {language.name} twin: add {docs}/{twin} "
                                f"(the page translated; README, 'French edition').")
    for source in sorted(present):
        original, code = split_source(source, codes)
        if code is not None and original not in originals:
            problems.append(f"{docs}/{source} translates {docs}/{original}, which does not exist: "
                            "rename it after its original or remove it.")
    return problems


def untranslated_titles(nav: list, translations: dict[str, str] | None, language: Language,
                        file: str = "mkdocs.yml") -> list[str]:
    """Every nav title (pages and sections) needs an entry in the language's nav_translations."""
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, dict):
                for title, target in item.items():
                    titles.append(title)
                    if isinstance(target, list):
                        walk(target)

    walk(nav or [])
    known = translations or {}
    return [f"{file}: plugins.i18n.languages[{language.code}].nav_translations has no '{title}'. "
            "Add the title's translation." for title in dict.fromkeys(titles) if title not in known]
