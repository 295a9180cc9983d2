"""A small invented source corpus (outlets, people and events are made up) and an index over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wiretrace.extract import article_from_text
from wiretrace.model import Article
from wiretrace.reuse.index import Index

SOURCES: list[dict[str, str]] = [
    {
        "id": "tidewater-001",
        "published": "2031-04-02",
        "outlet": "Tidewater Times",
        "text": (
            "The Harbour Board of Vellmar approved the new deep-water pier on Monday, officials said. "
            "Construction will cost 48 million dollars and start in September.\n"
            "Mayor Ilse Dorn called the vote a turning point for the U.S. port town. "
            "Opponents of the project, led by the fishermen's cooperative, plan to appeal the decision "
            "in the regional court before the summer recess."
        ),
    },
    {
        "id": "kestrel-002",
        "published": "2031-03-28",
        "outlet": "Kestrel News Agency",
        "text": (
            "Plum growers in the Oskbury valley harvested a record 12,400 tonnes last year, the growers' "
            "association reported. Export prices fell by a fifth as buyers in the north held back orders.\n"
            "Association chairman Bertil Rask warned that late frosts could halve the next crop."
        ),
    },
    {
        "id": "marrow-003",
        "published": "2031-04-05",
        "outlet": "Marrow Valley Post",
        "text": (
            "Rail operator Lindqvist Freight will suspend night services through the Sorrel tunnel for six "
            "weeks of repairs. Engineers found cracks in the tunnel lining during a routine inspection in "
            "February, the company said. Freight will be rerouted via the coastal line at no extra charge."
        ),
    },
    {
        "id": "kestrel-004",
        "published": "2031-04-03",
        "outlet": "Kestrel News Agency",
        "text": (
            "Mayor Ilse Dorn called the vote a turning point for the U.S. port town. "
            "She said the pier would bring cruise ships back to Vellmar for the first time since 1998."
        ),
    },
]


def source_articles() -> list[Article]:
    return [
        article_from_text(s["text"], id=s["id"], outlet=s["outlet"], published=s["published"])
        for s in SOURCES
    ]


@pytest.fixture()
def index_path(tmp_path: Path) -> Path:
    return tmp_path / "reuse.db"


@pytest.fixture()
def index(index_path: Path) -> Iterator[Index]:
    with Index.open(index_path) as idx:
        idx.add_many(source_articles())
        yield idx


def source_text(source_id: str) -> str:
    return next(s["text"] for s in SOURCES if s["id"] == source_id)
