"""The shared core every data package builds on (no MkDocs import):

- `problems`:    a `Problem` names file, line, place, what is wrong and the fix; `ProblemError` lists them
- `yaml_source`: YAML 1.2 core data that knows its lines, with limits against hostile input
- `schema`:      JSON Schema validation, one problem with line and fix per violation
- `folders`:     a folder of YAML data files, each through its loader, every problem at once
- `cache`:       what a build keeps for the next one, in a private per-user folder
- `memory`:      the garbage collector paused while large data is read or rendered
- `blocks`:      the base of the Markdown blocks that embed generated content in a page
- `templates`:   the strict, autoescaping Jinja environment all HTML and text is rendered in
"""
