"""Translated texts of the cassette flows: every check code, field and state, by code.

The domain keeps English messages for logs and the command line; the screen shows these,
translated, filled from the check's params (``{name}`` placeholders, kept by translators).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from operator_console.application.cassette_flow import FlowStep
from operator_console.cassettes.service import Entry
from operator_console.domain.chain_of_identity import Check
from operator_console.ui.names.enum_names import EnumNames


def _texts(table: Mapping[str, object]) -> dict[str, str]:
    return {key: str(value) for key, value in table.items()}


_CHECKS = _texts({
    "batch_unknown": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Batch {batch} is not known at this station. Check the batch number; if it is "
        "right, the master data has not arrived yet: call the supervisor."),
    "typed_not_allowed": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Typed entry of the {field} is not allowed at this station. Scan the label with"
        " the scanner; if it cannot be read, set the item aside and call QA."),
    "wrong_label_kind": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "This is a {found} label, but the {expected} label is needed here. Scan the "
        "{expected} label."),
    "cassette_no_serial": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "The cassette label has no serial number, so the cassette cannot be identified."
        " Set it aside and call QA."),
    "cassette_no_expiry": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "The cassette label has no expiry date. Set it aside and call QA."),
    "cassette_not_registered": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Cassette {gtin} serial {serial} is not registered for any batch. Do not use "
        "it: set it aside and call QA."),
    "cassette_not_for_batch": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Cassette serial {serial} is registered for batch {other}, not for batch "
        "{batch}. Put it back and take the cassette of batch {batch}."),
    "cassette_not_for_step": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Cassette serial {serial} is registered for step {other} of this batch, not for"
        " the current step {step}. Take the cassette for step {step}."),
    "cassette_lot_mismatch": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "The cassette's lot {lot} is not the registered lot {expected}. Set it aside "
        "and call QA."),
    "cassette_expired": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "The cassette expired on {expiry}. Do not use it: set it aside and call QA."),
    "cassette_rejected": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Cassette serial {serial} has been rejected by QA. Do not use it."),
    "cassette_quarantined": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Cassette serial {serial} is in quarantine. Do not use it; ask QA."),
    "cassette_conflict": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "The records of cassette serial {serial} conflict (for example loaded at two "
        "stations). Do not use it; QA must resolve the conflict."),
    "cassette_loaded_here": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Cassette serial {serial} is already loaded in bay {bay} of this station. A "
        "cassette is loaded only once."),
    "cassette_loaded_elsewhere": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Cassette serial {serial} is already loaded at station {station} (bay {bay}). A"
        " cassette is loaded only once: set it aside and call QA."),
    "cassette_load_pending": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "A load of cassette serial {serial} into bay {bay} is waiting for verification."
        " Have it verified (Records) instead of loading it again."),
    "cassette_used": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Cassette serial {serial} was already used and unloaded. Single-use cassettes "
        "can never be loaded again: set it aside and call QA."),
    "bag_no_din": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "The bag label has no donation identification number (DIN). Scan the DataMatrix"
        " or DIN code of the bag label."),
    "bag_no_expiry": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "The bag label has no expiry date, so the material cannot be checked. Scan the "
        "bag's 2-D code that carries the expiry; if there is none, call QA."),
    "din_not_for_patient": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "DIN {din} does not belong to the patient of batch {batch}. STOP: this may be "
        "another patient's material. Do not use the bag; call QA at once."),
    "coi_not_for_patient": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "The chain-of-identity ID {coi} on the bag is not the one of batch {batch} "
        "({expected}). STOP: do not use the bag; call QA at once."),
    "material_expired": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "The material expired on {expiry}. Do not use the bag; call QA."),
    "bay_unknown": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Bay {bay} is not a bay of this station. Choose one of the bays shown."),
    "bay_out_of_service": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Bay {bay} is out of service. Choose another bay."),
    "bay_occupied": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Bay {bay} already holds cassette serial {serial} (batch {batch}). Choose a "
        "free bay."),
    "bay_reserved": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Bay {bay} is reserved by a load of cassette serial {serial} waiting for "
        "verification. Choose a free bay."),
    "bay_empty": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "Bay {bay} holds no loaded cassette. Choose the bay you are unloading."),
    "bay_unload_pending": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "An unload of bay {bay} is already waiting for verification. Have it verified "
        "(Records)."),
    "unload_wrong_cassette": QT_TRANSLATE_NOOP(
        "CassetteCheck",
        "The scanned cassette (serial {serial}) is not the one in bay {bay} (serial "
        "{expected}). Scan the label of the cassette you are taking out."),
})
_LABEL = _texts({
    "empty": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "Nothing was scanned. Scan the label again, holding the scanner steady over the"
        " code."),
    "too_long": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The scanned text is {length} characters long, more than the {limit} any label "
        "holds. Scan one code at a time; if this repeats, have the scanner settings "
        "checked."),
    "control_character": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The scan contains the control character {char} at position {position}. Scan "
        "again; if this repeats, have the scanner prefix/suffix settings checked."),
    "non_ascii": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The scan contains the character {char} at position {position}, which no "
        "barcode uses. Switch the keyboard input method (IME) to direct input and scan "
        "again."),
    "bad_character": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The {field} contains the character {char} at position {position}, which is not"
        " allowed there. Rescan; if it fails again, set the item aside and call QA."),
    "unknown_symbology": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "This is neither a GS1 nor an ISBT 128 label. Check that you scanned the right "
        "code (GS1 DataMatrix on the cassette, ISBT 128 on the bag) and scan again."),
    "bad_format": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The {symbology} data is not laid out as the standard requires ({problem}). "
        "Rescan; if it fails again, set the item aside and call QA."),
    "unknown_ai": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The label contains GS1 Application Identifier ({ai}), which this station does "
        "not accept. Check that you scanned the right label; if so, call QA to review "
        "it."),
    "duplicate_ai": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "GS1 Application Identifier ({ai}) appears more than once on the label. The "
        "label is defective: set the item aside and call QA."),
    "missing_field": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The label has no {field}. Check that you scanned the right code; if so, the "
        "label is incomplete: set the item aside and call QA."),
    "gtin_check_digit": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The check digit of GTIN {gtin} is wrong (expected {expected}). The code was "
        "misread or misprinted: rescan; if it fails again, set the item aside and call "
        "QA."),
    "truncated": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The {field} is incomplete ({found} of {expected} characters). Rescan the whole"
        " code; if it fails again, set the item aside and call QA."),
    "empty_field": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The {field} is empty. Rescan; if it fails again, set the item aside and call "
        "QA."),
    "field_too_long": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The {field} is {length} characters long; at most {limit} are allowed. Rescan; "
        "if it fails again, set the item aside and call QA."),
    "ambiguous_lot_serial": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The {field} runs into the next field ({length} characters): the separator "
        "between lot and serial number is missing. Check that the scanner sends GS "
        "(FNC1); if another scanner reads the same, set the item aside and call QA."),
    "bad_date": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The {field} '{value}' is not a valid date or time. Rescan; if it fails again, "
        "set the item aside and call QA."),
    "din_check_character": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The check character does not match donation identification number {din} "
        "(expected {expected}, found {found}). Re-enter or rescan the DIN carefully; if"
        " it still fails, do not use the bag and call QA."),
    "bad_flags": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The DIN flag characters '{flags}' are reserved and not valid. Rescan the bag "
        "label; if it fails again, do not use the bag and call QA."),
    "unknown_data_structure": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "ISBT 128 data identifier '{identifier}' is not one this station can read. "
        "Check that you scanned the right code; if so, call QA to review the label."),
    "duplicate_structure": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "ISBT 128 data structure {number} ({name}) appears more than once in one scan. "
        "Scan each label code once; if this repeats, call QA."),
    "compound_mismatch": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The ISBT 128 compound message announces {expected} data structures but holds "
        "{found}. Rescan; if it fails again, set the item aside and call QA."),
    "unreadable": QT_TRANSLATE_NOOP(
        "LabelCheck",
        "The scan could not be interpreted. Scan again; if this repeats, call QA."),
})

_PARAMS = _texts({
    "GS1 (cassette)": QT_TRANSLATE_NOOP("CassetteParam", "GS1 (cassette)"),
    "ISBT 128 (bag)": QT_TRANSLATE_NOOP("CassetteParam", "ISBT 128 (bag)"),
    "batch": QT_TRANSLATE_NOOP("CassetteParam", "batch number"),
    "cassette": QT_TRANSLATE_NOOP("CassetteParam", "cassette label"),
    "bag": QT_TRANSLATE_NOOP("CassetteParam", "bag label"),
    "bay": QT_TRANSLATE_NOOP("CassetteParam", "bay"),
})
_FIELDS = _texts({
    "gtin": QT_TRANSLATE_NOOP("CassetteField", "GTIN"),
    "lot": QT_TRANSLATE_NOOP("CassetteField", "Lot number"),
    "expiry": QT_TRANSLATE_NOOP("CassetteField", "Expiry date"),
    "serial": QT_TRANSLATE_NOOP("CassetteField", "Serial number"),
    "din": QT_TRANSLATE_NOOP("CassetteField", "DIN"),
    "flags": QT_TRANSLATE_NOOP("CassetteField", "Flags"),
    "check_character": QT_TRANSLATE_NOOP("CassetteField", "Check character"),
    "product_code": QT_TRANSLATE_NOOP("CassetteField", "Product code"),
    "coi": QT_TRANSLATE_NOOP("CassetteField", "COI ID"),
})
_STATES = _texts({
    "free": QT_TRANSLATE_NOOP("BayState", "Free"),
    "loaded": QT_TRANSLATE_NOOP("BayState", "Loaded"),
    "load_pending": QT_TRANSLATE_NOOP("BayState", "Load awaiting verification"),
    "unload_pending": QT_TRANSLATE_NOOP("BayState", "Unload awaiting verification"),
    "out_of_service": QT_TRANSLATE_NOOP("BayState", "Out of service"),
    "conflict": QT_TRANSLATE_NOOP("BayState", "Conflict: call QA"),
})


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def check_text(check: Check) -> str:
    """The check's message in the current language ("" when it passed)."""
    if check.ok:
        return ""
    context, table = ("LabelCheck", _LABEL) if check.label else ("CassetteCheck", _CHECKS)
    source = table.get(check.code)
    if source is None:
        return check.message
    params = {k: QCoreApplication.translate("CassetteParam", _PARAMS[v]) if v in _PARAMS
              else v for k, v in check.params.items()}
    return QCoreApplication.translate(context, source).format_map(_Params(params))


