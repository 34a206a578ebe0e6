"""The ML-vs-MLOps guide's own libraries: the data behind the site, checked and rendered.

One package per domain, over a shared core:

- `core`:          problems with file and line, the safe YAML reader, schemas, folders, caching,
                   the embed-block base and template rendering
- `flows`:         the "which role?" decision trees
- `kits`:          the hiring kits and the Canadian posting checklist
- `glossary`:      the site-wide glossary of terms
- `languages`:     the editions and the interface text in each language
- `faq`:           FAQPage structured data from the FAQ page
- `pdf`:           the whole site as one PDF
- `mkdocs_build`:  the MkDocs side the hooks share (the only package that imports MkDocs)
"""
