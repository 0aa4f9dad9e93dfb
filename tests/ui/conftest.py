"""GUI fixtures: a real controller over a copy of the demo database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from operator_console.domain.demo_data import DEMO_USERS
from operator_console.services import Services
from operator_console.ui.shell.controller import AppController
from operator_console.ui.shell.language import LanguageManager
from operator_console.ui.shell.launcher import create_application


@pytest.fixture(scope="session")
def languages(qapp: object) -> LanguageManager:
    create_application([])
    return LanguageManager()


@pytest.fixture
def make_controller(
    qtbot: QtBot, services: Services, languages: LanguageManager
) -> Iterator[object]:
    made: list[AppController] = []

    def factory(idle_lock_seconds: float = 3600, language: str = "en") -> AppController:
        languages.set_language(language)
        ctl = AppController(services, languages, idle_lock_seconds=idle_lock_seconds,
                            demo_users=DEMO_USERS, status_interval_ms=100000)
        qtbot.addWidget(ctl.window)
        ctl.window.resize(1280, 800)
        ctl.window.show()
        made.append(ctl)
        return ctl

    yield factory
    for ctl in made:
        ctl.shutdown()
    languages.set_language("en")


def log_in(qtbot: QtBot, ctl: AppController, user: str, password: str) -> None:
    """Type the credentials and press Enter, as a person (or a badge scanner) would."""
    view = ctl.login_view
    view.user_edit.clear()
    qtbot.keyClicks(view.user_edit, user)
    qtbot.keyClick(view.user_edit, "\r")
    qtbot.keyClicks(view.password_edit, password)
    qtbot.keyClick(view.password_edit, "\r")
