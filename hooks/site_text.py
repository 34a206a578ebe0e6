"""Hook: the interface text of the language being built, and its parity check.

Templates print their English text through gettext (`{{ _("Outcome") }}`); this hook
gives the page templates' environment the catalogue of the build's language
(i18n/fr.yml for French; English prints as written) and stops the build when a
catalogue misses a text a template asks for, holds one nothing uses, or breaks a
placeholder: the file and the key are in the message. The logic is interface_text.py.
"""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from guide.core import rendered
from guide.languages import interface_text
from guide.mkdocs_build import languages

TEMPLATES = "overrides"


@event_priority(languages.AFTER_I18N)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Check every catalogue against the templates, once per build of the whole site (in
    the default language's build, which comes first)."""
    if not languages.current(config).default:
        return None
    root = languages.project_root(config)
    messages = interface_text.template_messages(root / TEMPLATES, root, cache=root / rendered.FOLDER)
    problems: list[str] = []
    for language in languages.languages(config):
        if language.default:
            continue
        path = interface_text.catalogue_path(root, language.code)
        try:
            catalogue = interface_text.load_catalogue(path, str(path.relative_to(root)))
        except ValueError as error:
            problems.append(str(error))
            continue
        problems += interface_text.catalogue_problems(messages, catalogue, str(path.relative_to(root)))
    if problems:
        raise PluginError("Interface text missing or wrong in a language:\n" + "\n".join(problems))
    return None


def on_env(env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
    """Page templates print the build language's text."""
    interface_text.install(env, languages.catalogue(config))
    return env
