"""One screen per step type, shown for the current step of a batch. A screen only collects
what the operator confirms, types or scans and asks for an attempt: it emits
``sig_attempt`` with a job ``(BatchSteps, actor) -> StepCheck`` that the batch view runs on
the worker. The checks, the order and the exceptions are the use cases'
(``application.batch_steps``); a screen decides nothing. Fields are ordinary QLineEdits
(an on-screen keyboard attaches to them); controls are sized for gloved hands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from operator_console.application.batch_steps import BatchSteps, StepCheck
from operator_console.domain.recipes import Step, StepType
from operator_console.domain.recipes.model import MaterialKind, Range
from operator_console.ui.names.batches import demo_step_description
from operator_console.ui.widgets.alarm_banner import language_code
from operator_console.ui.widgets.basics import button, label
from operator_console.ui.widgets.scan_capture import ScanCapture
from operator_console.ui.widgets.touch_keyboard import latin_only

Job = Callable[[BatchSteps, str], StepCheck]
TOUCH = 72  # px: the minimum height of a control a gloved finger hits


def range_text(r: Range | None, unit: str = "") -> str:
    """``0.5 – 6 ×10⁶ cells/mL``; an open end reads ``≥ 70 %`` / ``≤ 5 %`` (not ``70 – %``)."""
    if r is None or (r.low is None and r.high is None):
        return "–"
    if r.high is None:
        text = f"≥ {r.low:g}"
    elif r.low is None:
        text = f"≤ {r.high:g}"
    else:
        text = f"{r.low:g} – {r.high:g}"
    return f"{text} {unit}".strip()


class StepScreen(QWidget):
    """Base: the step, the batch, a "Record and sign…" button, scans if it takes them."""

    sig_attempt = Signal(object)
    """The operator asked to record the step: (job run as ``job(steps, actor)``)."""
    takes_scans = False

    def __init__(self, batch_id: str, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.batch_id, self.step = batch_id, step
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(12)
        self.record_button = button("primary")
        self.record_button.setObjectName("stepRecord")
        self.record_button.setMinimumSize(340, TOUCH)
        self.record_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.record_button.clicked.connect(self.attempt)

    def finish_layout(self, with_button: bool = True) -> None:
        row = QHBoxLayout()
        row.addStretch(1)
        if with_button:
            row.addWidget(self.record_button)
        self.lay.addLayout(row)
        self.lay.addStretch(1)
        self.retranslate()

    def attempt(self) -> None:
        """Collect the input and emit it (subclasses)."""

    def take_scan(self, text: str, scanned: bool) -> bool:
        """A scan or a typed entry ended with Enter; True if the screen took it."""
        return False

    def add_demo_hint(self, labels: Sequence[tuple[str, str]]) -> None:
        """Demo mode: the labels to type (fast, then Enter) for this step."""
        self._demo = tuple(labels)
        self.demo_hint = label("hint")
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lay.insertWidget(self.lay.count() - 2, self.demo_hint)
        self.retranslate()

    def captures_scans(self) -> bool:
        """True while a scan in this window is this screen's (no other may take it)."""
        return self.takes_scans and self.isVisible()

    def listen(self, target: QWidget) -> None:
        """Take scans while ``target`` is shown, wherever focus is in the window (but for
        a text field outside ``target``, where typing stays typing)."""
        self.scanner = ScanCapture(target)
        self.scanner.sig_entered.connect(self.take_scan)
        self.scanner.sig_buffer_changed.connect(self.set_echo)

    def set_echo(self, text: str) -> None:
        """The characters read so far (subclasses that take scans show them)."""

    def showEvent(self, event: QShowEvent) -> None:
        if self.takes_scans:
            self.scanner.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self.takes_scans:
            self.scanner.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        # The base class's own context: a subclass's self.tr would look in its own.
        self.record_button.setText(QCoreApplication.translate("StepScreen",
                                                              "Record and sign…"))
        demo = getattr(self, "_demo", ())
        if demo:
            self.demo_hint.setText(QCoreApplication.translate(
                "StepScreen", "Demo labels to type (fast, then Enter):") + "\n"
                                   + "\n".join(f"{text}    — {demo_step_description(what)}"
                                               for what, text in demo))