def field_name(key: str) -> str:
    text = _FIELDS.get(key)
    return QCoreApplication.translate("CassetteField", text) if text else key


def bay_state_name(code: str) -> str:
    text = _STATES.get(code)
    return QCoreApplication.translate("BayState", text) if text else code


def known_codes() -> tuple[frozenset[str], frozenset[str]]:
    """(check codes, label codes) with a translatable text, for tests."""
    return frozenset(_CHECKS), frozenset(_LABEL)


_DEMO = frozenset(str(text) for text in (
    QT_TRANSLATE_NOOP("DemoLabel", "good cassette"),
    QT_TRANSLATE_NOOP("DemoLabel", "good cassette (second)"),
    QT_TRANSLATE_NOOP("DemoLabel", "cassette of another batch"),
    QT_TRANSLATE_NOOP("DemoLabel", "cassette of another step"),
    QT_TRANSLATE_NOOP("DemoLabel", "cassette not registered"),
    QT_TRANSLATE_NOOP("DemoLabel", "cassette with wrong lot"),
    QT_TRANSLATE_NOOP("DemoLabel", "expired cassette"),
    QT_TRANSLATE_NOOP("DemoLabel", "rejected cassette"),
    QT_TRANSLATE_NOOP("DemoLabel", "quarantined cassette"),
    QT_TRANSLATE_NOOP("DemoLabel", "cassette loaded in B2"),
    QT_TRANSLATE_NOOP("DemoLabel", "cassette loaded at another station"),
    QT_TRANSLATE_NOOP("DemoLabel", "cassette used and unloaded"),
    QT_TRANSLATE_NOOP("DemoLabel", "cassette with a load awaiting verification"),
    QT_TRANSLATE_NOOP("DemoLabel", "cassette GTIN check digit wrong"),
    QT_TRANSLATE_NOOP("DemoLabel", "truncated cassette label"),
    QT_TRANSLATE_NOOP("DemoLabel", "good bag"),
    QT_TRANSLATE_NOOP("DemoLabel", "bag of another patient"),
    QT_TRANSLATE_NOOP("DemoLabel", "bag with another patient's CoI"),
    QT_TRANSLATE_NOOP("DemoLabel", "expired bag"),
    QT_TRANSLATE_NOOP("DemoLabel", "bag DIN check fails"),
    QT_TRANSLATE_NOOP("DemoLabel", "bag without expiry"),
    QT_TRANSLATE_NOOP("DemoLabel", "free bay"),
    QT_TRANSLATE_NOOP("DemoLabel", "occupied bay"),
    QT_TRANSLATE_NOOP("DemoLabel", "reserved bay"),
    QT_TRANSLATE_NOOP("DemoLabel", "bay out of service"),
))


def demo_description(text: str) -> str:
    """A demo label's description (``demo_cassettes.DEMO_LABELS``) in the current language."""
    return QCoreApplication.translate("DemoLabel", text) if text in _DEMO else text


flow_step_name = EnumNames("FlowStep", FlowStep, {
    FlowStep.BATCH: QT_TRANSLATE_NOOP("FlowStep", "Batch"),
    FlowStep.CASSETTE: QT_TRANSLATE_NOOP("FlowStep", "Cassette"),
    FlowStep.BAG: QT_TRANSLATE_NOOP("FlowStep", "Bag"),
    FlowStep.BAY: QT_TRANSLATE_NOOP("FlowStep", "Bay"),
    FlowStep.SIGN: QT_TRANSLATE_NOOP("FlowStep", "Sign"),
})
entry_name = EnumNames("Entry", Entry, {
    Entry.SCANNED: QT_TRANSLATE_NOOP("Entry", "Scanned"),
    Entry.TYPED: QT_TRANSLATE_NOOP("Entry", "Typed by hand (not scanned)"),
    Entry.CHOSEN: QT_TRANSLATE_NOOP("Entry", "Chosen on screen"),
})
