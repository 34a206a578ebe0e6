"""The site's editions (one per language) and the page half of the translation check:
every page has its twin in every language, every nav title its translation. No MkDocs here:
`guide.mkdocs_build.languages` reads the editions from mkdocs.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guide.core.folders import TRANSLATION_FOLDER


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
                        file: str = "mkdocs.yml", config_text: str = "") -> list[str]:
    """Every nav title (pages and sections) needs an entry in the language's nav_translations.
    Given the config file's text, each problem names the line of the title in the nav and the
    line of the language's nav_translations."""
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
    lines = config_text.splitlines()
    block = _line_of(lines, re.compile(r"^\s*nav_translations\s*:"), after=re.compile(
        rf"^\s*-?\s*locale\s*:\s*['\"]?{re.escape(language.code)}['\"]?\s*$"))
    where = f"{file}:{block}" if block else file
    problems = []
    for title in dict.fromkeys(titles):
        if title in known:
            continue
        line = _line_of(lines, re.compile(rf"^\s*-\s*['\"]?{re.escape(title)}['\"]?\s*:"), after=re.compile(r"^nav\s*:"))
        used = f" (the nav title on {file}:{line})" if line else ""
        problems.append(f"{where}: plugins.i18n.languages[{language.code}].nav_translations has no '{title}'{used}. "
                        "Add the title's translation.")
    return problems


def _line_of(lines: list[str], wanted: re.Pattern[str], after: re.Pattern[str]) -> int:
    """The number of the first line matching `wanted` below the first matching `after`; 0 if none."""
    start = next((i for i, line in enumerate(lines) if after.match(line)), None)
    if start is None:
        return 0
    return next((i + 1 for i in range(start + 1, len(lines)) if wanted.match(lines[i])), 0)


def page_language(src_uri: str) -> str | None:
    """The language of a translated page, from its name: faq.fr.md -> "fr" (the i18n plugin's
    suffix structure); None for a page of the default language (faq.md)."""
    stem, dot, _suffix = src_uri.rpartition(".")
    code = stem.rpartition(".")[2] if dot and "." in stem.rpartition("/")[2] else ""
    return code if TRANSLATION_FOLDER.fullmatch(code) else None
