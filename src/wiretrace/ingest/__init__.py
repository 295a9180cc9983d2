"""Ingest: files, directories, JSON/JSONL, CSV, WARC, feeds, sitemaps, URLs and stdin to ``RawDocument``."""

from wiretrace.ingest.context import ReadContext
from wiretrace.ingest.raw import RawDocument, UrlRef, decode_bytes
from wiretrace.ingest.readers import KINDS, READERS, read_source, record_to_raw, sniff_kind

__all__ = [
    "KINDS",
    "READERS",
    "RawDocument",
    "ReadContext",
    "UrlRef",
    "decode_bytes",
    "read_source",
    "record_to_raw",
    "sniff_kind",
]
