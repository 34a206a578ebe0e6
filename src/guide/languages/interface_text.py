"""The interface text our templates print, in each language (no MkDocs import).

Templates under overrides/ write their English text as gettext calls, `{{ _("Outcome") }}`
or `{{ _("Step %(step)s of at most %(total)s", step=n, total=t) }}` (Jinja's i18n extension's
`_()`, with our own gettext: only `%(name)s` is a placeholder, any other `%` is a character), so
they stay readable; the strings flow.js prints are passed to it the same way, as JSON on
the flow. Each other language has a catalogue, `i18n/<code>.yml`: a YAML mapping from
each English text to its translation. `catalogue_problems` is the parity check: every
text a template asks for has a translation, no translation is left over, and a
translation keeps its placeholders and holds no markup (it is printed as trusted text).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import json
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from guide.core import rendered
from guide.core.folders import read_bytes, shown_path
from guide.core.problems import Problem, ProblemError
from guide.core.yaml_source import Map, decode, read_yaml

CATALOGUE_DIR = "i18n"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Markup characters a translation may not hold: it is printed unescaped, like template text.
NOT_TEXT = re.compile(r"[<>&\"]")


@dataclass(frozen=True)
class Message:
    """One text a template asks for: where (file relative to the project, line) and what."""

    file: str
    line: int
    text: str


def catalogue_path(root: Path, code: str) -> Path:
    """The catalogue of one language: i18n/fr.yml."""
    return root / CATALOGUE_DIR / f"{code}.yml"


class CatalogueError(ValueError):
    """A catalogue that cannot be read or is not one; `problems` name its file and lines."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        error = ProblemError(problems)
        self.problems = error.problems
        super().__init__(str(error))


def load_catalogue(path: Path, shown: str | None = None) -> dict[str, str]:
    """A catalogue as {English: translation} (a `Map`: `.lines` has each key's line); raises
    CatalogueError naming the file (as `shown`) and the line when it is not one."""
    file = shown or str(path)
    try:
        return parse_catalogue(read_bytes(path, file), file)
    except ProblemError as error:
        raise CatalogueError(error.problems) from None


def parse_catalogue(raw: bytes, file: str) -> dict[str, str]:
    """A catalogue from its bytes, through the data files' one reader (`core.yaml_source`):
    UTF-8 only, no control or bidirectional characters (typed or escaped), no key given twice,
    each problem at its line. Raises CatalogueError."""
    try:
        data = read_yaml(decode(raw, file), file)
    except ProblemError as error:
        raise CatalogueError(error.problems) from None
    if not isinstance(data, Map):
        raise CatalogueError([Problem(file, getattr(data, "line", 1), "", "the catalogue must be a mapping of "
                                      "English text to translated text, both strings.",
                                      "write one 'English text: translation' per line.")])
    problems = [Problem(file, data.lines[key], "", f"the translation of \"{key}\" is not text.",
                        "write the translation as text (in quotes if it looks like a number, true/false or null).")
                for key, value in data.items() if not isinstance(value, str)]
    if problems:
        raise CatalogueError(problems)
    return data


def template_messages(template_dir: Path, root: Path, cache: Path | None = None) -> list[Message]:
    """Every gettext text in the templates under template_dir, with file and line. With a
    `cache` folder, the list is kept there between builds as JSON, keyed by every template's
    text (`guide.core.rendered`): reading them all with Jinja's parser is most of the check."""
    sources = []
    for path in sorted(template_dir.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        if "_(" in source or "gettext(" in source:  # no text to translate: skip it (Material's copies are large)
            sources.append((str(path.relative_to(root)), source))
    listed = rendered.remembered(cache, ["template messages", *(part for pair in sources for part in pair)],
                                 lambda: json.dumps([dataclasses.astuple(m) for m in _extract(tuple(sources))]))
    return [Message(file, line, text) for file, line, text in json.loads(listed)]


@functools.lru_cache(maxsize=4)
def _extract(sources: tuple[tuple[str, str], ...]) -> tuple[Message, ...]:
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])  # noqa: S701 (reads the texts, renders nothing)
    found: list[Message] = []
    for shown, source in sources:
        for line, _function, found_text in env.extract_translations(source):
            # A call with keyword arguments comes as (text, None, ...).
            text = found_text[0] if isinstance(found_text, tuple) else found_text
            if isinstance(text, str):
                found.append(Message(shown, line, text))
    return tuple(found)


