"""Render the link-preview image (og:image) from scripts/social_card/card.html.

    .venv/bin/python scripts/social_card.py

Writes docs/assets/images/social-card.png (1200 x 630 px, the size Open Graph
previews use), which is committed; the build only copies it. Uses Debian's Chromium
through Playwright, as the tests do.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "scripts" / "social_card" / "card.html"
TARGET = ROOT / "docs" / "assets" / "images" / "social-card.png"
SIZE = {"width": 1200, "height": 630}


def main() -> None:
    """Screenshot the card at its exact size."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport=SIZE)
        page.goto(SOURCE.as_uri())
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(TARGET))
        browser.close()
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
