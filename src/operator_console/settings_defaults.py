"""Station settings' defaults, and a quick read of a few of them before the store is opened.

``peek_settings`` uses the plain ``sqlite3`` module, read-only: the login window shows the
station name and knows the idle time before SQLAlchemy and Alembic are even imported.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

DEFAULTS: dict[str, str] = {
    "station_name": "STATION-01",
    "idle_lock_seconds": "300",
    "lockout_threshold": "5",
    "verification_overdue_minutes": "60",
    # Fields of the cassette flow that may be typed instead of scanned (comma-separated:
    # batch, cassette, bag, bay); typed entries are marked "typed" in the record.
    "allow_typed_entry": "batch,bay",
    # The batch in process at this station: alarm acknowledgements are recorded against it.
    "current_batch": "",
    # Historian retention: rows of the full interval (10 s) are kept this many days, then
    # compacted into 15 min rows (min/max/mean/last merged exactly), which are kept
    # "historian_compacted_days" days. Audit records and signatures are never touched.
    "historian_retention_days": "30",
    "historian_compacted_days": "365",
    # The historian's 1 s tier: a second is kept this many days, and longer while an
    # instrument phase that covers it has not had its process data acknowledged by the plant
    # server (never longer than "historian_retention_days").
    "historian_seconds_days": "2",
}


def peek_settings(db_path: Path) -> dict[str, str]:
    """The settings as stored (defaults where absent); defaults if there is no store yet."""
    values = dict(DEFAULTS)
    if not db_path.exists():
        return values
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=2)
        try:
            for key, value in con.execute("SELECT key, value FROM settings"):
                if key in values:
                    values[str(key)] = str(value)
        finally:
            con.close()
    except sqlite3.Error:
        pass  # a new or older store: the full start-up that follows creates or migrates it
    return values
