"""overrides/base.html, overrides/partials/nav-item.html and overrides/partials/search.html
are copies of Material's templates with small documented fixes (valid HTML, an accessible
name). If Material changes (an upgrade), these tests fail: re-copy the file and re-apply the
fixes its header lists."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from conftest import ROOT

pytestmark = pytest.mark.unit

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"

# (our copy, Material's original, [(original text, our text), ...]) - each fix exactly once.
COPIES = [
    ("base.html", [
        (' id="__drawer" autocomplete="off">', ' id="__drawer">'),
        (' id="__search" autocomplete="off">', ' id="__search">'),
        ('content="{{ page.meta.description }}"', 'content="{{ page.meta.description | e }}"'),
        ('content="{{ config.site_description }}"', 'content="{{ config.site_description | e }}"'),
        ('content="{{ page.meta.author }}"', 'content="{{ page.meta.author | e }}"'),
        ('content="{{ config.site_author }}"', 'content="{{ config.site_author | e }}"'),
        # The French edition: hreflang in the sitemap only; search from the language's root.
        ("""      {% if config.extra.alternate is iterable %}
        {% for alt in config.extra.alternate %}
          <link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t('language')) }}">
        {% endfor %}
      {% endif %}
""", """      {#- Change 3: no <link rel="alternate" hreflang> here (see the top of this file). -#}
"""),
        ('"base": base_url,', '"base": (base_url ~ "/" ~ guide_search_root) if guide_search_root else base_url,'),
    ]),
    ("partials/nav-item.html", [
        (' tabindex="{{ tabindex }}">', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    ]),
    ("partials/search.html", [
        ('data-md-component="search" role="dialog">',
         'data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    ]),
]


def without_header(template: str) -> str:
    """The template after its leading {#- ... -#} comment."""
    assert template.startswith("{#-"), "the copy must start with a comment saying what changed"
    return template[template.index("-#}") + 3:].lstrip("\n")


@pytest.mark.parametrize(("name", "fixes"), COPIES, ids=[name for name, _ in COPIES])
def test_copy_is_materials_template_with_only_the_listed_fixes(name: str, fixes: list[tuple[str, str]]) -> None:
    original = without_header((MATERIAL_TEMPLATES / name).read_text(encoding="utf-8"))
    expected = original
    for before, after in fixes:
        assert before in original, f"Material's {name} changed ({before!r} is gone): re-copy it"
        expected = expected.replace(before, after)
    ours = without_header((ROOT / "overrides" / name).read_text(encoding="utf-8"))
    assert ours == expected, (
        f"overrides/{name} differs from Material's {name} by more than the listed fixes: "
        f"re-copy {MATERIAL_TEMPLATES / name} and re-apply them")
