"""Ingest: sources (files, directories, JSON/JSONL records, stdin) to ``RawDocument`` items."""

from wiretrace.ingest.raw import RawDocument, decode_bytes
from wiretrace.ingest.readers import READERS, read_source, record_to_raw

__all__ = ["READERS", "RawDocument", "decode_bytes", "read_source", "record_to_raw"]
