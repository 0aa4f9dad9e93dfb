"""Where the console finds its data files in every way it can be run.

Source checkout / editable install: ``<repo>/resources`` and ``<repo>/i18n``. Wheel install:
``operator_console/_resources`` and ``operator_console/_i18n``. PyInstaller bundle: the same
names under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# The station database in the data folder. Here, not in store/, so that the start-up can
# find it before SQLAlchemy is imported (store.db re-exports it).
DB_FILENAME = "console.sqlite3"


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def _bundle_root() -> Path | None:
    root = getattr(sys, "_MEIPASS", None)
    return Path(root) if root else None


def resources_dir() -> Path:
    bundle = _bundle_root()
    extra = [bundle / "resources"] if bundle else []
    return _first_existing(*extra, _PACKAGE / "_resources", _PACKAGE.parent.parent / "resources")


def i18n_dir() -> Path:
    bundle = _bundle_root()
    extra = [bundle / "i18n"] if bundle else []
    return _first_existing(*extra, _PACKAGE / "_i18n", _PACKAGE.parent.parent / "i18n")
