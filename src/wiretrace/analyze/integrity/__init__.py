"""Integrity detectors: pure functions that find what does not belong in an article.

Each module holds one flag family; ``wiretrace.analyze.stages.flags`` wires them into stages.
"""
