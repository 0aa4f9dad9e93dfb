"""Every step type's input checks: what is accepted, refused, and which exception (kind and
severity) is raised on the spot, with its evidence."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from operator_console.domain.batch_execution.exception_text import exception_text
from operator_console.domain.batch_execution.exceptions import (
    ExceptionKind,
    ExceptionState,
    disposition_content,
    exception_content,
    exception_facts,
    exception_record,
    manual_exception,
)
from operator_console.domain.batch_execution.step_inputs import (
    check_cassette_step,
    check_checklist,
    check_data_entry,
    check_instruction,
    check_material_receipt,
    check_reagent,
    check_sample,
    expected_values,
    sample_id_for,
)
from operator_console.domain.batch_execution.verdicts import Verdict
from operator_console.domain.chain_of_identity import BatchIdentity
from operator_console.domain.demo_data import BATCHES, GOOD_BAG, bag_label
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.recipes.model import Severity, Step
from operator_console.domain.records import InvalidRecordError, RecordType, policy_for

RECIPE = demo_recipe()
BATCH_ID, PATIENT, DIN, COI = BATCHES[0]
BATCH = BatchIdentity(BATCH_ID, PATIENT, "APHERESIS-RECEIPT", frozenset({DIN}), COI)
NOW = datetime(2026, 12, 1, 10, 0)  # station local time, naive like ISBT 128 expiry
TODAY = NOW.date()


def step(step_id: str) -> Step:
    found = RECIPE.step(step_id)
    assert found is not None
    return found


def only_exception(verdict: Verdict) -> tuple[ExceptionKind, Severity]:
    assert len(verdict.exceptions) == 1, verdict.exceptions
    e = verdict.exceptions[0]
    return e.kind, e.severity


# ---------------------------------------------------------------- data entry


def test_values_within_limits_are_accepted_without_exception() -> None:
    verdict = check_data_entry(step("CELL-COUNT"), {"VCD": 2.5, "VIABILITY": 91.5})
    assert verdict.ok and verdict.exceptions == ()
    assert verdict.actual == {"values": {"VCD": 2.5, "VIABILITY": 91.5}}


@pytest.mark.parametrize(("step_id", "values", "severity"), [
    ("CELL-COUNT", {"VCD": 7.0, "VIABILITY": 91.0}, Severity.MAJOR),
    ("CELL-COUNT", {"VCD": 2.0, "VIABILITY": 60.0}, Severity.MAJOR),
    ("HARVEST", {"VOLUME": 100, "TVC": 0.8, "VIABILITY": 90}, Severity.CRITICAL),
    ("HARVEST", {"VOLUME": 130, "TVC": 2.0, "VIABILITY": 90}, Severity.MINOR),
])
def test_out_of_limits_is_kept_and_raises_the_fields_severity(
        step_id: str, values: dict[str, float], severity: Severity) -> None:
    verdict = check_data_entry(step(step_id), values)
    assert verdict.ok and verdict.actual == {"values": values}
    assert only_exception(verdict) == (ExceptionKind.OUT_OF_LIMITS, severity)
    evidence = verdict.exceptions[0].evidence
    assert evidence["value"] in values.values() and "limits" in evidence
    assert verdict.exceptions[0].step_id == step_id


def test_a_value_at_the_limit_is_within_it() -> None:
    assert check_data_entry(step("CELL-COUNT"), {"VCD": 6.0, "VIABILITY": 70}).exceptions == ()


def test_an_implausible_value_is_refused_and_the_attempt_recorded() -> None:
    verdict = check_data_entry(step("CELL-COUNT"), {"VCD": 250.0, "VIABILITY": 91.0})
    assert not verdict.ok and verdict.code == "implausible"
    assert verdict.message == ("250 ×10⁶ cells/mL is not a possible value of Viable cell "
                               "density (possible: 0–50). Check the reading and enter it again.")
    assert only_exception(verdict) == (ExceptionKind.IMPLAUSIBLE_ENTRY, Severity.MINOR)
    assert verdict.actual == {}
    viability = check_data_entry(step("CELL-COUNT"), {"VCD": 2.0, "VIABILITY": 101.0})
    assert viability.code == "implausible"


@pytest.mark.parametrize(("values", "code"), [
    ({"VCD": 2.0}, "field_missing"),
    ({"VCD": 2.0, "VIABILITY": 90.0, "PH": 7.0}, "field_unknown"),
    ({"VCD": 2.123, "VIABILITY": 90.0}, "too_many_decimals"),
])
def test_incomplete_or_malformed_entries_are_refused(values: dict[str, float], code: str
                                                     ) -> None:
    verdict = check_data_entry(step("CELL-COUNT"), values)
    assert verdict.code == code and verdict.exceptions == () and verdict.message


# ---------------------------------------------------------------- checklist, instruction


def test_bay_clearance_needs_every_item() -> None:
    clearance = step("BAY-CLEARANCE")
    partial = check_checklist(clearance, {"EMPTY", "LABELS"})
    assert partial.code == "checklist_incomplete" and "CLEAN" in partial.message
    full = check_checklist(clearance, {"EMPTY", "CLEAN", "LABELS"})
    assert full.ok and full.actual == {"confirmed": ["EMPTY", "CLEAN", "LABELS"]}


def test_an_instruction_is_read_and_confirmed() -> None:
    assert check_instruction(True).ok
    assert check_instruction(False).code == "not_confirmed"


# ---------------------------------------------------------------- material receipt


def test_the_patients_bag_is_accepted() -> None:
    verdict = check_material_receipt(step("APHERESIS-RECEIPT"), GOOD_BAG, BATCH, NOW)
    assert verdict.ok and verdict.exceptions == ()
    assert verdict.actual["label"]["coi"] == COI  # type: ignore[index]
    assert verdict.actual["scan"] == GOOD_BAG


@pytest.mark.parametrize(("scan", "code", "kind", "severity"), [
    (bag_label("A99992610014387", coi="CHA99992600143B"), "din_not_for_patient",
     ExceptionKind.WRONG_PATIENT, Severity.CRITICAL),
    (bag_label(coi="CHA99992600143B"), "coi_not_for_patient", ExceptionKind.WRONG_PATIENT,
     Severity.CRITICAL),
    (bag_label(expiry="0260012359"), "material_expired", ExceptionKind.EXPIRED_MATERIAL,
     Severity.MAJOR),
    (bag_label("A99992610014288"), None, ExceptionKind.REFUSED_SCAN, Severity.MAJOR),
    ("=A99992610014289", "bag_no_expiry", ExceptionKind.REFUSED_SCAN, Severity.MAJOR),
    ("(01)04569951120046(17)301231(10)LV1", "wrong_label_kind", ExceptionKind.REFUSED_SCAN,
     Severity.MAJOR),
    ("garbage!", "unknown_symbology", ExceptionKind.REFUSED_SCAN, Severity.MAJOR),
])
def test_a_refused_bag_scan_leaves_an_exception_with_the_raw_scan(
        scan: str, code: str | None, kind: ExceptionKind, severity: Severity) -> None:
    for step_id in ("APHERESIS-RECEIPT", "FINAL-LABEL-CHECK"):
        verdict = check_material_receipt(step(step_id), scan, BATCH, NOW)
        assert not verdict.ok and (code is None or verdict.code == code), verdict.code
        assert only_exception(verdict) == (kind, severity)
        assert verdict.exceptions[0].evidence["scan"] == scan
        assert verdict.message and verdict.exceptions[0].description == ""  # codes only
        exc = verdict.exceptions[0]
        assert exc.evidence["code"] == verdict.code
        for lang in ("ja", "en"):  # worded when shown, with the raw scan as its evidence
            text = exception_text(exc.kind, exc.evidence, lang)
            assert text != exception_text(exc.kind, {}, lang)
            assert scan.strip() in text


def test_a_typed_bag_label_is_accepted_with_a_typed_entry_exception() -> None:
    verdict = check_material_receipt(step("APHERESIS-RECEIPT"), GOOD_BAG, BATCH, NOW,
                                     typed=True)
    assert verdict.ok and only_exception(verdict) == (ExceptionKind.TYPED_ENTRY,
                                                      Severity.MINOR)


# ---------------------------------------------------------------- reagent

VECTOR = "(01)04569951120046(17)301231(10)LV2611"


def test_a_scanned_vector_lot_is_accepted() -> None:
    verdict = check_reagent(step("TRANSDUCTION"), TODAY, raw_scan=VECTOR)
    assert verdict.ok and verdict.exceptions == ()
    assert verdict.actual == {"material": "LV-CD19-01", "lot": "LV2611",
                              "expiry": "2030-12-31", "typed": False}


@pytest.mark.parametrize(("scan", "code", "kind"), [
    ("(01)04569951120046(17)251130(10)LV2611", "reagent_expired",
     ExceptionKind.EXPIRED_MATERIAL),
    ("(01)04569951120039(17)301231(10)AC1", "reagent_wrong_material",
     ExceptionKind.REFUSED_SCAN),
    ("(01)04569951120046(17)301231", "reagent_no_lot", ExceptionKind.REFUSED_SCAN),
    ("(01)04569951120046(10)LV2611", "reagent_no_expiry", ExceptionKind.REFUSED_SCAN),
    (GOOD_BAG, "reagent_wrong_material", ExceptionKind.REFUSED_SCAN),
    ("(01)0456995112", None, ExceptionKind.REFUSED_SCAN),
])
def test_a_refused_reagent_scan_raises_an_exception(scan: str, code: str | None,
                                                    kind: ExceptionKind) -> None:
    verdict = check_reagent(step("TRANSDUCTION"), TODAY, raw_scan=scan)
    assert not verdict.ok and (code is None or verdict.code == code), verdict.code
    assert only_exception(verdict)[0] is kind
    assert verdict.exceptions[0].evidence["scan"] == scan


def test_expiry_today_is_still_usable() -> None:
    assert check_reagent(step("TRANSDUCTION"), date(2030, 12, 31), raw_scan=VECTOR).ok


def test_typed_lot_where_the_recipe_allows_it_raises_a_minor_exception() -> None:
    verdict = check_reagent(step("ACTIVATION-REAGENT"), TODAY, typed_lot="AC-77",
                            typed_expiry=date(2027, 1, 31))
    assert verdict.ok and verdict.actual["typed"] is True
    assert only_exception(verdict) == (ExceptionKind.TYPED_ENTRY, Severity.MINOR)
    expired = check_reagent(step("ACTIVATION-REAGENT"), TODAY, typed_lot="AC-77",
                            typed_expiry=date(2026, 11, 30))
    assert expired.code == "reagent_expired"
    missing = check_reagent(step("ACTIVATION-REAGENT"), TODAY, typed_lot="AC-77")
    assert missing.code == "reagent_no_label"


def test_typed_lot_is_refused_where_the_recipe_wants_a_scan() -> None:
    verdict = check_reagent(step("TRANSDUCTION"), TODAY, typed_lot="LV2611",
                            typed_expiry=date(2030, 12, 31))
    assert verdict.code == "typed_not_allowed" and "Scan the label" in verdict.message
    assert only_exception(verdict) == (ExceptionKind.TYPED_ENTRY, Severity.MINOR)


# ---------------------------------------------------------------- sample, cassette


def test_the_sample_id_is_linked_to_the_batch_coi() -> None:
    sample = step("IPC-SAMPLE")
    assert sample_id_for(sample, COI) == f"{COI}-IPC-D7"
    assert check_sample(sample, f"{COI.lower()}-ipc-d7", BATCH).actual == {
        "sample_id": f"{COI}-IPC-D7", "typed": False}
    typed = check_sample(sample, f"{COI}-IPC-D7", BATCH, typed=True)
    assert typed.ok and only_exception(typed) == (ExceptionKind.TYPED_ENTRY, Severity.MINOR)
    other = check_sample(sample, "CHA99992600143B-IPC-D7", BATCH)
    assert other.code == "sample_other_patient"
    assert only_exception(other) == (ExceptionKind.WRONG_PATIENT, Severity.CRITICAL)
    wrong = check_sample(sample, f"{COI}-IPC-D3", BATCH)
    assert wrong.code == "sample_id_mismatch"
    assert only_exception(wrong) == (ExceptionKind.REFUSED_SCAN, Severity.MAJOR)


def test_a_cassette_step_records_the_cassette_flows_record() -> None:
    assert check_cassette_step(None).code == "cassette_record_missing"
    verdict = check_cassette_step("rec-77", "CS0142A1", "B1")
    assert verdict.actual == {"cassette_record": "rec-77", "serial": "CS0142A1", "bay": "B1"}


def test_expected_values_per_step_type() -> None:
    assert expected_values(step("BAY-CLEARANCE")) == {"checklist": ["EMPTY", "CLEAN",
                                                                    "LABELS"]}
    assert expected_values(step("APHERESIS-RECEIPT")) == {"material": "apheresis"}
    assert expected_values(step("TRANSDUCTION"))["gtin"] == "04569951120046"
    assert expected_values(step("IPC-SAMPLE")) == {"sample_code": "IPC-D7"}
    phase = expected_values(step("ACTIVATION"))
    assert phase["duration_minutes"] == 3 and set(phase["channels"]) == {  # type: ignore[arg-type]
        "temperature", "co2", "ph"}
    assert expected_values(step("HANDOVER")) == {}


# ---------------------------------------------------------------- exception records


def test_exception_records_and_their_disposition() -> None:
    verdict = check_material_receipt(step("APHERESIS-RECEIPT"),
                                     bag_label(coi="CHA99992600143B"), BATCH, NOW)
    ref = recipe_ref(RECIPE)
    draft = exception_record(verdict.exceptions[0], BATCH_ID, ref)
    assert draft.record_type is RecordType.EXCEPTION
    assert draft.content["kind"] == "wrong_patient" and draft.content["severity"] == "critical"
    assert draft.content["recipe"] == ref.as_dict()
    assert draft.content["step"] == "APHERESIS-RECEIPT"
    assert not policy_for(RecordType.EXCEPTION).requires_signature
    facts = exception_facts([("rec-1", draft.content)], [])
    assert facts[0].state is ExceptionState.OPEN and facts[0].blocks
    closed = exception_facts([("rec-1", draft.content)],
                             [disposition_content("rec-1", "bag quarantined, right bag used")])
    assert closed[0].state is ExceptionState.DISPOSITIONED and not closed[0].blocks
    with pytest.raises(InvalidRecordError):
        disposition_content("rec-1", "  ")


def test_a_manual_exception_needs_a_description() -> None:
    raised = manual_exception("Glove torn during sampling", Severity.MINOR, "IPC-SAMPLE")
    content = exception_content(raised, None)
    assert content["kind"] == "manual" and content["recipe"] is None
    with pytest.raises(InvalidRecordError):
        manual_exception(" ", Severity.MAJOR)