class ChecklistScreen(StepScreen):
    """``bay_clearance``: every item confirmed by touch."""

    def __init__(self, batch_id: str, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(batch_id, step, parent)
        self.boxes: dict[str, QCheckBox] = {}
        for item in step.checklist:
            box = QCheckBox()
            box.setObjectName(f"check_{item.item_id}")
            box.setMinimumHeight(TOUCH)
            self.boxes[item.item_id] = box
            self.lay.addWidget(box)
        self.finish_layout()

    def retranslate(self) -> None:
        super().retranslate()
        lang = language_code()
        for item in self.step.checklist:
            self.boxes[item.item_id].setText(item.text.in_language(lang))

    def attempt(self) -> None:
        confirmed = [k for k, box in self.boxes.items() if box.isChecked()]
        batch, step = self.batch_id, self.step.step_id
        self.sig_attempt.emit(lambda s, who: s.bay_clearance(batch, step, confirmed, who))


class InstructionScreen(StepScreen):
    """``instruction``: read and confirm."""

    def __init__(self, batch_id: str, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(batch_id, step, parent)
        self.confirm = QCheckBox()
        self.confirm.setObjectName("confirmInstruction")
        self.confirm.setMinimumHeight(TOUCH)
        self.lay.addWidget(self.confirm)
        self.finish_layout()

    def retranslate(self) -> None:
        super().retranslate()
        self.confirm.setText(self.tr("I have read the instruction and done what it says"))

    def attempt(self) -> None:
        confirmed, batch, step = self.confirm.isChecked(), self.batch_id, self.step.step_id
        self.sig_attempt.emit(lambda s, who: s.instruction(batch, step, confirmed, who))


class DataEntryScreen(StepScreen):
    """``data_entry``: each field with its unit, limits and possible range."""

    sig_invalid = Signal(str)
    """A field does not hold a number: (field name)."""

    def __init__(self, batch_id: str, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(batch_id, step, parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        self.edits: dict[str, QLineEdit] = {}
        self.names: dict[str, object] = {}
        self.captions = [label("hint") for _ in range(4)]
        for col, cap in enumerate(self.captions):
            grid.addWidget(cap, 0, col)
        for row, spec in enumerate(step.fields, start=1):
            name = label("subtitle")
            edit = QLineEdit()
            edit.setObjectName(f"field_{spec.field_id}")
            edit.setMinimumHeight(TOUCH)
            edit.setMinimumWidth(220)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
            limits = label()
            limits.setText(range_text(spec.limits, spec.unit))
            possible = label("hint")
            possible.setText(range_text(spec.plausibility, spec.unit))
            grid.addWidget(name, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(limits, row, 2)
            grid.addWidget(possible, row, 3)
            self.edits[spec.field_id] = edit
            self.names[spec.field_id] = name
        self.lay.addLayout(grid)
        self.finish_layout()

    def retranslate(self) -> None:
        super().retranslate()
        for cap, text in zip(self.captions, (self.tr("Value"), self.tr("Entry"),
                                             self.tr("Limits"), self.tr("Possible range")),
                             strict=True):
            cap.setText(text)
        lang = language_code()
        for spec in self.step.fields:
            lbl = self.names[spec.field_id]
            assert hasattr(lbl, "setText")
            lbl.setText(self.tr("%1 (%2)").replace("%1", spec.name.in_language(lang))
                        .replace("%2", spec.unit))  # 全角括弧 in Japanese

    def attempt(self) -> None:
        values: dict[str, float] = {}
        lang = language_code()
        for spec in self.step.fields:
            text = self.edits[spec.field_id].text().strip().replace(",", ".")
            if not text:
                continue  # the check names the missing field
            try:
                values[spec.field_id] = float(text)
            except ValueError:
                self.sig_invalid.emit(spec.name.in_language(lang))
                return
        batch, step = self.batch_id, self.step.step_id
        self.sig_attempt.emit(lambda s, who: s.data_entry(batch, step, values, who))


class ScanScreen(StepScreen):
    """``material_receipt`` and ``sample``: the label is scanned (or, as a last resort,
    typed into the field: recorded as a typed entry, an exception)."""

    takes_scans = True

    def __init__(self, batch_id: str, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(batch_id, step, parent)
        self.prompt = label("subtitle")
        self.prompt.setObjectName("scanPrompt")
        self.echo = label("hint")
        self.echo.setObjectName("scanEcho")
        self.typed = latin_only(QLineEdit())  # a label typed in place of a scan
        self.typed.setObjectName("typedLabel")
        self.typed.setMinimumHeight(TOUCH)
        self.typed.returnPressed.connect(self.attempt)
        self.typed_caption = label("hint")
        for w in (self.prompt, self.echo, self.typed_caption, self.typed):
            self.lay.addWidget(w)
        self.listen(self.prompt)
        self.finish_layout()

    def retranslate(self) -> None:
        super().retranslate()
        self.record_button.setText(self.tr("Use the typed label"))
        self.typed_caption.setText(self.tr(
            "Only if the label cannot be scanned: type it here (recorded as typed, an "
            "exception)."))
        if self.step.step_type is StepType.SAMPLE:
            self.prompt.setText(self.tr("Scan the sample's label."))
        elif self.step.material is MaterialKind.FINAL_PRODUCT:
            self.prompt.setText(self.tr("Scan the label of the final product bag (ISBT 128)."))
        else:
            self.prompt.setText(self.tr("Scan the label of the patient's apheresis bag "
                                        "(ISBT 128)."))

    def set_echo(self, text: str) -> None:
        self.echo.setText(self.tr("Reading: %1").replace("%1", text) if text else "")

    def take_scan(self, text: str, scanned: bool) -> bool:
        self._emit(text, typed=not scanned)
        return True

    def attempt(self) -> None:
        text = self.typed.text().strip()
        if text:
            self.typed.clear()
            self._emit(text, typed=True)

    def _emit(self, text: str, *, typed: bool) -> None:
        batch, step = self.batch_id, self.step.step_id
        if self.step.step_type is StepType.SAMPLE:
            self.sig_attempt.emit(lambda s, who: s.sample(batch, step, text, typed, who))
        else:
            self.sig_attempt.emit(lambda s, who: s.material(batch, step, text, typed, who))


class ReagentScreen(StepScreen):
    """``reagent``: the GS1 label scanned, or lot and expiry typed where the recipe allows."""

    takes_scans = True
    sig_invalid = Signal(str)
    """The typed expiry is not a date: (the text)."""

    def __init__(self, batch_id: str, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(batch_id, step, parent)
        assert step.reagent is not None
        self.prompt = label("subtitle")
        self.echo = label("hint")
        self.echo.setObjectName("scanEcho")
        self.lay.addWidget(self.prompt)
        self.lay.addWidget(self.echo)
        self.typed_caption = label("hint")
        self.lot = latin_only(QLineEdit())
        self.lot.setObjectName("reagentLot")
        self.expiry = latin_only(QLineEdit())
        self.expiry.setObjectName("reagentExpiry")
        self.expiry.setPlaceholderText("YYYY-MM-DD")
        self.lot_caption, self.expiry_caption = label("hint"), label("hint")
        row = QHBoxLayout()
        for cap, edit in ((self.lot_caption, self.lot), (self.expiry_caption, self.expiry)):
            edit.setMinimumHeight(TOUCH)
            row.addWidget(cap)
            row.addWidget(edit, 1)
        self.typed_box = QWidget()
        box_lay = QVBoxLayout(self.typed_box)
        box_lay.setContentsMargins(0, 0, 0, 0)
        box_lay.addWidget(self.typed_caption)
        box_lay.addLayout(row)
        self.lay.addWidget(self.typed_box)
        self.typed_box.setVisible(step.reagent.allow_typed)
        self.listen(self.prompt)
        self.finish_layout(with_button=step.reagent.allow_typed)

    def retranslate(self) -> None:
        super().retranslate()
        assert self.step.reagent is not None
        self.record_button.setText(self.tr("Use the typed lot and expiry"))
        name = self.step.reagent.name.in_language(language_code())
        self.prompt.setText(self.tr("Scan the label of %1 (GS1).").replace("%1", name))
        self.typed_caption.setText(self.tr(
            "If the label cannot be scanned: type its lot and expiry (recorded as typed, an "
            "exception)."))
        self.lot_caption.setText(self.tr("Lot"))
        self.expiry_caption.setText(self.tr("Expiry"))

    def set_echo(self, text: str) -> None:
        self.echo.setText(self.tr("Reading: %1").replace("%1", text) if text else "")

    def take_scan(self, text: str, scanned: bool) -> bool:
        batch, step = self.batch_id, self.step.step_id
        self.sig_attempt.emit(lambda s, who: s.reagent(batch, step, who, raw_scan=text))
        return True

    def attempt(self) -> None:
        lot, text = self.lot.text().strip(), self.expiry.text().strip()
        try:
            expiry = date.fromisoformat(text) if text else None
        except ValueError:
            self.sig_invalid.emit(text)
            return
        batch, step = self.batch_id, self.step.step_id
        self.sig_attempt.emit(lambda s, who: s.reagent(
            batch, step, who, typed_lot=lot or None, typed_expiry=expiry))