def catalogue_problems(messages: Iterable[Message], catalogue: Mapping[str, str], file: str) -> list[str]:
    """The catalogue's gaps: a text with no translation, a translation nothing uses, a
    placeholder lost or added, markup in a translation. Each names the file and the key."""
    messages = list(messages)
    problems = []
    wanted: dict[str, Message] = {}
    for message in messages:
        wanted.setdefault(message.text, message)
    for text, message in wanted.items():
        if "%%" in text:
            problems.append(f"{message.file}:{message.line}: \"{text}\" doubles a '%'. A '%' is printed as it is "
                            "(only %(name)s is filled in): write one.")
        if text not in catalogue:
            problems.append(f"{file}: no translation of \"{text}\" (used in {message.file}:{message.line}). "
                            f"Add it as a key with its translation.")
    lines = getattr(catalogue, "lines", {})  # a catalogue as read (a Map) knows each key's line
    for text, translation in catalogue.items():
        where = f"{file}:{lines[text]}" if text in lines else file
        if text not in wanted:
            problems.append(f"{where}: \"{text}\" is used by no template. Remove it (or fix its English).")
            continue
        if not translation:
            problems.append(f"{where}: \"{text}\" has an empty translation.")
        if "%%" in translation and "%%" not in text:
            problems.append(f"{where}: \"{text}\": the translation doubles a '%'. A '%' is printed as it is: write one.")
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(translation)):
            problems.append(f"{where}: \"{text}\": the translation must keep the placeholders "
                            f"{sorted(set(PLACEHOLDER.findall(text))) or 'none'} exactly.")
        if NOT_TEXT.search(translation):
            problems.append(f"{where}: \"{text}\": the translation holds < > & or a straight double quote; "
                            "write plain text (« » for quotes).")
    return problems


def translated(text: str, variables: Mapping[str, Any], *, autoescape: bool) -> str:
    """An interface text (already in the page's language) with each `%(name)s` replaced by its
    value, and nothing else read: a `%` is a character ("100 % hors ligne"), never a format.
    Under autoescaping the text is trusted (the template's own, or a translation checked to
    hold no markup) and each value is escaped, as Jinja's newstyle gettext does."""
    if autoescape:
        # Trusted as Jinja's own gettext trusts it: template text, or a translation that
        # catalogue_problems keeps free of < > & and straight quotes.
        filled = PLACEHOLDER.sub(lambda m: str(escape(variables[m.group(1)])), text)
        return Markup(filled)  # noqa: S704 (template or checked catalogue text; each value escaped)
    return PLACEHOLDER.sub(lambda m: str(variables[m.group(1)]), text)


def _install_lookup(env: jinja2.Environment, lookup: Callable[[str], str]) -> None:
    """`_()`, `gettext()` and `ngettext()` in env's templates, translating with `lookup` and
    filling placeholders with `translated` (not Jinja's newstyle gettext, whose `%` formatting
    ends a page on a translation such as "100 % hors ligne")."""
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, text: str, **variables: Any) -> str:
        return translated(lookup(text), variables, autoescape=context.eval_ctx.autoescape)

    @jinja2.pass_context
    def ngettext(context: jinja2.runtime.Context, singular: str, plural: str, number: int, **variables: Any) -> str:
        variables.setdefault("num", number)
        return translated(lookup(singular if number == 1 else plural), variables,
                          autoescape=context.eval_ctx.autoescape)

    env.install_gettext_callables(gettext, ngettext, newstyle=False)


def install(env: jinja2.Environment, catalogue: Mapping[str, str]) -> None:
    """Give env `_()`/`gettext()` that translate with catalogue (empty: English as written)."""
    _install_lookup(env, lambda text: catalogue.get(text, text))


_SPOKEN: contextvars.ContextVar[Mapping[str, str]] = contextvars.ContextVar(
    "interface_text", default=types.MappingProxyType({}))


@contextlib.contextmanager
def speaking(catalogue: Mapping[str, str]) -> Iterator[None]:
    """Templates of a `shared_environment` print `catalogue`'s text inside this block (the
    language of the page being rendered), and the default language's outside it."""
    token = _SPOKEN.set(catalogue)
    try:
        yield
    finally:
        _SPOKEN.reset(token)


@functools.lru_cache(maxsize=8)
def shared_environment(templates: Path) -> jinja2.Environment:
    """One Jinja environment over `templates` for every language, so each template is
    compiled once per build, not once per language: its `_()` prints the text of the
    catalogue the caller is `speaking`."""
    # Autoescaping: the callers render through strict_env, which turns it on.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), auto_reload=True)  # noqa: S701
    _install_lookup(env, lambda text: _SPOKEN.get().get(text, text))
    return env


def catalogue_of(catalogues: Path, language: str | None) -> Mapping[str, str]:
    """The interface text of `language` (catalogues/<language>.yml; {} for the default
    language), read once per text of the file. Raises ValueError naming a catalogue that is
    missing or not one."""
    if not language:
        return {}
    path = catalogues / f"{language}.yml"
    shown = shown_path(path, catalogues.resolve().parent)
    try:
        text = read_bytes(path, shown)
    except ProblemError as error:
        raise CatalogueError(error.problems) from None
    return _catalogue(shown, text)


@functools.lru_cache(maxsize=8)
def _catalogue(path: str, text: bytes) -> Mapping[str, str]:
    return types.MappingProxyType(parse_catalogue(text, path))


def page_catalogue(catalogues: Path, language: str | None, problems: list[Problem]) -> Mapping[str, str]:
    """`catalogue_of`, for a page being converted: a catalogue missing or broken is added to
    `problems`, and the page then prints the default language's text."""
    try:
        return catalogue_of(catalogues, language)
    except CatalogueError as error:
        problems.extend(error.problems)
        return {}
    except ValueError as error:
        problems.append(Problem(str(catalogues / f"{language}.yml"), 1, "", str(error),
                                "write the catalogue of the page's language (README, 'Interface text')."))
        return {}
