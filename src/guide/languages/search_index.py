"""One search index per language: the search plugin writes one index of every edition's
pages, and each edition's search must find its own pages only."""

from __future__ import annotations

from typing import Any


def split_index(index: dict[str, Any], roots: dict[str, str]) -> dict[str, dict[str, Any]]:
    """{root: index} from one index of every language: each entry goes to the language
    whose root starts its location ("" takes the rest), relative to that root."""
    by_root: dict[str, list[dict[str, Any]]] = {root: [] for root in roots}
    ordered = sorted((r for r in roots if r), key=len, reverse=True)
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        root = next((r for r in ordered if location.startswith(r)), "")
        by_root.setdefault(root, []).append({**doc, "location": location[len(root):]})
    return {root: {**index, "config": {**index.get("config", {}), "lang": [roots[root]]}, "docs": docs}
            for root, docs in by_root.items()}
