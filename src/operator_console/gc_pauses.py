"""Keep the cyclic garbage collector's pauses off the screen.

CPython's full (generation 2) collection walks every object the collector tracks, holding
the GIL, on whichever thread happened to allocate. The running console holds a few hundred
thousand long-lived objects (Qt wrappers, pyqtgraph items, SQLAlchemy metadata, asyncua
types), so one full collection takes 100-200 ms on the plant's 2-core workstations: a frozen
screen every few tens of seconds while instruments stream and the historian writes.

``settle()`` collects once and moves every surviving object into the permanent generation
(``gc.freeze``), so later collections walk only what was created since. It is called at moments
when a short pause cannot be seen or gets in nobody's way: once the application is built,
after a login, and when the station locks or the session ends. Each call first unfreezes, so
objects that became cyclic garbage since the previous call are still reclaimed.
"""

from __future__ import annotations

import gc
import logging
import time

log = logging.getLogger(__name__)


def settle() -> float:
    """Collect everything, then exempt the survivors from later collections; the seconds the
    pause took."""
    start = time.perf_counter()
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    elapsed = time.perf_counter() - start
    log.debug("gc settled in %.0f ms: %d objects frozen", elapsed * 1000, gc.get_freeze_count())
    return elapsed
