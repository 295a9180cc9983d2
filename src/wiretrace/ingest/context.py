"""What a reader needs besides its bytes: the ingest and fetch settings and, lazily, one HTTP client."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING

from wiretrace.settings import FetchSettings, IngestSettings

if TYPE_CHECKING:
    from wiretrace.ingest.fetch import Fetcher


@dataclass
class ReadContext:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    # None: fetching allowed, a client is made on first use. Give one to share it or to test with.
    fetcher: Fetcher | None = None
    offline: bool = False  # refuse every fetch (URL sources, feed links, sitemaps' pages)
    _own_fetcher: bool = False

    def get_fetcher(self) -> Fetcher:
        if self.fetcher is None:
            from wiretrace.ingest.fetch import Fetcher

            self.fetcher = Fetcher(self.fetch)
            self._own_fetcher = True
        return self.fetcher

    def close(self) -> None:
        if self._own_fetcher and self.fetcher is not None:
            self.fetcher.close()
            self.fetcher = None

    def __enter__(self) -> ReadContext:
        return self

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.close()
