"""The login / lock / switch / logout flow driven through the widgets."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from operator_console.services import Services
from operator_console.store.audit import AuditFilter, query_entries
from operator_console.store.models import AuditEntry
from operator_console.ui.shell.controller import AppController
from tests.ui.conftest import log_in

Factory = Callable[..., AppController]


def _events(services: Services) -> list[tuple[str, str]]:
    with services.db.read() as s:
        rows = s.execute(select(AuditEntry.actor, AuditEntry.event).order_by(AuditEntry.seq))
        return [(a, e) for a, e in rows]


def test_login_shows_the_workspace(qtbot: QtBot, make_controller: Factory,
                                   services: Services) -> None:
    ctl = make_controller()
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    assert "John Smith" in ctl.workspace.user_label.text()
    assert ("op02", "login_succeeded") in _events(services)


def test_wrong_password_shows_a_message(qtbot: QtBot, make_controller: Factory) -> None:
    ctl = make_controller()
    log_in(qtbot, ctl, "op02", "wrong")
    qtbot.waitUntil(lambda: ctl.login_view.message.isVisible())
    assert "not correct" in ctl.login_view.message.text()
    assert ctl.window.current_view() is ctl.login_view


def test_lockout_after_five_failures(qtbot: QtBot, make_controller: Factory) -> None:
    ctl = make_controller()
    for _ in range(5):
        log_in(qtbot, ctl, "op02", "wrong")
        qtbot.waitUntil(lambda: not ctl.runner.busy)
    assert "now locked" in ctl.login_view.message.text()
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: not ctl.runner.busy)
    assert "locked" in ctl.login_view.message.text()
    assert ctl.window.current_view() is ctl.login_view


def test_disabled_and_locked_accounts(qtbot: QtBot, make_controller: Factory) -> None:
    ctl = make_controller()
    log_in(qtbot, ctl, "op10", "demo-op10")
    qtbot.waitUntil(lambda: "disabled" in ctl.login_view.message.text())
    log_in(qtbot, ctl, "op09", "demo-op09")
    qtbot.waitUntil(lambda: "is locked" in ctl.login_view.message.text())


def test_idle_lock_and_unlock(qtbot: QtBot, make_controller: Factory,
                              services: Services) -> None:
    ctl = make_controller(idle_lock_seconds=0.3)
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.lock_view, timeout=3000)
    assert "John Smith" in ctl.lock_view.who_label.text()
    assert "no activity" in ctl.lock_view.explain.text()
    card = ctl.lock_view.password_edit.parentWidget()
    width = card.width()
    qtbot.keyClicks(ctl.lock_view.password_edit, "wrong")
    qtbot.keyClick(ctl.lock_view.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ctl.lock_view.message.isVisible())
    assert ctl.window.current_view() is ctl.lock_view
    # Only a password was asked: the message does not mention a user ID; the card keeps
    # its width.
    assert "user ID" not in ctl.lock_view.message.text()
    assert ctl.lock_view.message.text().startswith("The password is not correct.")
    assert card.width() == width
    qtbot.keyClicks(ctl.lock_view.password_edit, "demo-op02")
    qtbot.mouseClick(ctl.lock_view.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    events = _events(services)
    for expected in ("session_locked", "unlock_failed", "unlock_succeeded"):
        assert ("op02", expected) in events


def test_a_manual_lock_says_so(qtbot: QtBot, make_controller: Factory,
                               services: Services) -> None:
    ctl = make_controller()
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    qtbot.mouseClick(ctl.workspace.lock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.lock_view)
    assert "no activity" not in ctl.lock_view.explain.text()
    assert ctl.lock_view.explain.text() == "The screen was locked by John Smith."
    qtbot.waitUntil(lambda: not ctl.runner.busy)
    with services.db.read() as s:
        entry = query_entries(s, AuditFilter(event="session_locked"))[0]
        assert entry.reason == "locked by the user"


def test_another_user_logging_in_ends_the_locked_session(
        qtbot: QtBot, make_controller: Factory, services: Services) -> None:
    ctl = make_controller()
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    qtbot.mouseClick(ctl.workspace.lock_button, Qt.MouseButton.LeftButton)
    assert ctl.window.current_view() is ctl.lock_view
    qtbot.mouseClick(ctl.lock_view.switch_button, Qt.MouseButton.LeftButton)
    assert ctl.login_view.switch_note.isVisible()
    log_in(qtbot, ctl, "ver02", "demo-ver02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    qtbot.waitUntil(lambda: ("op02", "session_ended") in _events(services))
    assert ctl.user is not None and ctl.user.user_id == "ver02"


def test_logout_asks_and_is_audited(qtbot: QtBot, make_controller: Factory,
                                    services: Services) -> None:
    ctl = make_controller()
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    qtbot.mouseClick(ctl.workspace.logout_button, Qt.MouseButton.LeftButton)
    box = ctl._logout_box
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.login_view)
    qtbot.waitUntil(lambda: ("op02", "logout") in _events(services))


def test_the_strip_names_the_language_chosen_on_the_login_screen(
        qtbot: QtBot, make_controller: Factory) -> None:
    ctl = make_controller(language="en")
    strip = ctl.workspace.status_strip
    assert strip.language.text() == "Language: English"
    qtbot.mouseClick(ctl.login_view.lang_ja, Qt.MouseButton.LeftButton)
    assert strip.language.text() == "表示言語：日本語"  # nobody is logged in yet
    qtbot.mouseClick(ctl.login_view.lang_en, Qt.MouseButton.LeftButton)
    assert strip.language.text() == "Language: English"


def test_language_switch_retranslates_visible_window(
        qtbot: QtBot, make_controller: Factory, services: Services) -> None:
    ctl = make_controller(language="en")
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    assert ctl.workspace.nav_buttons["home"].text() == "Home"
    qtbot.mouseClick(ctl.workspace.lang_ja, Qt.MouseButton.LeftButton)
    assert ctl.workspace.nav_buttons["home"].text() == "ホーム"
    assert ctl.workspace.home.heading.text() == "端末の状態"
    assert ctl.workspace.status_strip.language.text() == "表示言語：日本語"
    # Qt's own standard buttons follow too (qtbase_ja).
    qtbot.mouseClick(ctl.workspace.logout_button, Qt.MouseButton.LeftButton)
    box = ctl._logout_box
    qtbot.waitUntil(box.isVisible)
    assert box.button(QMessageBox.StandardButton.No).text().startswith("いいえ")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.login_view)
    # The choice is remembered: op02 (who preferred English) now logs in in Japanese.
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    assert ctl.workspace.nav_buttons["home"].text() == "ホーム"
    assert ("op02", "language_changed") in _events(services)
    # A language picked on the login screen holds for the session that follows.
    ctl.logout()
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.login_view)
    qtbot.mouseClick(ctl.login_view.lang_en, Qt.MouseButton.LeftButton)
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    assert ctl.workspace.nav_buttons["home"].text() == "Home"
    assert ctl.workspace.status_strip.clock.text()  # the time of day is on screen


def test_audit_page_lists_newest_first_and_filters(
        qtbot: QtBot, make_controller: Factory) -> None:
    ctl = make_controller()
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    qtbot.mouseClick(ctl.workspace.nav_buttons["audit"], Qt.MouseButton.LeftButton)
    page = ctl.workspace.audit
    qtbot.waitUntil(lambda: page.model.rowCount() > 10)
    seqs = [page.model.row_at(i).seq for i in range(page.model.rowCount())]
    assert seqs == sorted(seqs, reverse=True)
    # People by name, records as their type and batch.
    from operator_console.ui.pages.audit.model import Column as AuditColumn

    cells = [(page.model.cell(page.model.row_at(i), AuditColumn.USER),
              page.model.cell(page.model.row_at(i), AuditColumn.TARGET),
              page.model.row_at(i).event) for i in range(page.model.rowCount())]
    assert ("John Smith (op02)", "John Smith (op02)", "login_succeeded") in cells
    assert any(target.startswith("Step completion, B-2026-0142 (")
               for _u, target, event in cells if event == "record_created")
    page.event_filter.setCurrentIndex(page.event_filter.findData("login_succeeded"))
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1 and all(
        page.model.row_at(i).event == "login_succeeded" for i in range(page.model.rowCount())))
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "chain intact" in page.chain_state.text())


def test_full_collection_runs_after_login_lock_and_logout(
        qtbot: QtBot, make_controller: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one long garbage-collector pause is taken where nobody watches a trace."""
    from operator_console import gc_pauses

    calls: list[float] = []
    monkeypatch.setattr(gc_pauses, "settle", lambda: calls.append(1) or 0.0)
    ctl = make_controller()
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: len(calls) == 1)
    ctl.lock()
    qtbot.waitUntil(lambda: len(calls) == 2)
    ctl.logout()
    qtbot.waitUntil(lambda: len(calls) == 3)
