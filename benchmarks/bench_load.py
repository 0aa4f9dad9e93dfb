"""A plant's worth of stations draining their backlogs at once into one plant server.

For each station count (1, 10, 50, 100) the same run makes that many real console stores,
each enrolled with the server and holding ``entries`` queued outbox entries (signed records as
the console writes them), then starts every station's sync engine at the same moment against
``plant-server serve --workers W`` on the local PostgreSQL. Each station behaves as the real
worker does: it pushes batches of 500 and, told the server is busy (503 + Retry-After), waits
as long as it is asked. Printed per count: entries/s for the whole plant, push p50/p99 (one
request of up to 500 entries, busy answers included), failed requests (anything but an answer
or a busy answer: 5xx, resets), busy answers, and the ratio to the one-station rate measured in
the same run. Afterwards every station's entries are checked on the server: each stored once,
in order, none rejected.

The stations run in ``CLIENT_PROCESSES`` processes (threads within each), so the client side
does not steal the server's interpreter: on a 2-core machine they still share the cores.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "src"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

QUICK = {"counts": (1, 4), "entries": 400}
CLIENT_PROCESSES = 2


def _pg_admin_url() -> str | None:
    from benchmarks.bench_sync import _pg_admin_url as reachable

    return reachable()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve(url: str, workers: int, log: Path,
           max_in_flight: int) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = _free_port()
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "plant_server", "serve", "--db", url, "--port", str(port),
             "--workers", str(workers), "--max-in-flight", str(max_in_flight),
             "--log-level", "warning"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("plant server did not start:\n" + log.read_text()[-2000:])


def _make_stations(tmp: Path, url: str, base: str, count: int, entries: int,
                   tag: str) -> list[tuple[str, str, str]]:
    """``count`` enrolled console stores with ``entries`` queued each:
    (data dir, station, credential)."""
    from tests.sync_faults.harness import PlantServer, bulk_queue, make_console

    server = PlantServer(url, tmp / "unused.log", port=int(base.rsplit(":", 1)[1]))
    made = []
    for i in range(count):
        station = f"LOAD-{tag}-{i:03d}"
        console = make_console(tmp / station, station, server)
        try:
            have = console.pending()
            bulk_queue(console.services, max(1, (entries - have) // 4))
        finally:
            console.close()
        made.append((str(tmp / station), station, console.credential))
    return made


def _drain_all(stations: list[tuple[str, str, str]], base: str) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    go_at = time.time() + 8.0  # every station opened and waiting before the clock starts
    shares = [stations[i::CLIENT_PROCESSES] for i in range(CLIENT_PROCESSES)]
    from benchmarks.load_clients import client_process

    procs = [ctx.Process(target=client_process, args=(share, base, go_at, queue))
             for share in shares if share]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    latencies = sorted(x for r in results for x in r["latencies"])
    return {"seconds": max(r["done_at"] for r in results) - go_at,
            "entries": sum(r["entries"] for r in results),
            "latencies": latencies, "busy": sum(r["busy"] for r in results),
            "errors": sum(r["errors"] for r in results),
            "error_kinds": sorted({k for r in results for k in r["error_kinds"]})}


def _check_exactly_once(url: str, stations: list[tuple[str, str, str]]) -> int:
    """Each station's entries on the server: seq 1..n contiguous, none rejected; returns the
    total. Raises if anything was lost, doubled or refused."""
    from sqlalchemy import func, select

    from plant_server.db import Database
    from plant_server.models import PushedEntry, Station

    database = Database(url, migrate=False)
    total = 0
    try:
        with database.transaction() as session:
            for _dir, name, _cred in stations:
                sid, last = session.execute(select(Station.id, Station.last_seq).where(
                    Station.name == name)).one()
                count, distinct, top, bad = session.execute(select(
                    func.count(), func.count(func.distinct(PushedEntry.station_seq)),
                    func.max(PushedEntry.station_seq),
                    func.count().filter(PushedEntry.status != "accepted"))
                    .where(PushedEntry.station_id == sid)).one()
                if not (count == distinct == top == last) or bad:
                    raise RuntimeError(f"{name}: {count} stored, {distinct} distinct, "
                                       f"top {top}, last {last}, {bad} not accepted")
                total += count
    finally:
        database.dispose()
    return total


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    return values[min(len(values) - 1, int(q * len(values)))]


def run(counts: tuple[int, ...] = (1, 10, 50, 100), entries: int = 2000,
        workers: int = 2, max_in_flight: int = 8) -> list[tuple[str, float, str]]:
    from sqlalchemy import text

    from plant_server.db import make_engine
    from plant_server.services.demo import init_demo

    admin_url = _pg_admin_url()
    if admin_url is None:
        return [("load: PostgreSQL not reachable (skipped)", 0.0, "")]
    rows: list[tuple[str, float, str]] = []
    schema = f"bench_load_{uuid.uuid4().hex[:10]}"
    admin = make_engine(admin_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{admin_url}?options=-csearch_path%3D{schema}"
    try:
        from plant_server.db import Database

        database = Database(url)
        with database.transaction() as session:
            init_demo(session, batches=False)  # users and master data only
        database.dispose()
        with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp_name:
            tmp = Path(tmp_name)
            proc, base = _serve(url, workers, tmp / "server.log", max_in_flight)
            try:
                one_rate = 0.0
                for count in counts:
                    stations = _make_stations(tmp / f"n{count}", url, base, count, entries,
                                              f"{count}")
                    got = _drain_all(stations, base)
                    stored = _check_exactly_once(url, stations)
                    if stored != got["entries"]:
                        raise RuntimeError(f"{count} stations: {stored} stored of "
                                           f"{got['entries']} queued")
                    rate = got["entries"] / got["seconds"]
                    one_rate = one_rate or rate
                    lat = got["latencies"]
                    rows += [
                        (f"load {count:3d} stations x {entries}: entries/s", rate, "entries/s"),
                        (f"load {count:3d} stations: push p50", _percentile(lat, 0.5), "s"),
                        (f"load {count:3d} stations: push p99", _percentile(lat, 0.99), "s"),
                        (f"load {count:3d} stations: failed requests (5xx, resets)",
                         float(got["errors"]), "requests"),
                        (f"load {count:3d} stations: busy answers (503 + Retry-After)",
                         float(got["busy"]), "requests"),
                        (f"load {count:3d} stations: vs one station", rate / one_rate, "x"),
                    ]
                    if got["error_kinds"]:
                        print("errors:", *got["error_kinds"], sep="\n  ", file=sys.stderr)
            finally:
                proc.terminate()
                proc.wait(30)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return rows


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name, value, unit in run(**(QUICK if "--quick" in sys.argv else {})):
        print(f"{name:60s} {value:12,.3f} {unit}")
