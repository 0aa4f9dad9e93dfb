"""The demo's embedded plant server: a real ``plant-server`` process on loopback (SQLite).

``--demo`` starts it so the demo shows real sync: the server gets the same demo users and
master data as the console (``plant-server init-demo``), the demo station is registered
(``plant-server add-station``), the console enrolls with the one-time code and the sync
worker starts. :meth:`DemoPlantServer.stop_server` and :meth:`DemoPlantServer.start_server`
stop and restart it (same database file, same port) so the demo shows offline operation and
the queue draining.

Why a subprocess and not uvicorn in a thread: stopping it is a real outage (connection
refused, exactly what a station sees when the server is down), it restarts cleanly on the
same port, the server's migrations and request handling never compete with the UI for this
process's interpreter, and the console process does not load the server's code at all.

The child watches its stdin: when the console process ends (even killed), the pipe closes
and the server exits, so a demo never leaves an orphan server behind.

The station credential of the demo is kept in memory only (``MemoryCredentialStore``): the
server is a throwaway on loopback. Everything here blocks: call it off the UI thread.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import httpx

from operator_console.demo import seed_demo_records
from operator_console.demo_batches import seed_demo_batches
from operator_console.demo_cassettes import seed_demo_history
from operator_console.domain.demo_data import DEMO_STATION
from operator_console.services import Services
from operator_console.sync.credentials import MemoryCredentialStore
from operator_console.sync.station import enroll, start_sync
from operator_console.sync.worker import SyncWorker

log = logging.getLogger(__name__)

_CODE = re.compile(r"one-time enrollment code (\S+)")


class DemoServerError(RuntimeError):
    """The demo plant server could not be prepared or started."""


def free_local_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DemoPlantServer:
    """One ``plant-server`` process for the demo; owns its SQLite file and port."""

    def __init__(self, folder: Path, *, port: int | None = None,
                 log_file: Path | None = None) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.db_url = f"sqlite:///{folder / 'plant-server.sqlite3'}"
        self.port = port or free_local_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_file = log_file or folder / "plant-server.log"
        self.credentials = MemoryCredentialStore()
        self.worker: SyncWorker | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._closed = False

    # -- plant-server command line ------------------------------------------------------------
    def _cli(self, *args: str) -> str:
        cmd = [sys.executable, "-m", "plant_server", *args, "--db", self.db_url]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise DemoServerError(f"plant-server {args[0]} failed: "
                                  f"{(done.stderr or done.stdout).strip()[:300]}")
        return done.stdout

    def init_demo(self, *, station: str = DEMO_STATION, endpoint: str | None = None) -> None:
        """Seed the server's demo users and master data (the same as the console's)."""
        extra = ["--endpoint", endpoint] if endpoint else []
        self._cli("init-demo", "--station", station, *extra)

    def add_station(self, station: str = DEMO_STATION) -> str:
        """Register the station; returns its one-time enrollment code."""
        out = self._cli("add-station", station, "--actor", "demo", "--reason", "demo station")
        match = _CODE.search(out)
        if match is None:
            raise DemoServerError(f"no enrollment code in: {out.strip()[:200]}")
        return match.group(1)

    # -- the server process --------------------------------------------------------------------
    @property
    def running(self) -> bool:
        proc = self._proc
        return proc is not None and proc.poll() is None

    def start_server(self, timeout_s: float = 30.0) -> None:
        """Start ``plant-server serve`` (same file, same port) and wait until it answers."""
        with self._lock:
            if self._closed:
                raise DemoServerError("the demo plant server was closed")
            if self.running:
                return
            code = ("import os, sys, threading\n"
                    "threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)),"
                    " daemon=True).start()\n"
                    "from plant_server.__main__ import main\n"
                    "sys.exit(main(sys.argv[1:]))\n")
            # The server rotates its own log (PLANT_SERVER_LOG_FILE); what it prints itself
            # (a crash before logging starts) goes to a small file beside it.
            out: IO[bytes] = open(self.log_file.with_suffix(".out"), "wb")  # noqa: SIM115
            try:
                self._proc = subprocess.Popen(
                    [sys.executable, "-c", code, "serve", "--db", self.db_url, "--host",
                     "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
                    stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT,
                    env={**os.environ, "PYTHONUNBUFFERED": "1",
                         "PLANT_SERVER_LOG_FILE": str(self.log_file)})
            finally:
                out.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not self.running:
                raise DemoServerError(f"the demo plant server exited; see {self.log_file} "
                                      f"and {self.log_file.with_suffix('.out')}")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1.0).status_code == 200:
                    log.info("demo plant server listening at %s", self.url)
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop_server()
        raise DemoServerError(f"the demo plant server did not answer within {timeout_s:.0f} s")

    def stop_server(self, timeout_s: float = 10.0) -> None:
        """Stop the server process (the console goes offline and keeps working)."""
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout_s)
        if proc.stdin is not None:
            proc.stdin.close()
        log.info("demo plant server stopped")

    # -- the whole demo set-up ---------------------------------------------------------------
    def setup(self, services: Services, *, endpoint: str | None = None) -> SyncWorker:
        """Seed, start, register and enroll the station, then start the sync worker.

        The console's demo users and master data must already be seeded (the station name
        comes from the console's settings).
        """
        self.init_demo(station=services.station or DEMO_STATION, endpoint=endpoint)
        code = self.add_station(services.station or DEMO_STATION)
        self.start_server()
        print("operator-console: demo plant server at "
              f"{self.url} (database {self.folder}); the demo keeps the station credential "
              "in memory only, not in the OS keyring", flush=True)
        enroll(services, self.url, code, self.credentials)
        worker = start_sync(services, self.credentials, pull_interval_s=3.0,
                            idle_check_s=1.0, backoff_initial_s=0.5, backoff_max_s=5.0)
        # The demo records and cassette history are signed now, online: the server checks
        # each password and issues its signing proof. Signed offline before the station held
        # a verifier from this server, they could not be proved to it (it refuses them).
        try:
            seed_demo_records(services)
            seed_demo_history(services)
            seed_demo_batches(services)  # the recipe-run batches: fresh, midway, blocked
        except Exception:
            worker.stop()
            raise
        with self._lock:
            closed = self._closed
            if not closed:
                self.worker = worker
        if closed:  # the console closed while this was being set up
            worker.stop()
            raise DemoServerError("the demo plant server was closed")
        return worker

    def close(self) -> None:
        """Stop the worker and the server for good (the console is closing)."""
        with self._lock:
            self._closed = True
            worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop()
        self.stop_server()
