"""The print document as HTML: the Jinja templates in `overrides/pdf/` (cover, contents,
pages), rendered with autoescaping, and what the cover says about the build."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import babel.dates
import jinja2

from guide.languages import interface_text


@dataclass(frozen=True)
class BuildStamp:
    """What the cover says about this build."""

    date: str  # e.g. "22 November 2026"
    iso_date: str  # e.g. "2026-11-22"
    version: str | None  # short commit id, when the sources are a git checkout


def build_stamp(root: Path, now: dt.datetime | None = None, locale: str = "en") -> BuildStamp:
    """Date (SOURCE_DATE_EPOCH if set, for reproducible builds), written in `locale`
    ("30 November 2026", "30 novembre 2026"), and git commit of the build."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        now = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
               else dt.datetime.now(dt.UTC))
    try:
        version = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True,
        ).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        version = None  # not a git checkout (a zip of the sources): the date alone
    return BuildStamp(date=babel.dates.format_date(now.date(), "d MMMM y", locale=locale),
                      iso_date=f"{now:%Y-%m-%d}", version=version)


def render_document(template_dirs: Sequence[str | Path], template: str, /, *,
                    gettext_catalogue: Mapping[str, str] | None = None, **context: Any) -> str:
    """Render a print template (`pdf/document.html`) to HTML with autoescaping.

    Every value is escaped unless it is `Markup` (only `PrintPage.body` is), so text
    from the sources, e.g. a flow outcome titled `A <!-- B` or `<link ...>`, prints as
    those characters and never becomes an element or a comment of the document. A
    heading's text taken with `get_text()` (which decodes `&lt;` to `<`) is printed escaped.
    A fresh environment, not the theme's: its compiled templates do not autoescape.
    The templates' `_()` text comes from gettext_catalogue (none: English as written).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
    )
    interface_text.install(env, gettext_catalogue or {})
    return env.get_template(template).render(**context)
