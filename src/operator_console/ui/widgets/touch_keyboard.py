"""An on-screen keyboard for gloved touch: letters and digits for IDs, passwords and lot
numbers, kana for a Japanese comment, a numeric pad for numeric fields.

:class:`TouchKeyboard` is installed once per application (:meth:`TouchKeyboard.install`) and
watches focus application-wide, so every text field of every screen and dialog gets it with
no code of its own:

- it opens when a person taps a ``QLineEdit``, ``QPlainTextEdit`` or spin box (a focus change
  made with the pointer, or a tap on the field that already has focus), and by
  :meth:`toggle` (the header's keyboard button); focus moved by the keyboard, a scanner or
  the program does not open it;
- a field asking for numbers (an int/double validator, or the input-method hints
  ``ImhDigitsOnly`` / ``ImhFormattedNumbersOnly`` / ``ImhPreferNumbers``) gets the numeric
  pad; any other the letters, with keys to switch (ABC / かな / 123);
- a free-text field (a comment, a description, a reason) also gets the kana layout
  (:mod:`kana`: the gojūon grid, ゛゜ applied to the character before the cursor, small
  kana, ー、。「」, a hiragana/katakana switch); a password (any echo mode but normal) or a
  field marked :func:`latin_only` (user IDs, labels, lot numbers) never does. The layout
  last chosen for free text is the one a free-text field opens with. There is no kanji
  conversion (a comment is written in kana);
- it is a window of its own that never takes focus, placed beside the field (below it, or
  above when there is no room; on a small screen its keys get shorter, down to
  ``MIN_KEY_H``, before it would cover the field), so it never covers the field it types
  into and never makes
  the application's window taller; it belongs to the field's window, so it works inside
  modal dialogs;
- it edits the field directly (``insert``, ``backspace``) instead of posting key presses, so
  the scanner's key handling (``scan_capture``) sees nothing from it, and a scan still
  reaches the active flow while it is shown. With no text field (the header button on a
  flow that takes typed entries) its keys are sent as key presses to the focused widget.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QDoubleValidator, QIntValidator, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from operator_console.ui.widgets.kana import KANA_ROWS, MARKS, katakana, with_mark

LETTER_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl-", "zxcvbnm._/")
NUMPAD_ROWS = ("789", "456", "123", "-0.")
KEY_W, KEY_H, GAP = 86, 70, 6
MIN_KEY_H = 50  # keys shrink towards this on a small screen rather than cover the field
MARGIN = 10  # between the field and the keyboard
BOTTOM_CLEARANCE = 64  # kept free at the window's bottom (the status strip) with no field
_NUMERIC_HINTS = (Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhFormattedNumbersOnly
                  | Qt.InputMethodHint.ImhPreferNumbers)
_LATIN_HINTS = (Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhHiddenText
                | Qt.InputMethodHint.ImhSensitiveData
                | Qt.InputMethodHint.ImhEmailCharactersOnly
                | Qt.InputMethodHint.ImhUrlCharactersOnly)

TextTarget = QLineEdit | QPlainTextEdit


def text_target(widget: QWidget | None) -> TextTarget | None:
    """The editable text field ``widget`` is (a spin box: its line edit), or None."""
    if isinstance(widget, QAbstractSpinBox):
        widget = widget.findChild(QLineEdit)
    if isinstance(widget, QLineEdit) and not widget.isReadOnly() and widget.isEnabled():
        return widget
    if isinstance(widget, QPlainTextEdit) and not widget.isReadOnly() and widget.isEnabled():
        return widget
    return None


def wants_numbers(target: TextTarget) -> bool:
    if isinstance(target.parentWidget(), QAbstractSpinBox):
        return True
    if not isinstance(target, QLineEdit):
        return False
    if isinstance(target.validator(), (QIntValidator, QDoubleValidator)):
        return True
    return bool(target.inputMethodHints() & _NUMERIC_HINTS)


def latin_only(edit: QLineEdit) -> QLineEdit:
    """Mark ``edit`` as taking latin letters and digits only (a user ID, a label, a lot
    number): the keyboard offers it no kana layout."""
    edit.setInputMethodHints(edit.inputMethodHints() | Qt.InputMethodHint.ImhLatinOnly
                             | Qt.InputMethodHint.ImhNoPredictiveText)
    return edit


def allows_kana(target: TextTarget) -> bool:
    """Free text: not a number, not a password, not marked latin-only."""
    if wants_numbers(target):
        return False
    if isinstance(target, QLineEdit) and target.echoMode() != QLineEdit.EchoMode.Normal:
        return False
    return not target.inputMethodHints() & _LATIN_HINTS


def placement(field: QRect, size: tuple[int, int], screen: QRect) -> QRect:
    """Where the keyboard goes (global coordinates): below ``field`` when it fits on
    ``screen``, else above it, else on the side with more room; centred on the field and
    kept on the screen."""
    w, h = size
    x = min(max(field.center().x() - w // 2, screen.left()), screen.right() + 1 - w)
    below, above = field.bottom() + 1 + MARGIN, field.top() - MARGIN - h
    if below + h <= screen.bottom() + 1:
        y = below
    elif above >= screen.top():
        y = above
    elif screen.bottom() - field.bottom() >= field.top() - screen.top():
        y = screen.bottom() + 1 - h
    else:
        y = screen.top()
    return QRect(x, y, w, h)


class _Key(QPushButton):
    """A key of a set size: the theme's button minimums (made for ordinary buttons) must not
    shrink or stretch it, so its size hint is the size it was made with."""

    def __init__(self, text: str, on_tap: Callable[[], None], width: int = KEY_W) -> None:
        super().__init__(text)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap never moves focus off the field
        self._size = QSize(width, KEY_H)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(self._size)
        self.setAutoRepeat(False)
        self.clicked.connect(on_tap)

    def set_height(self, height: int) -> None:
        self._size = QSize(self._size.width(), height)
        self.setFixedSize(self._size)

    def sizeHint(self) -> QSize:
        return QSize(self._size)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._size)


class TouchKeyboard(QFrame):
    """The keyboard window; one per application (:meth:`install`)."""

    _instance: TouchKeyboard | None = None

    @classmethod
    def install(cls) -> TouchKeyboard:
        """The application's keyboard, made and wired on first use."""
        if cls._instance is None or not shiboken6.isValid(cls._instance):
            cls._instance = cls()
        return cls._instance

    def __init__(self) -> None:
        # A tool-tip kind of window: shown on top without ever being activated (so the field
        # keeps the focus on every platform), frameless, outside the window manager's say.
        super().__init__(None, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("TouchKeyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: TextTarget | None = None
        self._anchor: QWidget | None = None
        self._shift = False
        self._katakana = False
        self._kana_allowed = False
        self._free_text_page: QWidget | None = None  # the layout last chosen for free text
        self._key_h = KEY_H
        self.pages = QStackedWidget()
        self.letters = self._letters_page()
        self.kana = self._kana_page()
        self.numbers = self._numbers_page()
        for page in (self.letters, self.kana, self.numbers):
            self.pages.addWidget(page)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(GAP * 2, GAP * 2, GAP * 2, GAP * 2)
        lay.addWidget(self.pages)
        self.retranslate()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        app.installEventFilter(self)  # taps on text fields, anywhere

    # -- building -------------------------------------------------------------------------
    def _grid(self, rows: tuple[str, ...] | tuple[tuple[str, ...], ...], width: int = KEY_W,
              typer: Callable[[str], Callable[[], None]] | None = None,
              ) -> tuple[QGridLayout, list[_Key]]:
        grid = QGridLayout()
        grid.setSpacing(GAP)
        keys: list[_Key] = []
        for r, row in enumerate(rows):
            for c, ch in enumerate(row):
                key = _Key(ch, (typer or self._typer)(ch), width)
                key.setProperty("char", ch)
                grid.addWidget(key, r, c)
                keys.append(key)
        return grid, keys

    def _typer(self, ch: str) -> Callable[[], None]:
        return lambda: self._type(ch)

    def _kana_typer(self, ch: str) -> Callable[[], None]:
        if ch in MARKS:
            return lambda: self._apply_mark(ch)
        return lambda: self._insert(katakana(ch) if self._katakana else ch)

    @staticmethod
    def _page(grid: QGridLayout, bottom: QHBoxLayout | None = None) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(GAP)
        lay.addLayout(grid)
        if bottom is not None:
            lay.addLayout(bottom)
        lay.addStretch(1)
        return page

    @staticmethod
    def _row(*keys: _Key) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(GAP)
        for key in keys:
            row.addWidget(key)
        row.addStretch(1)
        return row

    def _letters_page(self) -> QWidget:
        grid, self._letter_keys = self._grid(LETTER_ROWS)
        self.shift_key = _Key("⇧", self._toggle_shift, KEY_W + 20)
        self.shift_key.setCheckable(True)
        self.at_key = _Key("@", self._typer("@"))
        self.space_key = _Key("", self._typer(" "), KEY_W * 3 + GAP * 2)
        self.to_numbers = _Key("", lambda: self._show_page(self.numbers))
        self.to_kana = _Key("", lambda: self._show_page(self.kana))
        self.back_key = _Key("⌫", self._backspace, KEY_W + 20)
        self.enter_key = _Key("", self._enter, KEY_W * 2)
        self.hide_key = _Key("", self.close_keyboard, KEY_W + 40)
        return self._page(grid, self._row(
            self.shift_key, self.at_key, self.to_numbers, self.to_kana, self.space_key,
            self.back_key, self.enter_key, self.hide_key))

    def _kana_page(self) -> QWidget:
        grid, self._kana_keys = self._grid(KANA_ROWS, typer=self._kana_typer)
        for key in self._kana_keys:
            if key.property("char") in MARKS:
                key.setProperty("mark", True)  # the theme draws ゛゜ larger: small glyphs
        self.script_key = _Key("", self._toggle_script, KEY_W * 2)
        self.script_key.setCheckable(True)
        self.kana_to_letters = _Key("", lambda: self._show_page(self.letters))
        self.kana_to_numbers = _Key("", lambda: self._show_page(self.numbers))
        self.kana_space = _Key("", lambda: self._insert(" "), KEY_W * 3 + GAP * 2)
        self.kana_back = _Key("⌫", self._backspace, KEY_W + 20)
        self.kana_enter = _Key("", self._enter, KEY_W * 2)
        self.kana_hide = _Key("", self.close_keyboard, KEY_W + 40)
        return self._page(grid, self._row(
            self.script_key, self.kana_to_letters, self.kana_to_numbers, self.kana_space,
            self.kana_back, self.kana_enter, self.kana_hide))

    def _numbers_page(self) -> QWidget:
        wide = KEY_W + 24
        grid, self._number_keys = self._grid(NUMPAD_ROWS, wide)
        self.num_back = _Key("⌫", self._backspace, wide)
        self.num_enter = _Key("", self._enter, wide)
        self.to_letters = _Key("", lambda: self._show_page(self.letters), wide)
        self.num_hide = _Key("", self.close_keyboard, wide)
        for row, key in enumerate((self.num_back, self.num_enter, self.to_letters,
                                   self.num_hide)):
            grid.addWidget(key, row, 3)
        self.num_to_kana = _Key("", lambda: self._show_page(self.kana), wide)
        grid.addWidget(self.num_to_kana, 2, 4)
        return self._page(grid)

    @property
    def _all_keys(self) -> list[_Key]:
        return [k for page in (self.letters, self.kana, self.numbers)
                for k in page.findChildren(_Key)]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for key in (self.space_key, self.kana_space):
            key.setText(self.tr("Space"))
        multi = isinstance(self._target, QPlainTextEdit)
        for key in (self.enter_key, self.num_enter, self.kana_enter):
            key.setText(self.tr("New line") if multi else self.tr("Enter"))
        for key in (self.hide_key, self.num_hide, self.kana_hide):
            key.setText(self.tr("Close"))
        # The layout keys: each names the layout it opens.
        for key in (self.to_letters, self.kana_to_letters):
            key.setText(self.tr("ABC"))
        for key in (self.to_numbers, self.kana_to_numbers):
            key.setText(self.tr("123"))
        for key in (self.to_kana, self.num_to_kana):
            key.setText(self.tr("Kana"))
        self.script_key.setText(self.tr("Katakana"))

    # -- opening and closing ---------------------------------------------------------------
    @property
    def target(self) -> TextTarget | None:
        return self._target

    def open_for(self, widget: QWidget | None) -> None:
        """Show the keyboard for ``widget``'s text field (None or not a text field: keys go
        to the focused widget as key presses)."""
        target = text_target(widget)
        self._set_target(target)
        anchor = target or widget or QApplication.activeWindow()
        if anchor is None:
            return
        window = anchor.window()
        if self.parentWidget() is not window:
            # Belonging to the field's window: usable inside modal dialogs, and on top of it
            # (and given back before that window goes, see eventFilter).
            self._release_parent()
            self.setParent(window, self.windowFlags())
        self._anchor = anchor if target is not None else None
        self._kana_allowed = target is not None and allows_kana(target)
        for key in (self.to_kana, self.num_to_kana):
            key.setVisible(self._kana_allowed)
        if target is not None and wants_numbers(target):
            page = self.numbers
        elif self._kana_allowed and self._free_text_page is not None:
            page = self._free_text_page
        else:
            page = self.letters
        self._show_page(page, window)
        self.show()  # a tool-tip kind of window: mapped on top, never activated

    def _show_page(self, page: QWidget, window: QWidget | None = None) -> None:
        """Show one layout, the keyboard sized to it and placed again beside the field."""
        if page is self.kana and not self._kana_allowed:
            page = self.letters
        if self._kana_allowed and page is not self.numbers:
            self._free_text_page = page
        for each in (self.letters, self.kana, self.numbers):
            # Only the shown layout counts for the keyboard's size.
            ignored = QSizePolicy.Policy.Ignored
            each.setSizePolicy(QSizePolicy() if each is page else QSizePolicy(ignored, ignored))
        self.pages.setCurrentWidget(page)
        self._set_key_height(KEY_H)
        if self._anchor is not None:
            self._place(self._anchor)
        else:
            self._fit()
            self._place_low(window or self.parentWidget() or page.window())

    def toggle(self) -> None:
        """The header's keyboard button: open for the focused field, or close."""
        if self.isVisible():
            self.close_keyboard()
        else:
            self.open_for(QApplication.focusWidget())

    def close_keyboard(self) -> None:
        self.hide()
        self._set_target(None)

    def _release_parent(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.hide()
            self.setParent(None, self.windowFlags())

    def _set_target(self, target: TextTarget | None) -> None:
        self._target = target
        if target is None:
            self._anchor = None
        self.retranslate()

    def _set_key_height(self, height: int) -> None:
        if height != self._key_h:
            self._key_h = height
            for key in self._all_keys:
                key.set_height(height)

    def _fit(self) -> None:
        page = self.pages.currentWidget()
        page.adjustSize()
        self.pages.adjustSize()
        self.adjustSize()

    def _place(self, anchor: QWidget) -> None:
        screen = (anchor.screen() or QApplication.primaryScreen()).availableGeometry()
        field = QRect(anchor.mapToGlobal(QPoint(0, 0)), anchor.size())
        size = self._size_for(field, screen)
        spot = placement(field, size, screen)
        if spot.intersects(field) and isinstance(anchor, QPlainTextEdit):
            # A tall text box: keep clear of the line being typed instead.
            line = anchor.cursorRect()
            field = QRect(anchor.viewport().mapToGlobal(line.topLeft()), line.size())
            spot = placement(field, size, screen)
        self.setGeometry(spot)

    def _size_for(self, field: QRect, screen: QRect) -> tuple[int, int]:
        """The keyboard's size beside ``field``: its keys shortened (not below MIN_KEY_H)
        when neither the room above nor below the field holds it at full height."""
        self._fit()
        hint = self.sizeHint()
        room = max(screen.bottom() - field.bottom() - MARGIN, field.top() - screen.top()
                   - MARGIN)
        if hint.height() > room:
            rows = self.pages.currentWidget().height() // (self._key_h + GAP) or 1
            spare = (hint.height() - room + rows - 1) // rows
            self._set_key_height(max(MIN_KEY_H, self._key_h - spare))
            self._fit()
            hint = self.sizeHint()
        return max(hint.width(), self.minimumSizeHint().width()), hint.height()

    def _place_low(self, window: QWidget) -> None:
        """No field to keep clear of (typed entry into a flow): low in the window, above its
        bottom strip, so the alarm banner, the header and the offline state stay in sight."""
        hint = self.sizeHint()
        frame = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
        x = frame.center().x() - hint.width() // 2
        y = frame.bottom() + 1 - BOTTOM_CLEARANCE - hint.height()
        self.setGeometry(QRect(max(x, frame.left()), max(y, frame.top()), hint.width(),
                               hint.height()))

    # -- the application's focus -----------------------------------------------------------
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Moving on with the keyboard open: it follows to the next text field, and closes
        when a button or list takes the focus."""
        if new is None or new.window() is self or not self.isVisible():
            return  # the window lost activation (or the keyboard got it): nothing moved
        if text_target(new) is not None:
            self.open_for(new)
        elif self._target is not None:
            QTimer.singleShot(0, self._close_unless_text_focused)

    def _follow_focus(self) -> None:
        """After Enter: on to the field the form moved to (its window's focus, which holds
        even where the platform sends no focus change), or closed if none."""
        window = self.parentWidget()
        if window is None or not self.isVisible():
            return
        focused = window.focusWidget()
        if text_target(focused) is not None:
            if text_target(focused) is not self._target:
                self.open_for(focused)
        else:
            self.close_keyboard()

    def _close_unless_text_focused(self) -> None:
        if text_target(QApplication.focusWidget()) is None:
            self.close_keyboard()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease and isinstance(obj, QWidget):
            # A tap on a text field (or on a text box's viewport) opens the keyboard for it.
            parent = obj.parentWidget()
            widget = parent if isinstance(parent, QPlainTextEdit) else obj
            target = text_target(widget)
            if target is not None and widget.window() is not self and (
                    not self.isVisible() or self._target is not target):
                self.open_for(widget)
        elif obj is self.parentWidget() and kind in (QEvent.Type.Hide, QEvent.Type.Close):
            self._release_parent()  # its window closes: the keyboard must outlive it
            self._set_target(None)
        return False

    # -- typing ------------------------------------------------------------------------------
    def _toggle_shift(self) -> None:
        self._shift = not self._shift
        self.shift_key.setChecked(self._shift)
        for key in self._letter_keys:
            ch = str(key.property("char"))
            key.setText(ch.upper() if self._shift else ch)

    def _toggle_script(self) -> None:
        """Hiragana ↔ katakana: the keys show (and type) the other script."""
        self._katakana = not self._katakana
        self.script_key.setChecked(self._katakana)
        for key in self._kana_keys:
            ch = str(key.property("char"))
            key.setText(katakana(ch) if self._katakana else ch)

    def _type(self, ch: str) -> None:
        self._insert(ch.upper() if self._shift else ch)

    def _apply_mark(self, mark: str) -> None:
        """゛ or ゜ on the character before the cursor (か→が); nothing when it takes none."""
        target = self._live_target()
        if isinstance(target, QLineEdit) and not target.hasSelectedText():
            pos = target.cursorPosition()
            marked = with_mark(target.text()[pos - 1:pos], mark)
            if marked is not None:
                target.backspace()
                target.insert(marked)
        elif isinstance(target, QPlainTextEdit) and not target.textCursor().hasSelection():
            cursor = target.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter,
                                QTextCursor.MoveMode.KeepAnchor)
            marked = with_mark(cursor.selectedText(), mark)
            if marked is not None:
                cursor.insertText(marked)
                target.setTextCursor(cursor)

    def _insert(self, text: str) -> None:
        target = self._live_target()
        if isinstance(target, QLineEdit):
            target.insert(text)
        elif isinstance(target, QPlainTextEdit):
            target.insertPlainText(text)
        else:
            self._press(Qt.Key.Key_unknown, text)

    def _backspace(self) -> None:
        target = self._live_target()
        if isinstance(target, QLineEdit):
            target.backspace()
        elif isinstance(target, QPlainTextEdit):
            target.textCursor().deletePreviousChar()
        else:
            self._press(Qt.Key.Key_Backspace, "")

    def _enter(self) -> None:
        target = self._live_target()
        if isinstance(target, QPlainTextEdit):
            target.insertPlainText("\n")
        elif isinstance(target, QLineEdit):
            # Return to the field itself, as a hardware key would (validation, the dialog's
            # default button, moving on to the next field).
            self._press(Qt.Key.Key_Return, "\r", target)
            QTimer.singleShot(0, self._follow_focus)
        else:
            self._press(Qt.Key.Key_Return, "\r")

    def _live_target(self) -> TextTarget | None:
        target = self._target
        try:
            return target if target is not None and target.isVisible() else None
        except RuntimeError:  # the dialog it belonged to is gone
            self._target = None
            return None

    @staticmethod
    def _press(key: Qt.Key, text: str, to: QWidget | None = None) -> None:
        receiver = to or QApplication.focusWidget() or QApplication.activeWindow()
        if receiver is None:
            return
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(receiver, QKeyEvent(kind, key,
                                                       Qt.KeyboardModifier.NoModifier, text))
