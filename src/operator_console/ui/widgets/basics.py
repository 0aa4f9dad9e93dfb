"""Small shared widget helpers for the touch theme."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget


def styled(widget: QWidget, role: str) -> QWidget:
    """Tag ``widget`` with a theme role (see resources/theme.qss) and re-polish it."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    return widget


def label(role: str = "", parent: QWidget | None = None) -> QLabel:
    lbl = QLabel(parent)
    lbl.setWordWrap(True)
    if role:
        styled(lbl, role)
    return lbl


def button(role: str = "", parent: QWidget | None = None) -> QPushButton:
    btn = QPushButton(parent)
    if role:
        styled(btn, role)
    return btn


def set_state(widget: QWidget, state: str) -> None:
    """Set the theme's ``state`` property (ok/warn/alarm/online/offline) and re-polish."""
    if widget.property("state") == state:
        return
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
