"""The translation memory: units, the fuzzy index over them, TMX in and out.

Owns the unit values and their ranking (``units``), the in-process trigram index with
rapidfuzz ranking (``index``), the streaming TMX reader and writer (``tmx``) and the
process's cache of the index (``cache``). Imports ``workflow.text.clean``, ``workflow.errors`` and
the store's unit reader; never the services or the web.
"""
