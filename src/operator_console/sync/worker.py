"""The sync worker: a background thread that pushes the outbox and pulls master data.

It pushes whenever entries wait, pulls every ``pull_interval_s``, and backs off
exponentially with jitter while the plant server is unreachable or answering garbage. Its
state is read by the UI on a timer (``status()``), never pushed into widgets from here.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import replace

from operator_console.store.db import Database
from operator_console.sync.engine import (
    StationBehindServerError,
    SyncEngine,
    get_state,
    pending,
    set_state,
)
from operator_console.sync.http import (
    BadResponseError,
    PlantServerClient,
    ServerBusyError,
    ServerUnreachableError,
    UnauthorizedError,
)
from operator_console.sync.status import BEHIND_SERVER, SyncStatus

log = logging.getLogger(__name__)


class SyncWorker:
    def __init__(self, db: Database, client: PlantServerClient, *,
                 apply_pull: Callable[[dict[str, object]], None] | None = None,
                 pull_interval_s: float = 30.0, idle_check_s: float = 2.0,
                 backoff_initial_s: float = 1.0, backoff_max_s: float = 60.0,
                 batch_size: int = 500) -> None:
        self.db, self.client = db, client
        self.engine = SyncEngine(db, client, batch_size=batch_size)
        self._apply_pull = apply_pull
        self.pull_interval_s, self.idle_check_s = pull_interval_s, idle_check_s
        self.backoff_initial_s, self.backoff_max_s = backoff_initial_s, backoff_max_s
        self._lock = threading.Lock()
        self._status = SyncStatus("offline", time.time(), pending(db))
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_pull = 0.0

    # -- control (any thread) -------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.client.close()

    def wake(self) -> None:
        """Something was committed: push soon."""
        self._wake.set()

    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    # -- the loop ---------------------------------------------------------------------------
    def _set(self, **changes: object) -> None:
        with self._lock:
            old = self._status
            if "state" in changes and changes["state"] != old.state:
                changes["since"] = time.time()
            self._status = replace(old, **changes)  # type: ignore[arg-type]

    def _run(self) -> None:
        delay = 0.0
        backoff = self.backoff_initial_s
        while not self._stop.is_set():
            self._wake.wait(delay)
            self._wake.clear()
            if self._stop.is_set():
                break
            try:
                self.sync_once()
            except ServerBusyError as exc:
                # Reachable, only busy: come back when it asks, without counting an outage.
                delay = min(exc.retry_after, self.backoff_max_s) * random.uniform(1.0, 1.25)
                continue
            except (ServerUnreachableError, BadResponseError, OSError) as exc:
                self._set(state="offline", last_error=str(exc)[:300], pending=pending(self.db))
                delay = min(backoff, self.backoff_max_s) * random.uniform(0.5, 1.0)
                backoff = min(backoff * 2, self.backoff_max_s)
                continue
            except UnauthorizedError as exc:
                self._set(state="unauthorized", last_error=str(exc))
                delay = self.backoff_max_s
                continue
            except StationBehindServerError as exc:  # restored from an old copy: stop
                self._set(state=BEHIND_SERVER, last_error=str(exc), pending=pending(self.db))
                delay = self.backoff_max_s
                continue
            except Exception as exc:  # keep the worker alive; the UI shows the error
                log.exception("sync failed")
                self._set(state="offline", last_error=f"{type(exc).__name__}: {exc}"[:300])
                delay = self.backoff_max_s
                continue
            backoff = self.backoff_initial_s
            delay = self.idle_check_s

    def sync_once(self) -> None:
        """One push of everything pending and, when due, one pull (blocking)."""
        waiting = pending(self.db)
        if waiting:
            self._set(state="syncing", sent=0, total=waiting, pending=waiting)
            report = self.engine.push_pending(
                lambda sent, total: self._set(sent=sent, total=total,
                                              pending=max(total - sent, 0)))
            with self._lock:
                rejected = self._status.rejected + report.rejected
            self._set(rejected=rejected)
        if time.time() - self._last_pull >= self.pull_interval_s:
            cursor = int(get_state(self.db, "pull_cursor", "0") or 0)
            data = self.client.pull(cursor)
            if self._apply_pull is not None:
                self._apply_pull(data)  # advances the cursor in the same transaction
            else:
                set_state(self.db, "pull_cursor", str(data["next_cursor"]))
            self._last_pull = time.time()
        self._set(state="online", pending=pending(self.db), last_error="")
