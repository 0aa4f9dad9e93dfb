"""The step screens that work with the instruments and the cassette flow.

``instrument_phase``: start the phase (an audited event, so the phase's window survives a
restart), follow its channels live from the running instrument runtime (value against the
step's CPP limits, the live traces one touch away) and its progress; complete it once its
duration has run: the use case summarises each channel from the historian and turns the
phase's alarms into exceptions. ``cassette_load`` / ``cassette_unload``: today's cassette
flow, started for this batch; its two-person record is what the step record names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QProgressBar, QWidget

from operator_console.application.batch_steps import BatchSteps
from operator_console.application.cassette_flow import FlowMode
from operator_console.cassettes.service import CassetteService
from operator_console.domain.chain_of_identity import Check
from operator_console.domain.recipes import Step, StepType
from operator_console.store.users import UserInfo
from operator_console.ui.pages.batches.screens import TOUCH, StepScreen, range_text
from operator_console.ui.pages.cassettes.flow import CassetteFlow
from operator_console.ui.shell.tasks import TaskRunner
from operator_console.ui.widgets.alarm_banner import language_code
from operator_console.ui.widgets.basics import button, label, set_state

LiveValues = Callable[[], dict[str, float | None]]
TracesFactory = Callable[[], QWidget]


class PhaseScreen(StepScreen):
    """``PhaseScreen(batch, step, steps, runner, live, traces)``: ``live`` gives the
    instrument runtime's latest value per channel key (empty while no instrument is
    connected), ``traces`` makes a live traces view of the connected instrument."""

    sig_show_traces = Signal()
    """The operator wants the full live traces (the Traces page)."""
    sig_started = Signal()
    """The phase was started (the batch view re-reads the batch)."""

    def __init__(self, batch_id: str, step: Step, steps: BatchSteps, runner: TaskRunner,
                 live: LiveValues, traces: TracesFactory | None = None,
                 channel_names: dict[str, tuple[str, str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(batch_id, step, parent)
        assert step.phase is not None
        self._steps, self._runner, self._live = steps, runner, live
        self._channel_names = channel_names or {}  # key -> (Japanese, English) name
        self.started_at: float | None = None
        self.status = label("subtitle")
        self.status.setObjectName("phaseStatus")
        self.progress = QProgressBar()
        self.progress.setObjectName("phaseProgress")
        self.progress.setMinimumHeight(36)
        self.progress.setRange(0, 1000)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.heads = [label("hint") for _ in range(4)]
        for col, head in enumerate(self.heads):
            grid.addWidget(head, 0, col)
        self.values: dict[str, tuple[QWidget, QWidget]] = {}
        self.names: dict[str, QWidget] = {}
        for row, ch in enumerate(step.phase.channels, start=1):
            name, value, limits = label("subtitle"), label("subtitle"), label()
            state = label()
            self.names[ch.channel] = name
            limits.setText(range_text(ch.limits, ch.unit))
            value.setObjectName(f"phaseValue_{ch.channel}")
            for col, w in enumerate((name, value, limits, state)):
                grid.addWidget(w, row, col)
            self.values[ch.channel] = (value, state)
        self.start_button = button("primary")
        self.start_button.setObjectName("phaseStart")
        self.traces_button = button()
        self.traces_button.setObjectName("phaseTraces")
        for b in (self.start_button, self.traces_button):
            b.setMinimumSize(300, TOUCH)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.start_button.clicked.connect(self._start)
        self.traces_button.clicked.connect(self.sig_show_traces)
        self.lay.addWidget(self.status)
        self.lay.addWidget(self.progress)
        self.lay.addLayout(grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.traces_button)
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)  # above the traces: no scrolling to finish
        self.lay.addLayout(buttons)
        # The instrument's live traces with their limit bands, drawn by the Traces page's own
        # engine (its timer runs only while shown); none while no instrument is connected.
        self.traces = traces() if traces is not None else None
        if self.traces is not None:
            self.traces.setObjectName("phaseTraces")
            self.traces.setMinimumHeight(520)
            self.lay.addWidget(self.traces, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.finish_layout(with_button=False)
        self._runner.submit(lambda: steps.phase_started(batch_id, step.step_id), self._known)

    def retranslate(self) -> None:
        super().retranslate()
        self.record_button.setText(self.tr("Complete the phase and sign…"))
        self.start_button.setText(self.tr("Start the phase"))
        self.traces_button.setText(self.tr("Show the live traces"))
        for head, text in zip(self.heads, (self.tr("Channel"), self.tr("Now"),
                                           self.tr("CPP limits"), self.tr("State")),
                              strict=True):
            head.setText(text)
        lang = language_code()
        assert self.step.phase is not None
        for ch in self.step.phase.channels:
            names = self._channel_names.get(ch.channel)
            shown = (names[0] if lang == "ja" else names[1]) if names else ch.channel
            lbl = self.names[ch.channel]
            assert hasattr(lbl, "setText")
            lbl.setText(self.tr("%1 (%2)").replace("%1", shown).replace("%2", ch.unit))
        self._tick()

    def _known(self, started: float | None) -> None:
        self.started_at = started
        self._tick()

    def _start(self) -> None:
        batch, step = self.batch_id, self.step.step_id
        self.sig_attempt.emit(lambda s, who: s.start_phase(batch, step, who))

    def phase_started(self, t: float) -> None:
        self.started_at = t
        self._tick()

    def _tick(self) -> None:
        assert self.step.phase is not None
        duration = self.step.phase.duration_minutes * 60
        started = self.started_at is not None
        self.start_button.setVisible(not started)
        self.record_button.setEnabled(started)
        if self.started_at is None:
            self.status.setText(self.tr("Not started. Duration: %1 min").replace(
                "%1", f"{self.step.phase.duration_minutes:g}"))
            self.progress.setValue(0)
        else:
            elapsed = max(0.0, self._steps.clock() - self.started_at)
            self.progress.setValue(int(min(1.0, elapsed / duration) * 1000))
            self.status.setText(self.tr("Running: %1 of %2 min").replace(
                "%1", f"{elapsed / 60:.1f}").replace(
                "%2", f"{self.step.phase.duration_minutes:g}") if elapsed < duration
                else self.tr("Duration reached: complete the phase."))
        latest = self._live()
        for ch in self.step.phase.channels:
            value_lbl, state_lbl = self.values[ch.channel]
            value = latest.get(ch.channel)
            assert hasattr(value_lbl, "setText") and hasattr(state_lbl, "setText")
            if value is None:
                value_lbl.setText("—")
                state_lbl.setText(self.tr("No data") if latest else self.tr(
                    "No instrument connected"))
                set_state(state_lbl, "warn")
            else:
                value_lbl.setText(f"{value:.2f}")
                inside = ch.limits.contains(value)
                state_lbl.setText(self.tr("Within limits") if inside
                                  else self.tr("OUTSIDE LIMITS"))
                set_state(state_lbl, "ok" if inside else "alarm")

    def attempt(self) -> None:
        batch, step = self.batch_id, self.step.step_id
        self.sig_attempt.emit(lambda s, who: s.complete_phase(batch, step, who))


class CassetteScreen(StepScreen):
    """``cassette_load`` / ``cassette_unload``: the cassette flow, for this batch."""

    def __init__(self, batch_id: str, step: Step, cassettes: CassetteService,
                 runner: TaskRunner, user: UserInfo | None,
                 demo_labels: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(batch_id, step, parent)
        self.mode = FlowMode.LOAD if step.step_type is StepType.CASSETTE_LOAD \
            else FlowMode.UNLOAD
        self.flow = CassetteFlow(cassettes, runner, demo_labels)
        self.flow.setMinimumHeight(640)  # its steps, result panel and demo labels in view
        self.flow.set_user(user)
        self.flow.sig_closed.connect(self._flow_closed)
        self.flow.sig_refused.connect(self._refused)
        self.cassette_record: str | None = None
        self.done_label = label("subtitle")
        self.done_label.setObjectName("cassetteRecordDone")
        self.lay.addWidget(self.flow, 1)
        self.lay.addWidget(self.done_label)
        self.done_label.hide()
        self.flow.begin(self.mode, batch_id=batch_id if self.mode is FlowMode.LOAD else None)
        self.finish_layout()
        self.record_button.hide()

    def captures_scans(self) -> bool:
        return self.flow.isVisible()

    def retranslate(self) -> None:
        super().retranslate()
        self.done_label.setText(self.tr(
            "The cassette record is signed. Record this step and sign it."))

    def _refused(self, field: str, check: Check, raw: str, typed: bool) -> None:
        batch, step = self.batch_id, self.step.step_id
        self.sig_attempt.emit(lambda s, who: s.cassette_refusal(batch, step, field, check,
                                                                 raw, typed, who))

    def _flow_closed(self) -> None:
        record = self.flow.last_record_id
        if record is None:  # cancelled: start again for this batch
            self.flow.begin(self.mode, batch_id=self.batch_id
                            if self.mode is FlowMode.LOAD else None)
            return
        self.cassette_record = record
        self.flow.hide()
        self.done_label.show()
        self.record_button.show()
        self.attempt()

    def attempt(self) -> None:
        batch, step, record = self.batch_id, self.step.step_id, self.cassette_record
        self.sig_attempt.emit(lambda s, who: s.cassette(batch, step, record, who))
