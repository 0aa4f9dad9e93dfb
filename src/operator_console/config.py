"""Command-line independent configuration: where data lives and how the station behaves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "operator-console"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass
class AppConfig:
    """What the application is started with; settings in the store may refine it."""

    data_dir: Path
    demo: bool = False
    idle_lock_seconds: int | None = None  # None: the store's setting (default 300)
    language: str | None = None  # the login screen's language; None: the station default
