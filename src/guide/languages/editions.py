"""The site's editions (one per language) and the page half of the translation check:
every page has its twin in every language, every nav title its translation. No MkDocs here:
`guide.mkdocs_build.languages` reads the editions from mkdocs.yml."""

from __future__ import annotations

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


def page_language(src_uri: str) -> str | None:
    """The language of a translated page, from its name: faq.fr.md -> "fr" (the i18n plugin's
    suffix structure); None for a page of the default language (faq.md)."""
    stem, dot, _suffix = src_uri.rpartition(".")
    code = stem.rpartition(".")[2] if dot and "." in stem.rpartition("/")[2] else ""
    return code if TRANSLATION_FOLDER.fullmatch(code) else None
