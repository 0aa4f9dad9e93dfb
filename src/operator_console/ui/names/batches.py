"""Display names of batch execution: exception kinds and severities (例外事象: 軽微 / 重大 /
致命的), step states, step types, and the translated refusals of a step's check (the domain's
codes; label and chain-of-identity codes go through the cassette tables)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from operator_console.application.exception_words import exception_sentence
from operator_console.domain.barcode_labels import MESSAGES as LABEL_MESSAGES
from operator_console.domain.batch_execution.exceptions import ExceptionKind, ExceptionState
from operator_console.domain.batch_execution.progress import StepRefusal, StepState
from operator_console.domain.batch_execution.verdicts import Verdict
from operator_console.domain.canonical import JsonValue
from operator_console.domain.chain_of_identity import Check
from operator_console.domain.recipes import StepType
from operator_console.domain.recipes.model import Severity, Step
from operator_console.ui.names.cassettes import check_text
from operator_console.ui.names.channel_names import channel_label
from operator_console.ui.names.enum_names import EnumNames
from operator_console.ui.names.review import batch_state_name

exception_kind_name = EnumNames("ExceptionKind", ExceptionKind, {
    ExceptionKind.REFUSED_SCAN: QT_TRANSLATE_NOOP("ExceptionKind", "Refused scan"),
    ExceptionKind.WRONG_PATIENT: QT_TRANSLATE_NOOP("ExceptionKind", "Wrong patient"),
    ExceptionKind.EXPIRED_MATERIAL: QT_TRANSLATE_NOOP("ExceptionKind", "Expired material"),
    ExceptionKind.TYPED_ENTRY: QT_TRANSLATE_NOOP("ExceptionKind", "Label typed, not scanned"),
    ExceptionKind.OUT_OF_LIMITS: QT_TRANSLATE_NOOP("ExceptionKind", "Value outside limits"),
    ExceptionKind.IMPLAUSIBLE_ENTRY: QT_TRANSLATE_NOOP("ExceptionKind", "Impossible value"),
    ExceptionKind.PHASE_ALARM: QT_TRANSLATE_NOOP("ExceptionKind", "Alarm during a phase"),
    ExceptionKind.CPP_EXCURSION: QT_TRANSLATE_NOOP("ExceptionKind", "CPP limit exceeded"),
    ExceptionKind.MISSING_DATA: QT_TRANSLATE_NOOP("ExceptionKind", "Missing instrument data"),
    ExceptionKind.LATE_VERIFICATION: QT_TRANSLATE_NOOP("ExceptionKind", "Late verification"),
    ExceptionKind.OFFLINE_SIGNATURE: QT_TRANSLATE_NOOP("ExceptionKind", "Signed offline"),
    ExceptionKind.CORRECTION: QT_TRANSLATE_NOOP("ExceptionKind", "Correction"),
    ExceptionKind.MANUAL: QT_TRANSLATE_NOOP("ExceptionKind", "Raised by hand"),
})

severity_name = EnumNames("Severity", Severity, {
    Severity.MINOR: QT_TRANSLATE_NOOP("Severity", "Minor"),
    Severity.MAJOR: QT_TRANSLATE_NOOP("Severity", "Major"),
    Severity.CRITICAL: QT_TRANSLATE_NOOP("Severity", "Critical"),
})

exception_state_name = EnumNames("ExceptionState", ExceptionState, {
    ExceptionState.OPEN: QT_TRANSLATE_NOOP("ExceptionState", "Open"),
    ExceptionState.DISPOSITIONED: QT_TRANSLATE_NOOP("ExceptionState", "Dispositioned by QA"),
})

step_state_name = EnumNames("StepState", StepState, {
    StepState.DONE: QT_TRANSLATE_NOOP("StepState", "Done"),
    StepState.AWAITING_SIGNATURE: QT_TRANSLATE_NOOP("StepState", "Awaiting signature"),
    StepState.CURRENT: QT_TRANSLATE_NOOP("StepState", "Current"),
    StepState.BLOCKED: QT_TRANSLATE_NOOP("StepState", "Blocked"),
    StepState.LOCKED: QT_TRANSLATE_NOOP("StepState", "Locked"),
})

step_type_name = EnumNames("StepType", StepType, {
    StepType.BAY_CLEARANCE: QT_TRANSLATE_NOOP("StepType", "Bay clearance"),
    StepType.MATERIAL_RECEIPT: QT_TRANSLATE_NOOP("StepType", "Bag label check"),
    StepType.CASSETTE_LOAD: QT_TRANSLATE_NOOP("StepType", "Cassette load"),
    StepType.CASSETTE_UNLOAD: QT_TRANSLATE_NOOP("StepType", "Cassette unload"),
    StepType.REAGENT: QT_TRANSLATE_NOOP("StepType", "Reagent"),
    StepType.DATA_ENTRY: QT_TRANSLATE_NOOP("StepType", "Data entry"),
    StepType.INSTRUMENT_PHASE: QT_TRANSLATE_NOOP("StepType", "Instrument phase"),
    StepType.SAMPLE: QT_TRANSLATE_NOOP("StepType", "In-process sample"),
    StepType.INSTRUCTION: QT_TRANSLATE_NOOP("StepType", "Instruction"),
})

step_refusal_text = EnumNames("StepRefusal", StepRefusal, {
    StepRefusal.UNKNOWN_STEP: QT_TRANSLATE_NOOP("StepRefusal",
                                                "Step {step} is not a step of this recipe."),
    StepRefusal.ALREADY_DONE: QT_TRANSLATE_NOOP(
        "StepRefusal", "Step {step} is already done. To change its record, correct it."),
    StepRefusal.AWAITING_SIGNATURE: QT_TRANSLATE_NOOP(
        "StepRefusal", "Step {step} is recorded and waits for a signature. Sign it "
        "(Records) instead of doing it again."),
    StepRefusal.OUT_OF_ORDER: QT_TRANSLATE_NOOP(
        "StepRefusal", "Step {step} cannot be done yet: do {current} first."),
    StepRefusal.BATCH_BLOCKED: QT_TRANSLATE_NOOP(
        "StepRefusal", "The batch is blocked by a critical exception. No step may be done "
        "until QA has dispositioned it."),
    StepRefusal.BATCH_CLOSED: QT_TRANSLATE_NOOP(
        "StepRefusal", "The batch is {state} at the plant server: no further step may be "
        "done."),
})

#: The step checks' own refusal codes (``domain.batch_execution.verdicts.MESSAGES``).
_VERDICTS: dict[str, object] = {
    "field_missing": QT_TRANSLATE_NOOP("StepCheck", "Enter {field}."),
    "field_unknown": QT_TRANSLATE_NOOP("StepCheck", "{field} is not a field of this step."),
    "implausible": QT_TRANSLATE_NOOP(
        "StepCheck", "{value} {unit} is not a possible value of {field} (possible: {range}). "
        "Check the reading and enter it again."),
    "too_many_decimals": QT_TRANSLATE_NOOP(
        "StepCheck", "{field} takes at most {decimals} digits after the point."),
    "checklist_incomplete": QT_TRANSLATE_NOOP(
        "StepCheck", "Confirm every item of the checklist first."),
    "not_confirmed": QT_TRANSLATE_NOOP(
        "StepCheck", "Confirm that you have read and done the instruction."),
    "reagent_no_label": QT_TRANSLATE_NOOP(
        "StepCheck", "Scan the label of {material}, or type its lot and expiry where allowed."),
    "reagent_wrong_material": QT_TRANSLATE_NOOP(
        "StepCheck", "The scanned GTIN {gtin} is not the one of {material} ({expected}). Take "
        "the right material."),
    "reagent_no_lot": QT_TRANSLATE_NOOP(
        "StepCheck", "The label has no lot number. Set the material aside and call QA."),
    "reagent_no_expiry": QT_TRANSLATE_NOOP(
        "StepCheck", "The label has no expiry date. Set the material aside and call QA."),
    "reagent_expired": QT_TRANSLATE_NOOP(
        "StepCheck", "{material} lot {lot} expired on {expiry}. Do not use it: set it aside "
        "and call QA."),
    "typed_not_allowed": QT_TRANSLATE_NOOP(
        "StepCheck", "The recipe does not allow typing this label. Scan it; if it cannot be "
        "read, set the material aside and call QA."),
    "sample_id_mismatch": QT_TRANSLATE_NOOP(
        "StepCheck", "Sample ID {sample_id} is not the one of this batch and step "
        "({expected}). Scan the label of the right sample."),
    "sample_other_patient": QT_TRANSLATE_NOOP(
        "StepCheck", "Sample ID {sample_id} belongs to another chain of identity. STOP: do "
        "not use it; call QA at once."),
    "cassette_record_missing": QT_TRANSLATE_NOOP(
        "StepCheck", "Load or unload the cassette first: the step records the cassette "
        "record."),
    "phase_not_finished": QT_TRANSLATE_NOOP(
        "StepCheck", "The phase has run {elapsed} of {duration} minutes. Wait until it has "
        "finished."),
    "phase_not_started": QT_TRANSLATE_NOOP("StepCheck", "Start the phase first."),
    "batch_not_ready": QT_TRANSLATE_NOOP(
        "StepCheck", "Batch {batch} cannot be run here yet: its recipe or its patient's "
        "identifiers have not reached this station. Sync with the plant server."),
}


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def _format(source: str, context: str, params: Mapping[str, str]) -> str:
    return QCoreApplication.translate(context, source).format_map(_Params(params))


def verdict_text(verdict: Verdict, step_names: Mapping[str, str] | None = None) -> str:
    """Why a step's input (or the step itself) was refused, in the current language;
    ``step_names``: step ID → the recipe's name for it (a refusal names steps by ID)."""
    if verdict.ok:
        return ""
    params = dict(verdict.params)
    if verdict.code in {r.value for r in StepRefusal}:
        for key in ("step", "current"):
            if step_names and key in params:
                ids = [i.strip() for i in params[key].split(",")]
                params[key] = "、".join(step_names.get(i, i) for i in ids) \
                    if QLocale().language() == QLocale.Language.Japanese \
                    else ", ".join(step_names.get(i, i) for i in ids)
        if verdict.code == StepRefusal.BATCH_CLOSED and "state" in params:
            params["state"] = batch_state_name(params["state"])
        return _format(step_refusal_text.source(verdict.code), "StepRefusal", params)
    if verdict.code in _VERDICTS:
        return _format(str(_VERDICTS[verdict.code]), "StepCheck", params)
    # A label or chain-of-identity code (material receipt, a reagent's unreadable label).
    text = check_text(Check(verdict.code, params, label=verdict.code in LABEL_MESSAGES))
    return text or verdict.message


