"""Last write wins within one batch too, and every record of the batch is counted (issue 13)."""

from __future__ import annotations

from wiretrace.corpus.store import Store
from wiretrace.reuse.index import FINGERPRINT_VERSION

from .helpers import PIER, PLUMS, article, item

V = FINGERPRINT_VERSION


def test_store_write_batch_repeated_id_last_copy_wins_and_is_counted(store: Store) -> None:
    first = article("pier", PIER)
    second = article("pier", PIER + " The vote was unanimous.")
    result = store.write([item(first), item(second)], V)
    assert result.count("added") == 1 and result.count("updated") == 1
    assert result.outcome == {"pier": "updated"}
    stored = store.get_article("pier")
    assert stored is not None and stored.text.endswith("unanimous.")
    assert store.stats()["articles"] == 1 and store.stats()["fingerprints"] == 1


def test_store_write_batch_repeated_same_record_is_unchanged(store: Store) -> None:
    a = article("plums", PLUMS)
    result = store.write([item(a), item(a), item(article("plums-copy", PLUMS))], V)
    assert (result.count("added"), result.count("unchanged"), result.count("duplicate")) == (1, 1, 1)
    assert sum(result.tally.values()) == 3


def test_store_write_batch_later_copy_equal_to_stored_still_wins(store: Store) -> None:
    original = article("pier", PIER)
    store.write([item(original)], V)
    edited = article("pier", PIER + " Later edit.")
    result = store.write([item(edited), item(original)], V)
    assert result.count("updated") == 2
    stored = store.get_article("pier")
    assert stored is not None and stored.text == PIER
