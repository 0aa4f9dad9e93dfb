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
from operator_console.ui.widgets.touch_keyboard import KEY_H, MIN_KEY_H, TouchKeyboard, placement
from tests.ui.conftest import log_in

LEFT = Qt.MouseButton.LeftButton
# The offscreen test platform cannot stack windows; a real display does.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")


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


def _tap_kana(qtbot: QtBot, kb: TouchKeyboard, text: str) -> None:
    """Tap the kana keys showing ``text``'s characters (as they are labelled now)."""
    assert kb.pages.currentWidget() is kb.kana
    for ch in text:
        keys = [k for k in kb.kana.findChildren(QPushButton) if k.text() == ch]
        assert len(keys) == 1, f"no key {ch!r}"
        qtbot.mouseClick(keys[0], LEFT)


def test_a_japanese_comment_by_touch_alone(qtbot: QtBot, make_controller: object) -> None:
    ctl: AppController = make_controller(language="ja")  # type: ignore[operator]
    kb = ctl.keyboard
    dialog = QDialog(ctl.window)
    note, reason = QPlainTextEdit(), QLineEdit()
    lay = QVBoxLayout(dialog)
    lay.addWidget(note)
    lay.addWidget(reason)
    note.setFixedHeight(120)
    dialog.setModal(True)
    dialog.show()
    dialog.move(dialog.screen().availableGeometry().topLeft())  # room below it, whatever
    qtbot.waitExposed(dialog)                                     # the platform's placement
    qtbot.mouseClick(note.viewport(), LEFT)
    qtbot.waitUntil(kb.isVisible)
    assert kb.pages.currentWidget() is kb.letters and kb.to_kana.isVisible()
    assert kb.to_kana.text() == "かな" and kb.to_numbers.text() == "123"  # translated keys
    qtbot.mouseClick(kb.to_kana, LEFT)
    assert kb.pages.currentWidget() is kb.kana
    assert kb.script_key.text() == "カタカナ" and kb.kana_to_letters.text() == "ABC"
    assert not kb.geometry().intersects(_global(note))
    _tap_kana(qtbot, kb, "か゛")
    assert note.toPlainText() == "が"  # ゛ changes the character before the cursor
    _tap_kana(qtbot, kb, "は゜ん゛")  # ん takes no mark: nothing happens
    assert note.toPlainText() == "がぱん"
    _tap_kana(qtbot, kb, "ゆ゛")  # nor does ゆ
    _tap_kana(qtbot, kb, "き゛゛")  # the same mark again takes it off
    assert note.toPlainText() == "がぱんゆき"
    _tap_kana(qtbot, kb, "ょ、「」ー。")
    qtbot.mouseClick(kb.script_key, LEFT)  # katakana: the keys show and type katakana
    assert kb.script_key.isChecked()
    _tap_kana(qtbot, kb, "カ゛ッフ゜")
    assert note.toPlainText() == "がぱんゆきょ、「」ー。ガップ"
    qtbot.mouseClick(kb.kana_back, LEFT)
    assert note.toPlainText() == "がぱんゆきょ、「」ー。ガッ"
    assert ctl.window.focusWidget() is not None or dialog.focusWidget() is note
    assert dialog.focusWidget() is note  # the keys never took the focus
    qtbot.mouseClick(kb.script_key, LEFT)
    qtbot.mouseClick(reason, LEFT)  # another free-text field opens with kana, as last chosen
    qtbot.waitUntil(lambda: kb.target is reason)
    assert kb.pages.currentWidget() is kb.kana
    assert not kb.geometry().intersects(_global(reason))
    _tap_kana(qtbot, kb, "て゛す")
    assert reason.text() == "です"
    qtbot.mouseClick(kb.kana_to_numbers, LEFT)
    assert kb.pages.currentWidget() is kb.numbers and kb.num_to_kana.isVisible()
    dialog.close()
    dialog.deleteLater()
    qtbot.wait(10)


def test_passwords_and_ids_are_offered_no_kana(qtbot: QtBot, make_controller: object) -> None:
    ctl: AppController = make_controller(language="ja")  # type: ignore[operator]
    kb, view = ctl.keyboard, ctl.login_view
    qtbot.waitExposed(ctl.window)
    kb._free_text_page = kb.kana  # even after a comment was written in kana
    for field in (view.user_edit, view.password_edit):
        qtbot.mouseClick(field, LEFT)
        qtbot.waitUntil(lambda f=field: kb.target is f)  # type: ignore[misc]
        assert kb.pages.currentWidget() is kb.letters
        assert not kb.to_kana.isVisible()
        qtbot.mouseClick(kb.to_numbers, LEFT)
        assert not kb.num_to_kana.isVisible()
        qtbot.mouseClick(kb.to_letters, LEFT)
    assert kb.pages.currentWidget() is kb.letters
    kb.close_keyboard()


def test_on_a_small_screen_the_keys_shorten_instead_of_covering_the_field(
        qtbot: QtBot, make_controller: object) -> None:
    ctl: AppController = make_controller()  # type: ignore[operator]
    kb = ctl.keyboard
    form = QWidget()
    qtbot.addWidget(form)
    comment = QLineEdit(form)
    comment.setGeometry(20, 0, 400, 56)
    screen = form.screen().availableGeometry()  # 800 lines on the test platform
    # The field in the middle of the screen: neither above nor below holds the kana layout
    # at full height.
    form.setGeometry(screen.center().x() - 220, screen.center().y() - 28, 440, 56)
    form.show()
    qtbot.waitExposed(form)
    qtbot.mouseClick(comment, LEFT)
    qtbot.waitUntil(kb.isVisible)
    qtbot.mouseClick(kb.to_kana, LEFT)
    key = kb.kana_back
    assert MIN_KEY_H <= key.height() < KEY_H
    assert not kb.geometry().intersects(_global(comment))
    # On the screen's height (the test screen is narrower than a station's).
    assert screen.top() <= kb.geometry().top() and kb.geometry().bottom() <= screen.bottom()
    form.move(screen.left(), screen.top())  # room enough below: full-height keys again
    qtbot.mouseClick(kb.kana_to_letters, LEFT)
    assert kb.shift_key.height() == KEY_H
    assert not kb.geometry().intersects(_global(comment))
    kb.close_keyboard()