def exception_description(kind: str, evidence: Mapping[str, JsonValue] | None, *,
                          description: str = "", step: Step | None = None,
                          labels: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """An exception's sentence in the current language (``application.exception_words``):
    the recipe's names for its field or material, the channel's name."""
    lang = "ja" if QLocale().language() == QLocale.Language.Japanese else "en"
    return exception_sentence(kind, evidence, lang, description=description, step=step,
                              labels=labels, channel=channel_label)


def waits_text(waits_on: str | None) -> str:
    """Who a recorded step waits on, in words."""
    if waits_on == "performer":
        return QCoreApplication.translate("BatchWaits", "waiting for the performer's signature")
    if waits_on == "verifier":
        return QCoreApplication.translate("BatchWaits",
                                          "waiting for verification by a second person")
    return ""


#: Descriptions of the step screens' demo labels (``domain.demo_batches.DEMO_STEP_LABELS``)
#: not already named for the cassette flow.
_DEMO_STEP = {
    QT_TRANSLATE_NOOP("DemoLabel", "activation reagent"),
    QT_TRANSLATE_NOOP("DemoLabel", "vector"),
    QT_TRANSLATE_NOOP("DemoLabel", "expired vector"),
    QT_TRANSLATE_NOOP("DemoLabel", "another material"),
    QT_TRANSLATE_NOOP("DemoLabel", "sample of this batch (B-2026-0142)"),
    QT_TRANSLATE_NOOP("DemoLabel", "sample of another patient"),
}


def demo_step_description(text: str) -> str:
    """A step screen's demo label description in the current language."""
    return QCoreApplication.translate("DemoLabel", text)
