"""Who said what: quotation marks, reporting cues, reported speech and speaker resolution.

Small rule modules used by the ``quotes.v1`` and ``speakers.v1`` stages; each reads the one spaCy
``Doc`` the pipeline made and never parses again.
"""
