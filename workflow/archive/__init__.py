"""The bilingual archive: which published English article translates which Korean original.

``documents.py`` reads what a file carries for pairing (links, ids in URLs, dates; figures,
Latin tokens, transliterated names and lexicon translations at document level),
``pairing.py`` finds candidates through an inverted index (no N × M alignments), scores them,
and pairs one-to-one above a confidence threshold. Pure Python and numpy: imports
``workflow.errors``, ``workflow.model``, ``workflow.numbers``, ``workflow.alignment`` (its
lexicon and name skeletons) and ``workflow.importers``; never the store, the services or the
web.
"""
