"""The column of a batch's steps: one touch row per step with its number, name (in the
user's language) and state in words — done (who, when, verified by), current, awaiting a
signature (on whom), blocked, locked — coloured by state; touching a row selects it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QPushButton, QScrollArea, QVBoxLayout, QWidget

from operator_console.application.batch_progress import BatchSnapshot
from operator_console.domain.batch_execution.progress import BatchProgress, StepProgress, StepState
from operator_console.ui.names.batches import (
    exception_description,
    exception_kind_name,
    exception_state_name,
    severity_name,
    step_state_name,
    waits_text,
)
from operator_console.ui.names.formatting import format_local
from operator_console.ui.widgets.alarm_banner import language_code
from operator_console.ui.widgets.basics import set_state, styled

_ROW_STATE = {StepState.DONE: "ok", StepState.CURRENT: "current", StepState.BLOCKED: "alarm",
              StepState.AWAITING_SIGNATURE: "warn", StepState.LOCKED: ""}


def state_line(p: StepProgress, narrow: bool = False) -> str:
    """'Done: John Smith, 2026-12-01 14:20 UTC / verified by 佐藤 健', 'Awaiting signature:
    waiting for verification by a second person'. Names as printed on the signatures.
    ``narrow`` (a step row): who it waits on goes on a line of its own, so it is not cut."""
    line = step_state_name(p.state)
    rec = p.record
    if p.state is StepState.DONE and rec is not None:
        line += QCoreApplication.translate("BatchDetail", ": %1, %2").replace(
            "%1", rec.performer_name or rec.performed_by or "-").replace(
            "%2", format_local(rec.performed_at, seconds=False) if rec.performed_at else "-")
        if rec.verified_by:
            line += QCoreApplication.translate("BatchDetail", "\n   verified by %1").replace(
                "%1", rec.verifier_name or rec.verified_by)
    elif p.state is StepState.AWAITING_SIGNATURE:
        line += ("\n   " + waits_text(p.waits_on)) if narrow else QCoreApplication.translate(
            "BatchDetail", ": %1").replace("%1", waits_text(p.waits_on))
    return line


def exception_lines(snap: BatchSnapshot | None) -> str:
    """The batch's exceptions, open before dispositioned, the most severe first."""
    if snap is None or not snap.exceptions:
        return QCoreApplication.translate("BatchDetail", "No exceptions.")
    lines = [QCoreApplication.translate("BatchDetail", "Exceptions of this batch:")]
    ordered = sorted(enumerate(snap.exceptions), key=lambda ie: (
        ie[1].state.value != "open", -ie[1].severity.rank, ie[0]))
    lang = language_code()
    for _i, e in ordered:
        step = snap.step(e.step_id)
        where = step.name.in_language(lang) if step is not None else (e.step_id or "-")
        lines.append(QCoreApplication.translate("BatchDetail", "• %1 — %2 (%3) — %4").replace(
            "%1", severity_name(e.severity)).replace("%2", exception_kind_name(e.kind))
            .replace("%3", where).replace("%4", exception_state_name(e.state)))
        lines.append("   " + exception_description(e.kind.value, e.evidence,
                                                   description=e.description, step=step))
    return "\n".join(lines)


class StepList(QScrollArea):
    sig_selected = Signal(str)
    """A step's row was touched: (step ID)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        self._shown: str | None = None  # the selected step last scrolled into view
        host = QWidget()
        self._lay = QVBoxLayout(host)
        self._lay.setContentsMargins(0, 0, 8, 0)
        self._lay.setSpacing(6)
        self._lay.addStretch(1)
        self.setWidget(host)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFixedWidth(560)

    def show_progress(self, progress: BatchProgress | None, selected: str | None) -> None:
        """Rows for ``progress``'s steps (made once per recipe), states and words updated."""
        ids = [p.step.step_id for p in progress.steps] if progress is not None else []
        if ids != list(self.buttons):
            for btn in self.buttons.values():
                self._lay.removeWidget(btn)
                btn.hide()
                btn.deleteLater()
            self.buttons = {}
            for i, step_id in enumerate(ids):
                btn = QPushButton()
                btn.setObjectName(f"step_{step_id}")
                styled(btn, "stepRow")
                btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                btn.clicked.connect(lambda _c=False, k=step_id: self.sig_selected.emit(k))
                self._lay.insertWidget(i, btn)
                btn.show()
                self.buttons[step_id] = btn
        if progress is None:
            return
        lang = language_code()
        for i, p in enumerate(progress.steps, start=1):
            btn = self.buttons[p.step.step_id]
            set_state(btn, _ROW_STATE[p.state])
            btn.setText(f"{i}. {p.step.name.in_language(lang)}\n   " + state_line(p, True))
            chosen = "true" if p.step.step_id == selected else "false"
            if btn.property("selected") != chosen:
                btn.setProperty("selected", chosen)
                btn.style().unpolish(btn)
                btn.style().polish(btn)
        if selected in self.buttons and selected != self._shown:
            # A late step (cassette unload, hand-over) is far down the list: bring it into
            # view once it is laid out, each time another step is selected.
            self._shown = selected
            QTimer.singleShot(0, self, self._reveal)  # not after the list is gone

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._shown is not None:  # a banner above took room: keep the step in view
            QTimer.singleShot(0, self, self._reveal)  # not after the list is gone

    def _reveal(self) -> None:
        btn = self.buttons.get(self._shown or "")
        if btn is not None:
            self.ensureWidgetVisible(btn, 0, 24)
