"""guide.core.rendered: rendered HTML kept between builds, as text keyed by what made it."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from guide.core import rendered

pytestmark = pytest.mark.unit


class Renderer:
    """A render function that counts its calls."""

    def __init__(self, text: str = "<p>rendered</p>") -> None:
        self.text, self.calls = text, 0

    def __call__(self) -> str:
        self.calls += 1
        return self.text


def test_no_folder_renders_every_time() -> None:
    render = Renderer()
    assert rendered.remembered(None, ["a"], render) == render.text
    assert rendered.remembered(None, ["a"], render) == render.text
    assert render.calls == 2


def test_same_inputs_are_rendered_once_and_others_again(tmp_path: Path) -> None:
    render = Renderer("<p>é – ok</p>")
    assert rendered.remembered(tmp_path, ["flow", "page"], render) == "<p>é – ok</p>"
    assert rendered.remembered(tmp_path, ["flow", "page"], render) == "<p>é – ok</p>"
    assert render.calls == 1
    rendered.remembered(tmp_path, ["flow", "other page"], render)
    rendered.remembered(tmp_path, ["flow", "page", ""], render)  # one more part is another key
    assert render.calls == 3


def test_a_damaged_entry_is_rendered_again(tmp_path: Path) -> None:
    render = Renderer()
    rendered.remembered(tmp_path, ["x"], render)
    [entry] = tmp_path.glob("*.html")
    entry.write_bytes(b"\xff\xfe not UTF-8")
    assert rendered.remembered(tmp_path, ["x"], render) == render.text
    assert render.calls == 2
    assert entry.read_text(encoding="utf-8") == render.text


def test_a_folder_that_cannot_be_written_still_renders(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    render = Renderer()
    assert rendered.remembered(blocked / "cache", ["x"], render) == render.text
    assert rendered.remembered(blocked / "cache", ["x"], render) == render.text
    assert render.calls == 2


def test_old_entries_are_pruned_and_used_ones_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rendered, "MAX_ENTRIES", 3)
    for i in range(3):
        rendered.remembered(tmp_path, [str(i)], Renderer(str(i)))
    oldest = min(tmp_path.glob("*.html"), key=lambda path: path.stat().st_mtime)
    os.utime(oldest, (1, 1))
    rendered.remembered(tmp_path, ["new"], Renderer("new"))
    assert len(list(tmp_path.glob("*.html"))) == 3
    assert not oldest.exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_templates_digest_follows_every_template(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "a.html").write_text("{{ x }}", encoding="utf-8")
    (tmp_path / "partials" / "included.html").write_text("one", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True)
    before = rendered.templates_digest(env)
    assert rendered.templates_digest(env) == before
    (tmp_path / "partials" / "included.html").write_text("two", encoding="utf-8")
    assert rendered.templates_digest(env) != before


def test_the_code_digest_covers_the_package() -> None:
    assert len(rendered.code_digest()) == 64
    assert rendered.code_digest() == rendered.code_digest()


def test_template_messages_are_listed_once_then_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from guide.languages import interface_text

    templates = tmp_path / "overrides"
    templates.mkdir()
    (templates / "page.html").write_text('<p>{{ _("Hello") }}</p>\n{{ _("Step %(n)s", n=1) }}', encoding="utf-8")
    calls = []
    extract = interface_text._extract

    def counted(sources: tuple[tuple[str, str], ...]) -> tuple[interface_text.Message, ...]:
        calls.append(sources)
        return extract.__wrapped__(sources)

    monkeypatch.setattr(interface_text, "_extract", counted)
    cache = tmp_path / "cache"
    first = interface_text.template_messages(templates, tmp_path, cache=cache)
    assert first == [interface_text.Message("overrides/page.html", 1, "Hello"),
                     interface_text.Message("overrides/page.html", 2, "Step %(n)s")]
    assert interface_text.template_messages(templates, tmp_path, cache=cache) == first
    assert len(calls) == 1
    (templates / "page.html").write_text('{{ _("Bye") }}', encoding="utf-8")
    assert [m.text for m in interface_text.template_messages(templates, tmp_path, cache=cache)] == ["Bye"]
    assert len(calls) == 2
