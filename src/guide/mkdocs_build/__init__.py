"""The MkDocs side that the hooks share, and the only package here that imports MkDocs: the
languages of the build read from mkdocs.yml (`languages`) and the page being converted
(`pages`). The libraries it feeds (`guide.flows`, `guide.kits`, ...) know nothing of MkDocs."""
