"""Language-level text: sentence segmentation, word diffs, locales and what text may contain.

Owns the Korean and English sentence splitters, word-level diffs for history and memory
matches, locale parsing with Babel, and the one place that says which characters and how much
text may enter the desk. Imports ``workflow.errors``, ``workflow.model`` and third-party
language libraries; nothing else of the project.
"""
