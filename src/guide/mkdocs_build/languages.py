"""The languages of this build, read from mkdocs.yml (the `i18n` plugin's list).

MkDocs glue shared by the hooks that print or check text per language. The i18n plugin
(mkdocs-static-i18n) builds the whole site once per language on the same config: it sets
`theme.language` at the end of its on_config (priority -100), so a hook that needs the
language reads it in a later event, or in an on_config that runs after the plugin's.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guide.languages import Language, interface_text, missing_pages, split_source, untranslated_titles

PLUGIN = "i18n"
# Hooks that need the language in on_config run after the plugin's (-100).
AFTER_I18N = -110

__all__ = ["AFTER_I18N", "PLUGIN", "Language", "catalogue", "current", "default", "languages", "missing_pages",
           "project_root", "split_source", "untranslated_titles"]


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
