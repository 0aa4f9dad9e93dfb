"""The parts of the review that need judgement, as rows with their act in place, and the
collapsed rest (counted, one tap away). Widgets only: the page decides what to show."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from operator_console.application.review import ExceptionItem, OpenItem, Review
from operator_console.ui.names.batches import exception_description
from operator_console.ui.names.formatting import format_local
from operator_console.ui.names.review import exception_kind_name, open_item_name, severity_name
from operator_console.ui.names.sync import conflict_name
from operator_console.ui.widgets.basics import button, label, set_state


def clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def _pair(name: str, what: str) -> str:
    return QCoreApplication.translate("ReviewPage", "%1: %2").replace("%1", name).replace(
        "%2", what)


def _step_name(review: Review, step_id: str) -> str:
    """The step's name in the current language (its ID when the review does not name it)."""
    key = "name_ja" if QLocale().language() == QLocale.Language.Japanese else "name_en"
    step = next((s for s in review.steps if s.get("step") == step_id), None)
    return str(step.get(key) or step_id) if isinstance(step, dict) else step_id


def open_item_text(item: OpenItem, review: Review | None = None) -> str:
    """An open item in words: its kind, and what it is about."""
    name = open_item_name(item.kind)
    if item.kind == "open_exception" and review is not None:
        exc = next((e for e in review.exceptions if e.exception_id == item.ref), None)
        if exc is not None:
            step = f" · {_step_name(review, exc.step)}" if exc.step else ""
            return _pair(name, f"{severity_name(exc.severity)} · "
                               f"{exception_kind_name(exc.kind)}{step}")
    if item.kind in ("missing_entries", "execution_incomplete"):
        return _pair(name, item.ref)
    if item.kind in ("open_conflict", "pending_signature", "unchecked_offline_signature"):
        return _pair(name, item.ref[:8])
    return name


def exception_text_of(exc: ExceptionItem, review: Review | None) -> str:
    """The exception's sentence in the current language, with the recipe's names (as the
    plant server's review gives them) for what it is about."""
    step = next((s for s in review.steps if s.get("step") == exc.step), None) \
        if review is not None else None
    labels = step.get("labels") if isinstance(step, dict) else None
    return exception_description(exc.kind, exc.evidence, description=exc.description,
                                 labels=labels if isinstance(labels, dict) else None)


def exception_row(exc: ExceptionItem, on_disposition: Callable[[ExceptionItem], None],
                  step_names: dict[str, str] | None = None,
                  review: Review | None = None) -> QFrame:
    row = QFrame()
    row.setObjectName("reviewException")
    lay = QHBoxLayout(row)
    lay.setContentsMargins(12, 8, 12, 8)
    badge = label("subtitle")
    badge.setObjectName("severityBadge")
    badge.setText(severity_name(exc.severity))
    badge.setFixedWidth(110)
    set_state(badge, {"critical": "alarm", "major": "warn"}.get(exc.severity, "ok"))
    text = label()
    step_word = QCoreApplication.translate("ReviewPage", "step")
    named = (step_names or {}).get(exc.step or "")
    step = f" · {step_word} {named or exc.step}" if exc.step else ""
    when = format_local(exc.raised_at, seconds=False) if exc.raised_at else ""
    sentence = html.escape(exception_text_of(exc, review))
    text.setText(f"<b>{exception_kind_name(exc.kind)}</b>{step}<br>{sentence}"
                 f"<br><span style='color:#5a6470'>{exc.raised_by} · {when}</span>")
    lay.addWidget(badge)
    lay.addWidget(text, 1)
    d = exc.disposition or {}
    _act_or_done(lay, "dispositionButton", QCoreApplication.translate(
        "ReviewPage", "Disposition…") if exc.state == "open" else None,
        lambda: on_disposition(exc), QCoreApplication.translate(
            "ReviewPage", "Dispositioned by %1: %2").replace(
            "%1", str(d.get("printed_name", "?"))).replace("%2", str(d.get("reason", ""))))
    return row


def _act_or_done(lay: QHBoxLayout, name: str, act_text: str | None,
                 on_act: Callable[[], None], done_text: str) -> None:
    """The row's act while it is open (``act_text``), otherwise who closed it and how."""
    if act_text is not None:
        act = button("primary")
        act.setObjectName(name)
        act.setText(act_text)
        act.setMinimumHeight(56)
        act.clicked.connect(on_act)
        lay.addWidget(act)
    else:
        done = label("hint")
        done.setText(done_text)
        done.setMaximumWidth(520)
        lay.addWidget(done)


def conflict_row(conflict: dict[str, Any], on_resolve: Callable[[dict[str, Any]], None]
                 ) -> QFrame:
    """A conflict sync raised about the batch: what it is, and Resolve… while it is open (or
    who resolved it, and how)."""
    row = QFrame()
    row.setObjectName("reviewConflict")
    lay = QHBoxLayout(row)
    lay.setContentsMargins(12, 8, 12, 8)
    badge = label("subtitle")
    badge.setObjectName("severityBadge")
    badge.setText(QCoreApplication.translate("ReviewPage", "Conflict"))
    badge.setFixedWidth(110)
    set_state(badge, "warn" if conflict.get("status") == "open" else "ok")
    lay.addWidget(badge)
    text = label()
    when = format_local(str(conflict["created_at"]), seconds=False) \
        if conflict.get("created_at") else ""
    text.setText(f"<b>{conflict_name(str(conflict.get('kind', '')))}</b><br>"
                 f"{conflict.get('summary', '')}<br>"
                 f"<span style='color:#5a6470'>{when}</span>")
    lay.addWidget(text, 1)
    _act_or_done(lay, "resolveConflictButton", QCoreApplication.translate(
        "ReviewPage", "Resolve…") if conflict.get("status") == "open" else None,
        lambda: on_resolve(conflict), QCoreApplication.translate(
            "ReviewPage", "Resolved by %1: %2").replace(
            "%1", str(conflict.get("resolved_by") or "?")).replace(
            "%2", str(conflict.get("resolution") or "")))
    return row


def info_row(text: str) -> QFrame:
    row = QFrame()
    row.setObjectName("reviewInfo")
    lay = QHBoxLayout(row)
    lay.setContentsMargins(12, 6, 12, 6)
    body = label()
    body.setText(text)
    lay.addWidget(body, 1)
    return row


class Collapsible(QWidget):
    """A titled, counted section, collapsed until touched."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.toggle: QPushButton = button()
        self.toggle.setObjectName(f"{name}Toggle")
        self.toggle.setCheckable(True)
        self.toggle.setMinimumHeight(52)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(16, 4, 0, 4)
        self.body.hide()
        self.toggle.toggled.connect(self.body.setVisible)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.toggle)
        lay.addWidget(self.body)
        self._title: str = ""
        self._count: int = 0
        self._suffix: str = ""
        self.toggle.toggled.connect(lambda _on: self.set_title(self._title, self._count,
                                                               self._suffix))

    def set_title(self, title: str, count: int, suffix: str = "") -> None:
        self._title, self._count, self._suffix = title, count, suffix
        arrow = "▾" if self.toggle.isChecked() else "▸"
        counted = QCoreApplication.translate("ReviewPage", "%1 (%2)").replace(
            "%1", title).replace("%2", str(count))  # 全角括弧 in Japanese
        self.toggle.setText(f"{arrow} {counted}{suffix}")
