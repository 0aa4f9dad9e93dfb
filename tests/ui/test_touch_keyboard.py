"""The on-screen keyboard (issue 12, item 20): opens on a tap in any text field, never covers
the field or grows the window, types without key presses (so the scanner is untouched), a
numeric pad for numeric fields, and works in modal dialogs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from operator_console.domain.demo_data import DEMO_BATCH, GOOD_CASSETTE
from operator_console.services import Services
from operator_console.ui.shell.controller import AppController
from operator_console.ui.widgets.touch_keyboard import TouchKeyboard, placement
from tests.ui.conftest import log_in

LEFT = Qt.MouseButton.LeftButton
# The offscreen test platform cannot stack windows; a real display does.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture
def services(svc: Services) -> Iterator[Services]:
    yield svc


def _global(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _tap_keys(qtbot: QtBot, kb: TouchKeyboard, text: str) -> None:
    page = kb.pages.currentWidget()
    for ch in text:
        keys = [k for k in page.findChildren(QPushButton) if k.property("char") == ch.lower()]
        assert keys, f"no key {ch!r}"
        if ch.isupper() != kb.shift_key.isChecked():
            qtbot.mouseClick(kb.shift_key, LEFT)
        qtbot.mouseClick(keys[0], LEFT)


def test_login_by_touch_alone(qtbot: QtBot, make_controller: object) -> None:
    ctl: AppController = make_controller()  # type: ignore[operator]
    kb, view = ctl.keyboard, ctl.login_view
    qtbot.waitExposed(ctl.window)
    size = ctl.window.size()
    assert not kb.isVisible()
    qtbot.mouseClick(view.user_edit, LEFT)
    qtbot.waitUntil(kb.isVisible)
    assert kb.target is view.user_edit and kb.pages.currentWidget() is kb.letters
    assert not kb.geometry().intersects(_global(view.user_edit))
    _tap_keys(qtbot, kb, "op01")
    assert view.user_edit.text() == "op01" and ctl.window.focusWidget() is view.user_edit
    qtbot.mouseClick(kb.enter_key, LEFT)  # Enter: on to the password, keyboard follows
    qtbot.waitUntil(lambda: ctl.window.focusWidget() is view.password_edit)
    qtbot.waitUntil(lambda: kb.target is view.password_edit)
    assert kb.isVisible()
    assert not kb.geometry().intersects(_global(view.password_edit))
    _tap_keys(qtbot, kb, "demo-op01")
    assert view.password_edit.text() == "demo-op01"
    qtbot.mouseClick(kb.enter_key, LEFT)
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace, timeout=15000)
    qtbot.waitUntil(lambda: not kb.isVisible())  # no text field has focus any more
    assert ctl.window.size() == size  # a window of its own: the main window never grew


def test_numeric_fields_get_the_pad_and_modal_dialogs_work(qtbot: QtBot,
                                                          make_controller: object) -> None:
    ctl: AppController = make_controller()  # type: ignore[operator]
    kb = ctl.keyboard
    dialog = QDialog(ctl.window)
    amount, note = QLineEdit(), QPlainTextEdit()
    amount.setValidator(QDoubleValidator(0.0, 100.0, 2))
    lay = QVBoxLayout(dialog)
    lay.addWidget(amount)
    lay.addWidget(note)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(amount, LEFT)
    qtbot.waitUntil(kb.isVisible)
    assert kb.pages.currentWidget() is kb.numbers and kb.parentWidget() is dialog
    _tap_keys(qtbot, kb, "12.5")
    assert amount.text() == "12.5"
    qtbot.mouseClick(kb.num_back, LEFT)
    assert amount.text() == "12."
    qtbot.mouseClick(note, LEFT)  # a comment box: the letters, Enter makes a new line
    qtbot.waitUntil(lambda: kb.target is note)
    assert kb.pages.currentWidget() is kb.letters and kb.enter_key.text() == "New line"
    _tap_keys(qtbot, kb, "ok")
    qtbot.mouseClick(kb.enter_key, LEFT)
    _tap_keys(qtbot, kb, "B2")
    assert note.toPlainText() == "ok\nB2"
    dialog.close()  # the keyboard outlives the dialog it sat in
    assert not kb.isVisible() and kb.parentWidget() is None
    dialog.deleteLater()
    qtbot.wait(10)
    assert TouchKeyboard.install() is kb


def test_a_scan_still_reaches_the_flow_with_the_keyboard_open(qtbot: QtBot,
                                                              make_controller: object) -> None:
    ctl: AppController = make_controller()  # type: ignore[operator]
    log_in(qtbot, ctl, "op02", "demo-op02")
    qtbot.waitUntil(lambda: ctl.window.current_view() is ctl.workspace)
    page = ctl.workspace.cassettes
    qtbot.mouseClick(ctl.workspace.nav_buttons["cassettes"], LEFT)
    qtbot.mouseClick(page.load_button, LEFT)
    qtbot.waitUntil(lambda: DEMO_BATCH in page.flow.choices.buttons)
    qtbot.mouseClick(page.flow.choices.buttons[DEMO_BATCH], LEFT)
    qtbot.waitUntil(lambda: page.flow.step == "cassette" and not page.flow.busy)
    focused = ctl.window.focusWidget()
    qtbot.mouseClick(ctl.workspace.keyboard_button, LEFT)  # the header's keyboard button
    qtbot.waitUntil(ctl.keyboard.isVisible)
    assert ctl.window.focusWidget() is focused  # the button and the keys take no focus
    # No field to keep clear of: low in the window, clear of the alarm banner, the header
    # and the status strip.
    kb_rect, win = ctl.keyboard.geometry(), _global(ctl.window)
    for part in (ctl.window.alarm_banner, ctl.workspace.keyboard_button,
                 ctl.workspace.status_strip):
        assert not kb_rect.intersects(_global(part))
    assert win.contains(kb_rect)
    target = focused or ctl.workspace
    qtbot.keyClicks(target, GOOD_CASSETTE)  # the scanner's burst
    qtbot.keyClick(target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.flow.step == "bag" and not page.flow.busy, timeout=10000)
    qtbot.mouseClick(ctl.workspace.keyboard_button, LEFT)
    assert not ctl.keyboard.isVisible()


def test_placement_keeps_clear_of_the_field_and_on_the_screen() -> None:
    screen = QRect(0, 0, 1920, 1080)
    low = QRect(800, 900, 400, 60)  # near the bottom: above it
    spot = placement(low, (1000, 400), screen)
    assert spot.bottom() < low.top() and screen.contains(spot)
    high = QRect(10, 100, 300, 60)  # near the top left: below it, pushed onto the screen
    spot = placement(high, (1000, 400), screen)
    assert spot.top() > high.bottom() and spot.left() == 0 and screen.contains(spot)
