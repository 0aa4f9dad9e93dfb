"""Sync under faults, against a real plant server process: after each fault and a clean
retry, every console entry is on the server exactly once (IDs and hashes compared), in
per-station order, and the console outbox is empty (``harness.assert_synced``)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from operator_console.sync.http import BadResponseError, ServerUnreachableError
from operator_console.sync.worker import SyncWorker
from tests.sync_faults.conftest import new_console
from tests.sync_faults.harness import (
    ROOT,
    Console,
    PlantServer,
    assert_synced,
    drain,
    queue_records,
)
from tests.sync_faults.proxy import FaultProxy

FAULTS = (ServerUnreachableError, BadResponseError)


def _kill_server_mid_push(console: Console, server: PlantServer, tmp_path: Path) -> None:
    queue_records(console.services, 150)  # 600 entries, pushed 100 at a time
    proxy = FaultProxy(server.port)
    pushes = 0
    killer: list[threading.Thread] = []

    def on_request(path: str) -> None:
        nonlocal pushes
        if path.endswith("/push"):
            pushes += 1
            if pushes == 3:  # two batches stored; the third is being processed
                thread = threading.Thread(
                    target=lambda: (time.sleep(random.uniform(0.0, 0.1)), server.kill()))
                thread.start()
                killer.append(thread)
            elif killer:
                # Later batches wait for the kill: with a fast server the third answer and
                # the following pushes could otherwise all finish before it.
                killer[0].join()
    proxy.on_request = on_request
    try:
        console.point_at(proxy.url)
        engine = console.engine(batch_size=100)
        with pytest.raises(FAULTS):
            engine.push_pending()
        engine.client.close()
        killer[0].join()
        assert server.proc is not None and server.proc.poll() is not None, "server not killed"
        assert 0 < console.pending() < 600
        server.start()
        drain(console, proxy.url, batch_size=100)
    finally:
        proxy.close()
    assert assert_synced(console, server) > 600


def test_server_killed_mid_push_and_restarted(console: Console, server: PlantServer,
                                              tmp_path: Path) -> None:
    _kill_server_mid_push(console, server, tmp_path)


@pytest.mark.postgres
def test_server_killed_mid_push_postgres(pg_server: PlantServer, tmp_path: Path) -> None:
    pg_server.ensure_running()
    console = new_console(tmp_path, pg_server)
    try:
        _kill_server_mid_push(console, pg_server, tmp_path)
    finally:
        console.close()


@pytest.mark.parametrize("mode", ["reset_request", "reset_response", "stall", "stall_response",
                                  "http500", "malformed", "truncated", "short_body"])
def test_link_faults(mode: str, console: Console, server: PlantServer,
                     proxy: FaultProxy) -> None:
    """Each mode strikes every other request; the engine retries until the queue drains."""
    queue_records(console.services, 40)  # 160 entries + the station's own audit entries
    proxy.set("pass", mode, "pass", mode, "pass", mode)
    console.point_at(proxy.url)
    failures = 0
    for _ in range(20):
        engine = console.engine(batch_size=40, timeout_s=1.0)
        try:
            engine.push_pending()
        except FAULTS:
            failures += 1
        finally:
            engine.client.close()
        if console.pending() == 0:
            break
    assert failures == 3 and proxy.seen[mode] == 3
    assert_synced(console, server)


def test_worker_backs_off_through_mixed_faults(console: Console, server: PlantServer,
                                               proxy: FaultProxy) -> None:
    """The background worker, through a random mix of faults: drains, then reports online."""
    from operator_console.sync.station import client_for

    queue_records(console.services, 60)
    rng = random.Random(6)
    modes = ["reset_request", "reset_response", "http500", "malformed", "truncated",
             "short_body", "stall_response"]
    proxy.set("pass", *[rng.choice([*modes, "pass"]) for _ in range(14)])
    console.point_at(proxy.url)
    worker = SyncWorker(console.services.db,
                        client_for(console.services, console.store, timeout_s=1.0),
                        pull_interval_s=3600, idle_check_s=0.1, backoff_initial_s=0.05,
                        backoff_max_s=0.3, batch_size=30)
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while not (worker.status().state == "online" and console.pending() == 0
                   and not proxy.script):
            assert time.monotonic() < deadline, worker.status()
            time.sleep(0.1)
    finally:
        worker.stop()
    assert sum(proxy.seen.values()) > 15
    assert_synced(console, server)


def _child(mode: str, console: Console, batch: int = 500) -> subprocess.Popen[str]:
    env = {**os.environ, "FT_CREDENTIAL": console.credential, "FT_BATCH": str(batch)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync_faults.console_child", mode, str(console.data_dir)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_console_killed_between_server_commit_and_ack(console: Console,
                                                      server: PlantServer) -> None:
    queue_records(console.services, 50)
    waiting = console.pending()
    out, err = _child("die_before_ack", console).communicate(timeout=120)
    database = server.database()
    try:
        from sqlalchemy import select

        from plant_server.models import Station

        with database.transaction() as s:
            stored = s.scalars(select(Station.last_seq)
                               .where(Station.name == console.station)).one()
    finally:
        database.dispose()
    assert stored == waiting, "the server committed the whole queue"
    assert console.pending() == waiting, "the console acknowledged nothing"
    # A fresh console process: the same entries again, each acknowledged as a duplicate.
    child = _child("once", console)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    report = json.loads(out.strip().splitlines()[-1])
    assert report == {"accepted": 0, "duplicates": waiting, "rejected": 0, "remaining": 0}
    assert_synced(console, server)


def test_console_killed_at_random_while_syncing(console: Console, server: PlantServer) -> None:
    """SIGKILL a console looping over small batches, three times, each time at a random
    moment after it has made progress (so mid-sync, not while it starts up)."""
    queue_records(console.services, 150)
    rng = random.Random(42)
    for _ in range(3):
        before = console.pending()
        child = _child("loop", console, batch=20)
        deadline = time.monotonic() + 60
        while console.pending() == before:
            assert child.poll() is None and time.monotonic() < deadline, "no progress"
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))
        child.kill()
        child.communicate(timeout=30)
        assert child.returncode == -9
        if console.pending() == 0:
            break
    child = _child("once", console)
    _out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert_synced(console, server)


@pytest.mark.slow
def test_long_outage_20000_records_drain(console: Console, server: PlantServer,
                                         proxy: FaultProxy) -> None:
    """20,000 signed records queued while the server is down (80,000+ outbox entries, with
    their audit entries and signatures); once it is back the queue drains completely."""
    from tests.sync_faults.harness import bulk_queue

    server.stop()
    console.point_at(proxy.url)
    t0 = time.perf_counter()
    bulk_queue(console.services, 20_000)
    queued = time.perf_counter() - t0
    waiting = console.pending()
    assert waiting >= 80_000
    engine = console.engine()
    with pytest.raises(ServerUnreachableError):  # offline: nothing marked, nothing lost
        engine.push_pending()
    engine.client.close()
    assert console.pending() == waiting
    server.start()
    t0 = time.perf_counter()
    drain(console, proxy.url)
    drained = time.perf_counter() - t0
    assert assert_synced(console, server) == waiting
    print(f"\nlong outage: {waiting} entries (20,000 signed records) queued in {queued:.1f} s, "
          f"drained in {drained:.1f} s ({waiting / drained:,.0f} entries/s)")
