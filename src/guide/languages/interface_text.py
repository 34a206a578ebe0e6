"""The interface text our templates print, in each language (no MkDocs import).

Templates under overrides/ write their English text as gettext calls, `{{ _("Outcome") }}`
or `{{ _("Step %(step)s of at most %(total)s") }}` (Jinja's i18n extension, newstyle), so
they stay readable; the strings flow.js prints are passed to it the same way, as JSON on
the flow. Each other language has a catalogue, `i18n/<code>.yml`: a YAML mapping from
each English text to its translation. `catalogue_problems` is the parity check: every
text a template asks for has a translation, no translation is left over, and a
translation keeps its placeholders and holds no markup (it is printed as trusted text).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import types
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from guide.core.problems import Problem

CATALOGUE_DIR = "i18n"
# libyaml's safe loader when PyYAML has it (about 20 times faster), else the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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


def load_catalogue(path: Path) -> dict[str, str]:
    """A catalogue as {English: translation}; raises ValueError naming the file when it is not one."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)
    except OSError as error:
        raise ValueError(f"{path}: cannot be read ({error.strerror}).") from None
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: is not valid YAML ({error}).") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ValueError(f"{path}: must be a mapping of English text to translated text, both strings.")
    return data


def template_messages(template_dir: Path, root: Path) -> list[Message]:
    """Every gettext text in the templates under template_dir, with file and line."""
    sources = []
    for path in sorted(template_dir.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        if "_(" in source or "gettext(" in source:  # no text to translate: skip it (Material's copies are large)
            sources.append((str(path.relative_to(root)), source))
    return list(_extract(tuple(sources)))


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
        if text not in catalogue:
            problems.append(f"{file}: no translation of \"{text}\" (used in {message.file}:{message.line}). "
                            f"Add it as a key with its translation.")
    for text, translation in catalogue.items():
        if text not in wanted:
            problems.append(f"{file}: \"{text}\" is used by no template. Remove it (or fix its English).")
            continue
        if not translation:
            problems.append(f"{file}: \"{text}\" has an empty translation.")
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(translation)):
            problems.append(f"{file}: \"{text}\": the translation must keep the placeholders "
                            f"{sorted(set(PLACEHOLDER.findall(text))) or 'none'} exactly.")
        if NOT_TEXT.search(translation):
            problems.append(f"{file}: \"{text}\": the translation holds < > & or a straight double quote; "
                            "write plain text (« » for quotes).")
    return problems


def install(env: jinja2.Environment, catalogue: Mapping[str, str]) -> None:
    """Give env `_()`/`gettext()` that translate with catalogue (empty: English as written)."""
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")

    def gettext(text: str) -> str:
        return catalogue.get(text, text)

    def ngettext(singular: str, plural: str, number: int) -> str:
        return gettext(singular if number == 1 else plural)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)


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
    env.add_extension("jinja2.ext.i18n")

    def gettext(text: str) -> str:
        return _SPOKEN.get().get(text, text)

    def ngettext(singular: str, plural: str, number: int) -> str:
        return gettext(singular if number == 1 else plural)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    return env


def catalogue_of(catalogues: Path, language: str | None) -> Mapping[str, str]:
    """The interface text of `language` (catalogues/<language>.yml; {} for the default
    language), read once per text of the file. Raises ValueError naming a catalogue that is
    missing or not one."""
    if not language:
        return {}
    path = catalogues / f"{language}.yml"
    try:
        text = path.read_bytes()
    except OSError as error:
        raise ValueError(f"{path}: cannot be read ({error.strerror}).") from None
    return _catalogue(str(path), text)


@functools.lru_cache(maxsize=8)
def _catalogue(path: str, text: bytes) -> Mapping[str, str]:
    return types.MappingProxyType(load_catalogue(Path(path)))


def page_catalogue(catalogues: Path, language: str | None, problems: list[Problem]) -> Mapping[str, str]:
    """`catalogue_of`, for a page being converted: a catalogue missing or broken is added to
    `problems`, and the page then prints the default language's text."""
    try:
        return catalogue_of(catalogues, language)
    except ValueError as error:
        problems.append(Problem(str(catalogues / f"{language}.yml"), 1, "", str(error),
                                "write the catalogue of the page's language (README, 'Interface text')."))
        return {}
