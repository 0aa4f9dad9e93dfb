"""Batches page: the station's batches, each with its current step and what it waits on
(a signature, a second person, QA for a critical exception); touching one opens it
(:class:`~operator_console.ui.pages.batches.detail.BatchDetail`). Where each batch stands is
read through ``application.batch_progress`` (via the ``BatchSteps`` use cases), offline too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QPushButton, QStackedWidget, QVBoxLayout, QWidget

from operator_console.application.batch_progress import BatchSnapshot
from operator_console.application.batch_steps import BatchSteps
from operator_console.auth.signing_service import SigningService
from operator_console.cassettes.service import CassetteService
from operator_console.domain.batch_execution.progress import StepState
from operator_console.store.users import UserInfo
from operator_console.ui.names.batches import exception_kind_name, step_state_name, waits_text
from operator_console.ui.names.recipe_names import remember_recipes
from operator_console.ui.names.review import batch_state_name
from operator_console.ui.pages.batches.detail import BatchDetail
from operator_console.ui.pages.batches.phase_screens import LiveValues, TracesFactory
from operator_console.ui.pages.batches.style import STYLE
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.alarm_banner import language_code
from operator_console.ui.widgets.basics import button, label, set_state, styled


def batch_line(snap: BatchSnapshot) -> tuple[str, str]:
    """(the current step(s) and what they wait on, the card's state) in the current language."""
    p = snap.progress
    if p is None:
        return (QCoreApplication.translate(
            "BatchesPage", "Recipe not received yet: sync with the plant server."), "warn")
    lang = language_code()
    if p.closed and snap.lifecycle is not None:
        return (QCoreApplication.translate(
            "BatchesPage", "Closed at the plant server: %1").replace(
            "%1", batch_state_name(snap.lifecycle)), "ok")
    if p.blocked:
        kinds = ", ".join(exception_kind_name(e.kind) for e in p.blocking)
        return (QCoreApplication.translate(
            "BatchesPage", "Blocked: critical exception (%1), waiting for QA").replace(
            "%1", kinds), "alarm")
    if p.complete:
        return (QCoreApplication.translate("BatchesPage", "All steps done"), "ok")
    parts = []
    for sp in p.current:
        text = f"{sp.step.name.in_language(lang)} — {step_state_name(sp.state)}"
        if sp.state is StepState.AWAITING_SIGNATURE:
            text += QCoreApplication.translate("BatchesPage", " (%1)").replace(
                "%1", waits_text(sp.waits_on))
        parts.append(text)
    waiting = all(sp.state is StepState.AWAITING_SIGNATURE for sp in p.current)
    return ("\n".join(parts), "warn" if waiting else "current")


class BatchesPage(QWidget):
    """``BatchesPage(steps, signing, cassettes, runner)``; :meth:`set_user` at login."""

    sig_changed = Signal()
    """A record or exception of a batch was written here."""
    sig_show_traces = Signal()
    """A phase screen asked for the live traces."""

    def __init__(self, steps: BatchSteps, signing: SigningService, cassettes: CassetteService,
                 runner: TaskRunner, demo_labels: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BatchesPage")
        self.setStyleSheet(STYLE)
        self._steps, self._runner = steps, runner
        self.snapshots: list[BatchSnapshot] = []
        self.heading = label("title")
        self.hint = label("hint")
        self.refresh_button = button()
        self.refresh_button.setObjectName("refreshBatches")
        self.refresh_button.clicked.connect(self.refresh)
        self.cards: dict[str, QPushButton] = {}
        self._cards_lay = QVBoxLayout()
        self._cards_lay.setSpacing(12)
        overview = QWidget()
        lay = QVBoxLayout(overview)
        lay.setContentsMargins(28, 20, 28, 20)
        lay.addWidget(self.heading)
        lay.addWidget(self.hint)
        lay.addLayout(self._cards_lay)
        lay.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)
        self.overview = overview
        self.detail = BatchDetail(steps, signing, cassettes, runner, demo_labels)
        self.detail.sig_back.connect(self.show_overview)
        self.detail.sig_changed.connect(self.sig_changed)
        self.detail.sig_show_traces.connect(self.sig_show_traces)
        self.stack = QStackedWidget()
        self.stack.addWidget(overview)
        self.stack.addWidget(self.detail)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.stack)
        self.retranslate()

    def set_user(self, user: UserInfo | None) -> None:
        before = self.detail.user
        self.detail.user = user
        if user is None or before is None or user.user_id != before.user_id:
            self.show_overview()

    def set_instruments(self, live: LiveValues, traces: TracesFactory,
                        names: dict[str, tuple[str, str]]) -> None:
        """Where phase screens read the instruments' latest values and get live traces;
        ``names``: channel key -> (Japanese, English) display name."""
        self.detail.live, self.detail.traces = live, traces
        self.detail.channel_names = dict(names)

    def record_signed(self, record_id: str) -> None:
        """A record was signed elsewhere (Records: a verification, a correction): the
        exceptions its signatures raise are written, and the batch re-read."""
        exceptions = self._steps.exceptions
        self._runner.submit(lambda: exceptions.after_signature(record_id),
                            lambda ids: self._followed(bool(ids)))

    def _followed(self, raised: bool) -> None:
        if raised:
            self.sig_changed.emit()
        self.refresh()

    def captures_scans(self) -> bool:
        """A step screen that takes scans is shown (it receives them wherever focus is)."""
        return self.isVisible() and self.detail.isVisible() and self.detail.captures_scans()

    def owns_keys(self) -> bool:
        """A step screen is shown: its scans and its fields' typing are its own (the
        workspace's catch-all for stray scans stays out of them)."""
        return self.isVisible() and self.detail.isVisible() and \
            self.detail.step_screen is not None

    def refresh(self) -> None:
        if self.stack.currentWidget() is self.detail:
            self.detail.reload()
        self._runner.submit(self._steps.batches, self._show)

    def open_batch(self, batch_id: str) -> None:
        self.stack.setCurrentWidget(self.detail)
        self.detail.show_batch(batch_id)

    def show_overview(self) -> None:
        self.detail.show_batch_none()
        self.stack.setCurrentWidget(self.overview)
        self.refresh()

    def _show(self, snapshots: list[BatchSnapshot]) -> None:
        self.snapshots = snapshots
        remember_recipes(s.progress.recipe for s in snapshots if s.progress is not None)
        for card in self.cards.values():
            card.hide()
            card.deleteLater()
        self.cards = {}
        for snap in snapshots:
            card = QPushButton()
            card.setObjectName(f"batch_{snap.batch_id}")
            styled(card, "batchCard")
            card.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            card.clicked.connect(lambda _c=False, b=snap.batch_id: self.open_batch(b))
            self._cards_lay.addWidget(card)
            card.show()
            self.cards[snap.batch_id] = card
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Batches"))
        self.hint.setText(self.tr("Batches of this station, with the step each is at. Touch "
                                  "a batch to open its steps.") if self.snapshots else
                          self.tr("No batch of this station has arrived from the plant "
                                  "server yet."))
        self.refresh_button.setText(self.tr("Refresh"))
        for snap in self.snapshots:
            card = self.cards.get(snap.batch_id)
            if card is None:
                continue
            line, state = batch_line(snap)
            card.setText(self.tr("Batch %1 · recipe %2 v%3").replace("%1", snap.batch_id)
                         .replace("%2", snap.ref.recipe_id).replace("%3", str(snap.ref.version))
                         + "\n" + line)
            set_state(card, state)
