"""Running blocking work (password hashing, commits, queries) off the Qt main thread.

``TaskRunner.submit`` runs a callable on a worker thread; its result or exception comes back
to the main thread through a queued signal and is handed to the given callback there. Tasks
run one at a time in submission order, so database writes never race each other.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")
ErrorCallback = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives in the main thread; signals emitted from workers are queued to it."""

    sig_finished = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, token: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._token, self._fn, self._relay = token, fn, relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # delivered to the caller's error callback
            log.exception("background task failed")
            self._relay.sig_finished.emit(self._token, False, exc)
        else:
            self._relay.sig_finished.emit(self._token, True, result)


class TaskRunner(QObject):
    """A serial background executor whose callbacks run on the main thread."""

    sig_busy_changed = Signal(bool)
    """Emitted when the first task starts or the last one finishes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.sig_finished.connect(self._deliver)
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None] | None, ErrorCallback | None]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: ErrorCallback | None = None,
    ) -> None:
        """Run ``fn`` on the worker; then ``on_done(result)`` or ``on_error(exception)`` here."""
        token = next(self._tokens)
        was_idle = not self._pending
        self._pending[token] = (on_done, on_error)
        self._pool.start(_Job(token, fn, self._relay))
        if was_idle:
            self.sig_busy_changed.emit(True)

    def _deliver(self, token: int, ok: bool, payload: object) -> None:
        on_done, on_error = self._pending.pop(token, (None, None))
        try:
            if ok and on_done is not None:
                on_done(payload)
            elif not ok:
                if on_error is not None:
                    assert isinstance(payload, BaseException)
                    on_error(payload)
                else:
                    log.error("unhandled background failure: %r", payload)
        finally:
            if not self._pending:
                self.sig_busy_changed.emit(False)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every task has run (shutdown and tests only)."""
        return self._pool.waitForDone(msecs)
