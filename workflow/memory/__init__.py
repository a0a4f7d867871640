"""The translation memory: units, the fuzzy index over them, TMX in and out.

Owns the unit values and their ranking (``units``), the trigram index with rapidfuzz
ranking (``index`` over ``postings``; ``encode`` turns units into its arrays), its
snapshots on disk, shared by every process of a server (``snapshot``), the process's view
— snapshot plus a tail of newer units, removals applied (``cache``) — and the streaming TMX
reader and writer (``tmx``). Imports ``workflow.text.clean``, ``workflow.errors`` and
the store's unit reader; never the services or the web.
"""
