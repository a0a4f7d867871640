"""Sentence alignment of an original and its published translation.

Owns the aligner (banded dynamic programming over 0-1/1-0/1-1/1-2/2-1 beads with posteriors),
its anchors (numbers, Latin tokens, names, quotes), the lexicon and its shipped data
(``data/``), the JSON Lines command, and editing stored beads. Pure Python: imports
``workflow.errors``, ``workflow.model``, ``workflow.numbers`` and the standard library; never
the store, the services or the web.
"""
