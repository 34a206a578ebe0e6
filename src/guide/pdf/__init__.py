"""The whole site as one PDF: the built pages assembled into one print document, rendered
with WeasyPrint."""
