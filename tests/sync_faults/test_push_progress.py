"""The push's progress (the status strip's "sending N of M") never counts past its total:
records made while a push runs are pushed by it and counted in its total."""

from __future__ import annotations

from tests.sync_faults.harness import Console, PlantServer, assert_synced, queue_records


def test_records_made_during_a_push_grow_its_total(console: Console,
                                                   server: PlantServer) -> None:
    queue_records(console.services, 5)
    first = console.pending()
    seen: list[tuple[int, int]] = []

    def progress(sent: int, total: int) -> None:
        if not seen:
            queue_records(console.services, 2)  # made while the push runs
        seen.append((sent, total))

    engine = console.engine(batch_size=5)
    try:
        engine.push_pending(progress)
    finally:
        engine.client.close()
    assert all(sent <= total for sent, total in seen), seen
    last_sent, last_total = seen[-1]
    assert last_sent == last_total > first and console.pending() == 0
    assert assert_synced(console, server) == last_sent
