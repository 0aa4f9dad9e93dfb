"""One batch: every step (done with who and when, current, awaiting a signature, locked),
the current step's instruction in the user's language and its screen, the batch's
exceptions, and a clear banner while an open critical exception blocks it. The step screen
asks for attempts; this view runs them on the worker, shows the verdict, opens the
signature dialog for the step record and, after each signature, has the signature's own
exceptions (offline, late) written. Which step may be done is the state machine's answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from operator_console.application.batch_progress import BatchSnapshot
from operator_console.application.batch_steps import BatchSteps, StepCheck
from operator_console.auth.signing_service import GuardRefusedError, SigningService
from operator_console.cassettes.service import CassetteService
from operator_console.domain.batch_execution.progress import StepProgress, StepState
from operator_console.domain.batch_execution.verdicts import Verdict
from operator_console.domain.demo_batches import DEMO_STEP_LABELS
from operator_console.domain.recipes import StepType
from operator_console.store.users import UserInfo
from operator_console.ui.dialogs.raise_exception import RaiseExceptionDialog
from operator_console.ui.dialogs.signature import SignatureDialog
from operator_console.ui.names.batches import (
    exception_kind_name,
    step_type_name,
    verdict_text,
)
from operator_console.ui.names.recipe_names import remember_recipes
from operator_console.ui.pages.batches.phase_screens import (
    CassetteScreen,
    LiveValues,
    PhaseScreen,
    TracesFactory,
)
from operator_console.ui.pages.batches.screens import (
    ChecklistScreen,
    DataEntryScreen,
    InstructionScreen,
    ReagentScreen,
    ScanScreen,
    StepScreen,
)
from operator_console.ui.pages.batches.step_list import StepList, exception_lines, state_line
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.alarm_banner import language_code
from operator_console.ui.widgets.basics import button, label, set_state

log = logging.getLogger(__name__)


class BatchDetail(QWidget):
    sig_back = Signal()
    """The operator went back to the list."""
    sig_changed = Signal()
    """Something of the batch was recorded (records, exceptions)."""
    sig_show_traces = Signal()
    """The phase screen asked for the live traces."""

    def __init__(self, steps: BatchSteps, signing: SigningService, cassettes: CassetteService,
                 runner: TaskRunner, demo_labels: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BatchDetail")
        self._steps, self._signing, self._cassettes = steps, signing, cassettes
        self._runner, self._demo_labels = runner, tuple(demo_labels)
        self.user: UserInfo | None = None
        self.live: LiveValues = dict
        self.traces: TracesFactory | None = None
        self.channel_names: dict[str, tuple[str, str]] = {}
        self.snapshot: BatchSnapshot | None = None
        self.selected: str | None = None
        self.step_screen: StepScreen | None = None
        self.busy = False
        self.dialog: SignatureDialog | None = None
        self._result_fn: Callable[[], str] | None = None
        self._result_ok = True
        self._follow = True  # show the step to do next (else the one the operator touched)
        self._wanted: str | None = None  # the batch shown (answers for another are dropped)

        self.back_button = button()
        self.back_button.setObjectName("batchBack")
        self.back_button.clicked.connect(self.sig_back)
        self.title = label("title")
        self.subtitle = label("hint")
        self.raise_button = button("danger")
        self.raise_button.setObjectName("raiseException")
        self.raise_button.clicked.connect(self._raise_by_hand)
        for b in (self.back_button, self.raise_button):
            b.setMinimumHeight(72)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.blocked_banner = label()
        self.blocked_banner.setObjectName("batchBlocked")
        self.steps_view = StepList()
        self.steps_view.sig_selected.connect(self._select)
        self.step_title = label("title")
        self.step_title.setObjectName("stepTitle")
        self.step_state = label("subtitle")
        self.step_state.setObjectName("stepState")
        self.instruction = label("subtitle")
        self.instruction.setObjectName("stepInstruction")
        self.result = label("subtitle")
        self.result.setObjectName("stepResult")
        self.screen_host = QVBoxLayout()
        self.exceptions = label()
        self.exceptions.setObjectName("batchExceptions")
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(8, 0, 8, 0)
        for w in (self.step_title, self.step_state, self.instruction):
            right_lay.addWidget(w)
        right_lay.addLayout(self.screen_host, 1)
        right_lay.addWidget(self.result)
        right_lay.addWidget(self.exceptions)
        right_area = QScrollArea()
        right_area.setWidget(right)
        right_area.setWidgetResizable(True)
        right_area.setFrameShape(QFrame.Shape.NoFrame)

        head = QHBoxLayout()
        head.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self.raise_button)
        body = QHBoxLayout()
        body.addWidget(self.steps_view)
        body.addWidget(right_area, 1)
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 14, 24, 14)
        root.addLayout(head)
        root.addWidget(self.blocked_banner)
        root.addLayout(body, 1)
        self.retranslate()

    # -- showing a batch ----------------------------------------------------------------------
    def show_batch(self, batch_id: str) -> None:
        self._wanted = batch_id
        self.selected, self._follow = None, True
        self._clear_screen()
        self._result_fn = None
        self.reload(batch_id)

    def show_batch_none(self) -> None:
        """Leave the batch: nothing of it (nor a half-entered step) stays."""
        self._clear_screen()
        self.snapshot, self.selected, self._result_fn = None, None, None
        self._wanted = None

    def _step_names(self) -> dict[str, str]:
        """Step ID → the recipe's name in the current language (for refusals' texts)."""
        snap, lang = self.snapshot, language_code()
        if snap is None or snap.progress is None:
            return {}
        return {p.step.step_id: p.step.name.in_language(lang) for p in snap.progress.steps}

    def reload(self, batch_id: str | None = None) -> None:
        batch = batch_id or self._wanted
        if batch is not None:
            self._runner.submit(lambda: self._steps.snapshot(batch), self._show)

    def _show(self, snap: BatchSnapshot | None) -> None:
        if snap is None or snap.batch_id != self._wanted:
            return  # the operator left this batch meanwhile
        self.snapshot = snap
        progress = snap.progress
        if progress is not None:
            remember_recipes([progress.recipe])  # the signature dialog names its codes
        if progress is not None and (self._follow or self.selected is None
                                     or progress.of(self.selected) is None):
            current = progress.executable or tuple(p.step.step_id for p in progress.current)
            self.selected = current[0] if current else progress.steps[-1].step.step_id
        self._build_screen()
        self.retranslate()

    def _select(self, step_id: str) -> None:
        # The step touched stays shown (a parallel one to do, or a done or locked one to
        # look at) until the operator touches another or records it.
        self._follow = False
        if step_id == self.selected:
            return
        self.selected = step_id
        self._result_fn = None
        self._build_screen(force=True)
        self.retranslate()

    def _progress(self) -> StepProgress | None:
        snap = self.snapshot
        if snap is None or snap.progress is None or self.selected is None:
            return None
        return snap.progress.of(self.selected)

    def _clear_screen(self) -> None:
        if self.step_screen is not None:
            self.step_screen.hide()
            self.step_screen.deleteLater()
            self.step_screen = None

    def _build_screen(self, force: bool = False) -> None:
        p = self._progress()
        executable = p is not None and p.state is StepState.CURRENT
        if self.step_screen is not None and not force and executable and \
                self.step_screen.step.step_id == self.selected and \
                self.snapshot is not None and self.step_screen.batch_id == self.snapshot.batch_id:
            return  # keep what the operator has entered so far
        self._clear_screen()
        if p is None or not executable or self.snapshot is None:
            return
        screen = self._screen_for(self.snapshot.batch_id, p)
        demo = DEMO_STEP_LABELS.get(p.step.step_type.value, ()) if self._demo_labels else ()
        if demo:
            screen.add_demo_hint(demo)
        screen.sig_attempt.connect(self._attempt)
        if hasattr(screen, "sig_invalid"):
            screen.sig_invalid.connect(self._invalid)
        self.screen_host.addWidget(screen)
        screen.show()  # added to a shown view: not shown by itself
        self.step_screen = screen

    def _screen_for(self, batch_id: str, p: StepProgress) -> StepScreen:
        step, kind = p.step, p.step.step_type
        if kind is StepType.BAY_CLEARANCE:
            return ChecklistScreen(batch_id, step)
        if kind is StepType.INSTRUCTION:
            return InstructionScreen(batch_id, step)
        if kind is StepType.DATA_ENTRY:
            return DataEntryScreen(batch_id, step)
        if kind in (StepType.MATERIAL_RECEIPT, StepType.SAMPLE):
            return ScanScreen(batch_id, step)
        if kind is StepType.REAGENT:
            return ReagentScreen(batch_id, step)
        if kind is StepType.INSTRUMENT_PHASE:
            phase = PhaseScreen(batch_id, step, self._steps, self._runner, self.live,
                                self.traces, self.channel_names)
            phase.sig_show_traces.connect(self.sig_show_traces)
            return phase
        return CassetteScreen(batch_id, step, self._cassettes, self._runner, self.user,
                              self._demo_labels)

    @property
    def step_buttons(self) -> dict[str, QPushButton]:
        """The step rows, by step ID."""
        return self.steps_view.buttons

    def captures_scans(self) -> bool:
        return self.step_screen is not None and self.step_screen.captures_scans()

    # -- attempts -----------------------------------------------------------------------------
    def _attempt(self, job: Callable[[BatchSteps, str], StepCheck]) -> None:
        if self.busy or self.user is None:
            return
        steps, who = self._steps, self.user.user_id
        self.busy = True
        self._runner.submit(lambda: job(steps, who), self._checked, self._failed)

    def _invalid(self, what: str) -> None:
        self._set_result(False, lambda: self.tr("%1 is not a number or a date. Nothing was "
                                                "recorded.").replace("%1", what))

    def _checked(self, check: StepCheck) -> None:
        self.busy = False
        if check.started_at is not None and isinstance(self.step_screen, PhaseScreen):
            self.step_screen.phase_started(check.started_at)
            self._set_result(True, lambda: self.tr("Phase started."))
            return
        if check.exception_ids:
            self.sig_changed.emit()
        if not check.ok:
            verdict = check.verdict
            raised = len(check.exception_ids)
            self._set_result(False, lambda: "✗ " + verdict_text(verdict, self._step_names()) + (
                "\n" + self.tr("An exception was recorded (%1).").replace("%1", str(raised))
                if raised else ""))
            self.reload()
            return
        assert check.draft is not None and self.user is not None
        raised = len(check.exception_ids)
        self._set_result(True, lambda: self.tr("✓ Accepted. Sign the step record.") + (
            "\n" + self.tr("Exceptions recorded with it: %1.").replace("%1", str(raised))
            if raised else ""))
        dialog = SignatureDialog.for_draft(check.draft, self._signing, self._runner, self.user,
                                           parent=self)
        dialog.sig_signed.connect(self._signed)
        dialog.finished.connect(lambda _r: self._dialog_done(dialog))
        self.dialog = dialog
        dialog.open()

    def _signed(self, record_id: str, _meaning: str) -> None:
        exceptions = self._steps.exceptions
        self._runner.submit(lambda: exceptions.after_signature(record_id),
                            lambda _ids: self.sig_changed.emit(), self._failed)

    def _dialog_done(self, dialog: SignatureDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        if dialog.record_id is not None:
            self._clear_screen()
            self._result_fn = None
            self.selected, self._follow = None, True
        self.reload()
        self.sig_changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        log.error("batch step failed: %r", exc)
        if isinstance(exc, GuardRefusedError):
            self._set_result(False, lambda: self.tr("Not recorded: the batch changed "
                                                    "meanwhile. Look at its steps again."))
        else:
            self._set_result(False, lambda: self.tr("The step could not be checked. Nothing "
                                                    "was recorded; try again."))
        self.reload()

    def _set_result(self, ok: bool, fn: Callable[[], str]) -> None:
        self._result_fn, self._result_ok = fn, ok
        self.result.setText(fn())
        set_state(self.result, "ok" if ok else "alarm")

    def _raise_by_hand(self) -> None:
        if self.snapshot is None or self.user is None:
            return
        dialog = RaiseExceptionDialog(self)
        batch, step, who = self.snapshot.batch_id, self.selected, self.user.user_id
        exceptions = self._steps.exceptions

        def accepted() -> None:
            text, severity = dialog.description(), dialog.severity()
            self._runner.submit(lambda: exceptions.raise_manual(batch, step, text, severity,
                                                                who),
                                lambda _id: self._raised(), self._failed)
        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _raised(self) -> None:
        self.reload()
        self.sig_changed.emit()

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("◀ Batches"))
        self.raise_button.setText(self.tr("Raise an exception…"))
        snap, lang = self.snapshot, language_code()
        if snap is None:
            return
        recipe = snap.progress.recipe if snap.progress else None
        self.title.setText(self.tr("Batch %1").replace("%1", snap.batch_id))
        self.subtitle.setText(self.tr("Recipe %1 version %2 (SHA-256 %3…)").replace(
            "%1", snap.ref.recipe_id).replace("%2", str(snap.ref.version)).replace(
            "%3", snap.ref.recipe_hash[:12]) + (f" — {recipe.name.in_language(lang)}"
                                               if recipe else ""))
        blocking = snap.progress.blocking if snap.progress else ()
        self.blocked_banner.setVisible(bool(blocking))
        if blocking:
            self.blocked_banner.setText(self.tr(
                "BLOCKED: a critical exception is open (%1). No step may be done until QA has "
                "dispositioned it.").replace("%1", ", ".join(
                    exception_kind_name(e.kind) for e in blocking)))
        if snap.progress is None:
            self.step_title.setText(self.tr("The batch's recipe has not reached this station "
                                            "yet. Sync with the plant server."))
            return
        self.steps_view.show_progress(snap.progress, self.selected)
        sel = self._progress()
        if sel is not None:
            self.step_title.setText(sel.step.name.in_language(lang))
            self.step_state.setText(step_type_name(sel.step.step_type) + " — "
                                    + state_line(sel))
            self.instruction.setText(sel.step.instruction.in_language(lang))
            refusal = snap.progress.refusal(sel.step.step_id)
            if refusal is not None and sel.state is not StepState.DONE:
                code, params = refusal
                self.step_state.setText(self.step_state.text() + "\n" + verdict_text(
                    Verdict(code.value, params), self._step_names()))
        if self._result_fn is not None:
            self.result.setText(self._result_fn())
        else:
            self.result.setText("")
        self.exceptions.setText(exception_lines(self.snapshot))
