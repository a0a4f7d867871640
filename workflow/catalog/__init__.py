"""Catalog files: an article × locale as gettext PO/MO and XLIFF, and what comes back.

Owns PO/MO writing and reading (the only package that imports polib), XLIFF 1.2/2.0, the
registry of catalog formats, the three-way merge of an uploaded catalog, and the
msgmerge-like plan for a corrected original. Imports ``workflow.model``, ``workflow.states``,
``workflow.text.clean``, ``workflow.keys``, ``workflow.errors`` and ``workflow.registry``; never the
store, the services or the web.
"""
