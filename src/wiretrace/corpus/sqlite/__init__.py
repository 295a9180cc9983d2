"""SQLite backend: one file, WAL, FTS5; one writer connection plus a reader connection per thread."""
