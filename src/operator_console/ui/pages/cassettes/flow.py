"""The guided load and unload flows: one step at a time, every scan checked at once.

Load: batch → cassette label → bag label → bay → sign (performer, then verifier).
Unload: bay → cassette label (must be the one in the bay) → sign.

Scans arrive through :class:`~operator_console.ui.widgets.scan_capture.ScanCapture` whichever
widget of the flow has focus; batches and bays can also be touched. Each entry is checked by
the :class:`CassetteService` on the ``TaskRunner``; the answer is shown in large type with pass
or fail and the translated reason. A failure changes nothing: the step waits for another scan.
The screen decides nothing itself: the service checks everything again when the draft is
prepared and once more inside the commit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from operator_console.application.cassette_flow import (
    CHOICE_STEPS,
    CassetteFlowState,
    CheckResult,
    FlowMode,
    FlowStep,
)
from operator_console.cassettes.service import (
    CassetteRefusedError,
    CassetteService,
    Entry,
    LoadRequest,
)
from operator_console.domain.chain_of_identity import Check
from operator_console.domain.records import RecordDraft
from operator_console.store.cassettes import BatchSummary, BayView
from operator_console.store.users import UserInfo
from operator_console.ui.dialogs.signature import SignatureDialog
from operator_console.ui.names.cassettes import (
    bay_state_name,
    check_text,
    demo_description,
    entry_name,
    flow_step_name,
)
from operator_console.ui.names.record_content import step_name
from operator_console.ui.pages.cassettes.parts import STYLE, ChoiceGrid, ResultPanel
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.alarm_banner import language_code
from operator_console.ui.widgets.basics import button, label, set_state
from operator_console.ui.widgets.scan_capture import ScanCapture

log = logging.getLogger(__name__)

def bay_state_code(view: BayView) -> str:
    if view.conflict:
        return "conflict"
    if not view.in_service and view.state is None:
        return "out_of_service"
    return view.state.value if view.state is not None else "free"


class CassetteFlow(QWidget):
    """One flow widget for both modes; :meth:`begin` starts a load or an unload."""

    sig_closed = Signal()
    """The operator left the flow (cancelled, or finished after signing)."""
    sig_record_signed = Signal(str, str)
    """A signature was committed in the flow's dialog: (record ID, meaning code)."""
    sig_refused = Signal(str, object, str, bool)
    """A scanned or typed entry was refused (nothing changed): (flow step, the check, the
    raw text, True if typed) — a batch's cassette step records it as an exception."""

    def __init__(self, service: CassetteService, runner: TaskRunner,
                 demo_labels: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CassetteFlow")
        self.setStyleSheet(STYLE)
        self._service, self._runner = service, runner
        self._user: UserInfo | None = None
        self.state = CassetteFlowState()
        self.busy = False
        self.dialog: SignatureDialog | None = None
        self.last_record_id: str | None = None
        self._reason_fn: Callable[[], None] | None = None

        self.scanner = ScanCapture(self)
        self.scanner.sig_entered.connect(self._on_entry)
        self.scanner.sig_buffer_changed.connect(self._echo)
        self.title = label("title")
        self.cancel_button = button("danger")
        self.cancel_button.setObjectName("flowCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.steps_bar = QFrame()
        self.steps_bar.setObjectName("FlowSteps")
        self._steps_lay = QHBoxLayout(self.steps_bar)
        self._steps_lay.setContentsMargins(0, 0, 0, 0)
        self.step_labels: dict[str, QLabel] = {}
        self.instruction = label("subtitle")
        self.instruction.setObjectName("flowInstruction")
        self.choices = ChoiceGrid(self._on_choice, columns=3)
        self.echo = label("hint")
        self.echo.setObjectName("scanEcho")
        self.result = ResultPanel()
        self.summary = label("info")
        self.summary.setObjectName("flowSummary")
        self.start_over_button = button()
        self.start_over_button.setObjectName("flowStartOver")
        self.start_over_button.clicked.connect(lambda: self.begin(self.mode))
        self.sign_button = button("primary")
        self.sign_button.setObjectName("flowSign")
        self.sign_button.setMinimumWidth(320)
        self.sign_button.clicked.connect(self._prepare)
        self.demo_hint = label("hint")
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._demo_labels = tuple(demo_labels)
        for b in (self.cancel_button, self.start_over_button, self.sign_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter from a scanner never presses one

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.start_over_button)
        bottom.addStretch(1)
        bottom.addWidget(self.sign_button)
        root = QVBoxLayout(self)
        root.setContentsMargins(28, 16, 28, 16)
        root.setSpacing(10)
        root.addLayout(top)
        root.addWidget(self.steps_bar)
        body = QWidget()
        body.setObjectName("flowBody")
        body_lay = QVBoxLayout(body)
        body_lay.setContentsMargins(0, 0, 8, 0)
        for w in (self.instruction, self.choices, self.echo, self.result, self.summary):
            body_lay.addWidget(w)
        body_lay.addStretch(1)
        self.body_area = QScrollArea()
        self.body_area.setWidget(body)
        self.body_area.setWidgetResizable(True)
        self.body_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        root.addWidget(self.body_area, 1)
        self.demo_area = QScrollArea()
        self.demo_area.setObjectName("demoArea")
        self.demo_area.setWidget(self.demo_hint)
        self.demo_area.setWidgetResizable(True)
        self.demo_area.setMaximumHeight(120)
        self.demo_area.setFrameShape(QFrame.Shape.NoFrame)
        self.demo_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        root.addWidget(self.demo_area)
        root.addLayout(bottom)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.begin(FlowMode.LOAD)

    # -- public -------------------------------------------------------------------------------
    def set_user(self, user: UserInfo | None) -> None:
        """A new person: nothing of the previous person's flow stays on screen."""
        changed = (user.user_id if user else None) != (self._user.user_id if self._user
                                                       else None)
        self._user = user
        if changed:
            self.begin(self.mode)

    @property
    def user_id(self) -> str | None:
        return self._user.user_id if self._user is not None else None

    @property
    def mode(self) -> FlowMode:
        return self.state.mode

    @property
    def step(self) -> FlowStep:
        return self.state.step

    @property
    def steps(self) -> tuple[FlowStep, ...]:
        return self.state.steps

    def begin(self, mode: FlowMode | str, bay_id: str | None = None,
              batch_id: str | None = None) -> None:
        """Start a fresh load or unload (optionally with the bay, or for a load the batch,
        already chosen: a batch's cassette step starts the load for its batch)."""
        self.state = CassetteFlowState(FlowMode(mode))
        self.last_record_id = None
        self._reason_fn = None  # else the previous flow's verdict is drawn again
        self.result.show_nothing()
        self.scanner.clear()
        self._build_steps()
        self._enter()
        if bay_id is not None and self.mode is FlowMode.UNLOAD:
            self._submit_entry(bay_id, Entry.CHOSEN)
        elif batch_id is not None and self.mode is FlowMode.LOAD:
            self._submit_entry(batch_id, Entry.CHOSEN)

    def cancel(self) -> None:
        if not self.busy:
            self.sig_closed.emit()

    # -- Qt -----------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        self.scanner.start()
        self.setFocus()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.scanner.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Load a cassette") if self.mode is FlowMode.LOAD
                           else self.tr("Unload a cassette"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.start_over_button.setText(self.tr("Start over"))
        self.sign_button.setText(self.tr("Sign…"))
        for i, (key, lbl) in enumerate(self.step_labels.items()):
            done = key in self.state.accepted
            lbl.setText(f"{i + 1}  {flow_step_name(key)}" + ("  ✓" if done else ""))
        self.instruction.setText(self._instruction())
        self._update_summary()
        if self._reason_fn is not None:
            self._reason_fn()
        if self._demo_labels:
            self.demo_hint.setText(self.tr("Demo labels to type (fast, then Enter):") + "\n"
                                   + "\n".join(f"{text}    — {demo_description(what)}"
                                               for what, text in self._demo_labels
                                               if self._demo_relevant(text)))
        self.demo_area.setVisible(bool(self._demo_labels) and self.state.expects_entry)

    def _demo_relevant(self, text: str) -> bool:
        kind = (FlowStep.CASSETTE if text.startswith("(") else FlowStep.BAG
                if text.startswith("=") else FlowStep.BAY)
        return kind is self.step

    def _instruction(self) -> str:
        load = self.mode is FlowMode.LOAD
        if self.step is FlowStep.BATCH:
            return self.tr("Touch the batch, or scan its batch number.")
        if self.step is FlowStep.CASSETTE and load:
            return self.tr("Scan the cassette label (GS1 DataMatrix on the cassette).")
        if self.step is FlowStep.CASSETTE:
            return self.tr("Scan the label of the cassette you are taking out.")
        if self.step is FlowStep.BAG:
            return self.tr("Scan the patient-material bag label (ISBT 128).")
        if self.step is FlowStep.BAY and load:
            return self.tr("Touch or scan the bay to load the cassette into.")
        if self.step is FlowStep.BAY:
            return self.tr("Touch or scan the bay to unload.")
        return self.tr("All checks passed. Sign as performer; then a second person verifies.")

    # -- steps --------------------------------------------------------------------------------
    def _build_steps(self) -> None:
        while self._steps_lay.count():
            item = self._steps_lay.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.step_labels = {}
        for key in self.steps:
            lbl = QLabel()
            lbl.setObjectName(f"step_{key}")
            self._steps_lay.addWidget(lbl)
            self.step_labels[key] = lbl
        self._steps_lay.addStretch(1)

    def _enter(self) -> None:
        step = self.step
        for key, lbl in self.step_labels.items():
            set_state(lbl, "current" if key == step
                      else "done" if key in self.state.accepted else "")
        self.sign_button.setVisible(step is FlowStep.SIGN)
        self.choices.set_choices([])
        self.choices.setVisible(step in CHOICE_STEPS)
        if step is FlowStep.BATCH:
            self._runner.submit(self._service.list_batches, self._show_batches)
        elif step is FlowStep.BAY:
            self._runner.submit(self._service.bays_overview, self._show_bays)
        self.retranslate()

    def _show_batches(self, batches: list[BatchSummary]) -> None:
        if self.step is FlowStep.BATCH:
            sep = "、" if language_code() == "ja" else ", "
            self.choices.set_choices([(b.batch_id, f"{b.batch_id}\n{b.patient_id}{sep}"
                                       f"{step_name(b.current_step)}", "") for b in batches])

    def _show_bays(self, bays: list[BayView]) -> None:
        if self.step is not FlowStep.BAY:
            return
        state = {"free": "", "out_of_service": "off"}
        self.choices.set_choices([
            (b.bay_id, f"{b.bay_id}\n{bay_state_name(bay_state_code(b))}",
             state.get(bay_state_code(b), "alarm" if self.mode is FlowMode.LOAD else ""))
            for b in bays])

    # -- entries ------------------------------------------------------------------------------
    def _echo(self, text: str) -> None:
        self.echo.setText(self.tr("Reading: %1").replace("%1", text) if text else "")

    def _on_choice(self, key: str) -> None:
        self._submit_entry(key, Entry.CHOSEN)

    def _on_entry(self, text: str, scanned: bool) -> None:
        self._submit_entry(text, Entry.SCANNED if scanned else Entry.TYPED)

    def _submit_entry(self, text: str, entry: Entry) -> None:
        if not text.strip():
            return
        if not self.state.expects_entry and entry is Entry.SCANNED:
            # Never swallowed: the person hears the beep and must see why nothing happened.
            self._show_notice(lambda: self.tr(
                "A scan was read, but this step does not take one. Sign, or touch Start over."))
            return
        if self.busy or not self.state.expects_entry:
            return
        state, step = self.state, self.step
        job = state.check_for(self._service, text, entry)
        self.busy = True
        self._runner.submit(job, lambda r: self._checked(state, step, text, entry, r),
                            self._failed)

    def _checked(self, state: CassetteFlowState, step: FlowStep, text: str, entry: Entry,
                 result: CheckResult) -> None:
        self.busy = False
        if state is not self.state:
            return  # an answer for a flow that was started over meanwhile
        verdict = state.apply(step, text, entry, result)
        if verdict is None:
            return
        self._show(verdict.check, dict(verdict.fields),
                   text.strip() if step in CHOICE_STEPS else "", entry)
        if not verdict.check.ok and entry is not Entry.CHOSEN:
            self.sig_refused.emit(step.value, verdict.check, text, entry is Entry.TYPED)
        if verdict.advanced:
            self._enter()

    def _show(self, check: Check, fields: dict[str, str], what: str, entry: Entry) -> None:
        def render() -> None:
            ok = check.ok
            verdict = (self.tr("✓ OK: %1") if ok else self.tr("✗ NOT ACCEPTED: %1")).replace(
                "%1", what) if what else (self.tr("✓ OK") if ok else self.tr("✗ NOT ACCEPTED"))
            source = entry_name(entry)
            reason = check_text(check) if not ok else ""
            if not ok:
                reason += "\n" + self.tr("Nothing was changed.")
            self.result.show_result(ok, verdict, source, fields, reason)
            self.body_area.ensureWidgetVisible(self.result.reason if not ok else self.result)
        self._reason_fn = render
        render()

    def _show_notice(self, text_fn: Callable[[], str]) -> None:
        def render() -> None:
            self.result.show_result(False, text_fn(), "", {}, "")
        self._reason_fn = render
        render()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        log.error("cassette check failed: %r", exc)
        self._reason_fn = None
        self.result.show_result(False, self.tr("✗ The check could not run"), "", {},
                                self.tr("Nothing was changed. Try again; if it happens again, "
                                        "call the supervisor."))

    def _update_summary(self) -> None:
        lines = []
        for key in self.steps:
            accepted = self.state.accepted.get(key)
            if accepted is not None:
                shown = accepted.text if key in CHOICE_STEPS else accepted.identifies
                typed = "  " + self.tr("(typed)") if accepted.entry is Entry.TYPED else ""
                lines.append(self.tr("✓ %1: %2").replace("%1", flow_step_name(key)).replace(
                    "%2", shown) + typed)
        self.summary.setText("\n".join(lines))
        self.summary.setVisible(bool(lines))

    # -- signing ------------------------------------------------------------------------------
    def _prepare(self) -> None:
        if self.busy or self._user is None or self.step is not FlowStep.SIGN:
            return
        svc, req = self._service, self.state.request()
        job: Callable[[], RecordDraft]
        if isinstance(req, LoadRequest):
            job = partial(svc.prepare_load, req)
        else:
            job = partial(svc.prepare_unload, req)
        self.busy = True
        self._runner.submit(job, self._open_dialog, self._prepare_failed)

    def _prepare_failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, CassetteRefusedError):
            self._show(exc.check, {}, "", Entry.SCANNED)
            return
        self._failed(exc)

    def _open_dialog(self, draft: RecordDraft) -> None:
        self.busy = False
        assert self._user is not None
        dialog = SignatureDialog.for_draft(draft, self._service.signing, self._runner,
                                           self._user, parent=self)
        dialog.sig_signed.connect(self.sig_record_signed)
        dialog.finished.connect(lambda _r: self._dialog_done(dialog))
        self.dialog = dialog
        self.scanner.enabled = False
        dialog.open()

    def _dialog_done(self, dialog: SignatureDialog) -> None:
        self.scanner.enabled = True
        self.dialog = None
        dialog.deleteLater()
        if dialog.record_id is not None:
            self.last_record_id = dialog.record_id
            self.sig_closed.emit()
