"""The station side of ``bench_load``: one process drains its share of the stations, each in
a thread behaving as the real sync worker does (it honours the server's Retry-After).

A module of its own, imported by its plain name, so that the processes ``bench_load`` spawns
find the very same function whether the benchmark was started directly or through
``run_all`` (which loads ``bench_*`` files by path).
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path
from typing import Any


def _drain_station(data_dir: str, base: str, credential: str, stats: dict[str, Any],
                   start: threading.Event) -> None:
    from operator_console.store.db import Database
    from operator_console.sync.engine import SyncEngine, pending
    from operator_console.sync.http import PlantServerClient, ServerBusyError

    db = Database(Path(data_dir), migrate=False)
    client = PlantServerClient(base, credential, timeout_s=300)
    push = client.push

    def timed(batch: list[dict[str, Any]], **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return push(batch, **kwargs)  # the engine also sends its outbox head
        finally:
            stats["latencies"].append(time.perf_counter() - t0)  # list.append is atomic

    client.push = timed  # type: ignore[method-assign]
    engine = SyncEngine(db, client, batch_size=500)
    with stats["lock"]:
        stats["entries"] += pending(db)
    start.wait()
    try:
        while pending(db):
            try:
                engine.push_pending()
            except ServerBusyError as exc:
                with stats["lock"]:
                    stats["busy"] += 1
                time.sleep(exc.retry_after * random.uniform(1.0, 1.25))
            except Exception as exc:  # a failed request: counted, retried as the worker would
                with stats["lock"]:
                    stats["errors"] += 1
                    stats["error_kinds"].add(type(exc).__name__ + ": " + str(exc)[:120])
                time.sleep(1.0)
    finally:
        client.close()
        db.close()


def client_process(stations: list[tuple[str, str, str]], base: str, go_at: float,
                    out: Any) -> None:
    stats: dict[str, Any] = {"latencies": [], "busy": 0, "errors": 0, "error_kinds": set(),
                             "entries": 0, "lock": threading.Lock()}
    start = threading.Event()
    threads = [threading.Thread(target=_drain_station, args=(d, base, c, stats, start))
               for d, _s, c in stations]
    for t in threads:
        t.start()
    time.sleep(max(0.0, go_at - time.time()))
    start.set()
    for t in threads:
        t.join()
    stats["done_at"] = time.time()
    stats["error_kinds"] = sorted(stats["error_kinds"])
    del stats["lock"]
    out.put(stats)
