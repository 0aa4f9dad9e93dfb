"""Chain-of-identity checks: every refusal, its code and params, and robustness."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from operator_console.domain import chain_of_identity as coi
from operator_console.domain.barcode_labels import LabelError, parse_label
from operator_console.domain.cassette_state import CassetteState
from operator_console.domain.chain_of_identity import (
    BatchIdentity,
    BayFacts,
    Check,
    Registration,
    Whereabouts,
)
from operator_console.domain.gs1 import Gs1Label
from operator_console.domain.isbt128 import Isbt128Label

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 14, 0)
GTIN = "04569951120015"
BATCH = BatchIdentity("B-1", "P-1", "ACTIVATION", frozenset({"A999926100142"}),
                      "CHA99992600142A")
REGS = [Registration("B-1", "ACTIVATION", GTIN, "S1", "L1"),
        Registration("B-1", "EXPANSION", GTIN, "S2", "L1"),
        Registration("B-2", "ACTIVATION", GTIN, "S3", "L1"),
        Registration("B-1", "ACTIVATION", GTIN, "S4", None)]


def cassette(serial: str | None = "S1", lot: str | None = "L1",
             expiry: date | None = date(2030, 12, 31), gtin: str = GTIN) -> Gs1Label:
    return Gs1Label(gtin=gtin, lot=lot, expiry=expiry, serial=serial)


def bag(din: str | None = "A999926100142", coi_id: str | None = "CHA99992600142A",
        expiry: datetime | None = datetime(2030, 8, 23, 23, 59)) -> Isbt128Label:
    return Isbt128Label(din=din, flags="89", check_character="T", product_code=None,
                        expiry=expiry, coi=coi_id)


def test_ok_cassette() -> None:
    result = coi.check_cassette_label(cassette(), BATCH, REGS, TODAY)
    assert result.ok and result.message == ""
    assert coi.check_cassette_label(cassette("S4", lot="any"), BATCH, REGS, TODAY).ok


@pytest.mark.parametrize(("label", "code", "params"), [
    (bag(), "wrong_label_kind", {"found": "ISBT 128 (bag)", "expected": "GS1 (cassette)"}),
    (cassette(serial=None), "cassette_no_serial", {}),
    (cassette(expiry=None), "cassette_no_expiry", {}),
    (cassette("S9"), "cassette_not_registered", {"gtin": GTIN, "serial": "S9"}),
    (cassette("S1", gtin="04569951120022"), "cassette_not_registered", {}),
    (cassette("S3"), "cassette_not_for_batch", {"other": "B-2", "batch": "B-1"}),
    (cassette("S2"), "cassette_not_for_step", {"other": "EXPANSION", "step": "ACTIVATION"}),
    (cassette(lot="L2"), "cassette_lot_mismatch", {"lot": "L2", "expected": "L1"}),
    (cassette(lot=None), "cassette_lot_mismatch", {"lot": "-"}),
    (cassette(expiry=date(2026, 11, 26)), "cassette_expired", {"expiry": "2026-11-26"}),
])
def test_cassette_refusals(label: Gs1Label | Isbt128Label, code: str,
                           params: dict[str, str]) -> None:
    result = coi.check_cassette_label(label, BATCH, REGS, TODAY)
    assert result.code == code
    assert params.items() <= dict(result.params).items()
    assert result.message and "{" not in result.message


def test_cassette_usable_on_its_expiry_day() -> None:
    assert coi.check_cassette_label(cassette(expiry=TODAY), BATCH, REGS, TODAY).ok


@pytest.mark.parametrize(("where", "code"), [
    (Whereabouts(CassetteState.REGISTERED), "ok"),
    (Whereabouts(CassetteState.REJECTED), "cassette_rejected"),
    (Whereabouts(CassetteState.QUARANTINED), "cassette_quarantined"),
    (Whereabouts(CassetteState.UNLOADED, "B1", "ST-1"), "cassette_used"),
    (Whereabouts(CassetteState.LOAD_PENDING, "B1", "ST-1"), "cassette_load_pending"),
    (Whereabouts(CassetteState.LOADED, "B1", "ST-1"), "cassette_loaded_here"),
    (Whereabouts(CassetteState.UNLOAD_PENDING, "B1", "ST-1"), "cassette_loaded_here"),
    (Whereabouts(CassetteState.LOADED, "X1", "ST-2"), "cassette_loaded_elsewhere"),
    (Whereabouts(CassetteState.REGISTERED, conflict=True), "cassette_conflict"),
])
def test_cassette_state(where: Whereabouts, code: str) -> None:
    assert coi.check_cassette_state("S1", where, "ST-1").code == code


def test_ok_bag() -> None:
    assert coi.check_bag_label(bag(), BATCH, NOW).ok
    assert coi.check_bag_label(bag(coi_id=None), BATCH, NOW).ok  # CoI checked where present


@pytest.mark.parametrize(("label", "code"), [
    (cassette(), "wrong_label_kind"),
    (bag(din=None), "bag_no_din"),
    (bag(din="A999926100143"), "din_not_for_patient"),
    (bag(coi_id="CHA99992600143B"), "coi_not_for_patient"),
    (bag(expiry=None), "bag_no_expiry"),
    (bag(expiry=NOW), "material_expired"),
    (bag(expiry=datetime(2026, 1, 1, 23, 59)), "material_expired"),
])
def test_bag_refusals(label: Gs1Label | Isbt128Label, code: str) -> None:
    result = coi.check_bag_label(label, BATCH, NOW)
    assert result.code == code and result.message


def test_din_is_checked_before_anything_else_about_the_patient() -> None:
    # Another patient's bag is refused as such even if it is also expired.
    result = coi.check_bag_label(bag(din="A999926100143", expiry=datetime(2020, 1, 1)),
                                 BATCH, NOW)
    assert result.code == "din_not_for_patient"


def test_batch_without_coi_refuses_a_bag_with_one() -> None:
    batch = BatchIdentity("B-1", "P-1", "ACTIVATION", frozenset({"A999926100142"}))
    assert coi.check_bag_label(bag(), batch, NOW).code == "coi_not_for_patient"


@pytest.mark.parametrize(("facts", "code"), [
    (None, "bay_unknown"),
    (BayFacts("B1", True), "ok"),
    (BayFacts("B1", False), "bay_out_of_service"),
    (BayFacts("B1", True, "S1", GTIN, "B-1", CassetteState.LOADED), "bay_occupied"),
    (BayFacts("B1", True, "S1", GTIN, "B-1", CassetteState.UNLOAD_PENDING), "bay_occupied"),
    (BayFacts("B1", True, "S1", GTIN, "B-1", CassetteState.LOAD_PENDING), "bay_reserved"),
])
def test_bay_for_load(facts: BayFacts | None, code: str) -> None:
    assert coi.check_bay_for_load("B1", facts).code == code


@pytest.mark.parametrize(("facts", "code"), [
    (None, "bay_unknown"),
    (BayFacts("B1", True), "bay_empty"),
    (BayFacts("B1", True, "S1", GTIN, "B-1", CassetteState.LOADED), "ok"),
    (BayFacts("B1", False, "S1", GTIN, "B-1", CassetteState.LOADED), "ok"),
    (BayFacts("B1", True, "S1", GTIN, "B-1", CassetteState.UNLOAD_PENDING),
     "bay_unload_pending"),
    (BayFacts("B1", True, "S1", GTIN, "B-1", CassetteState.LOAD_PENDING), "bay_reserved"),
])
def test_bay_for_unload(facts: BayFacts | None, code: str) -> None:
    assert coi.check_bay_for_unload("B1", facts).code == code


def test_unload_cassette_must_be_the_one_in_the_bay() -> None:
    facts = BayFacts("B1", True, "S1", GTIN, "B-1", CassetteState.LOADED)
    assert coi.check_unload_cassette(cassette(), facts).ok
    assert coi.check_unload_cassette(cassette("S2"), facts).code == "unload_wrong_cassette"
    assert coi.check_unload_cassette(bag(), facts).code == "wrong_label_kind"


def test_typed_entry_policy() -> None:
    allowed = frozenset({"batch", "bay"})
    assert coi.check_typed("cassette", False, allowed).ok
    assert coi.check_typed("bay", True, allowed).ok
    result = coi.check_typed("cassette", True, allowed)
    assert result.code == "typed_not_allowed" and result.params == {"field": "cassette"}


def test_label_errors_keep_their_code() -> None:
    with pytest.raises(LabelError) as info:
        parse_label("(01)04569951120016(17)301231(10)L1(21)S1", today=TODAY)
    result = coi.from_label_error(info.value)
    assert result.label and result.code == "gtin_check_digit"
    assert result.message == info.value.message


def test_refuse_rejects_unknown_codes_and_first_failure() -> None:
    with pytest.raises(KeyError):
        coi.refuse("no_such_code")
    bad = coi.refuse("bay_unknown", bay="B9")
    assert coi.first_failure(coi.OK, bad, coi.refuse("bay_empty", bay="B1")) is bad
    assert coi.first_failure(coi.OK, Check()).ok


def test_every_message_formats_with_missing_params() -> None:
    for code in coi.MESSAGES:
        text = Check(code).message
        assert text and "{" not in text


serials = st.text(alphabet="ABCS0123456789", min_size=1, max_size=6)


@given(serial=serials, lot=st.one_of(st.none(), serials), batch_id=st.sampled_from(["B-1", "B-2"]),
       day=st.dates(date(2020, 1, 1), date(2035, 1, 1)))
def test_cassette_check_is_total_and_ok_only_when_everything_matches(
        serial: str, lot: str | None, batch_id: str, day: date) -> None:
    batch = BatchIdentity(batch_id, "P", "ACTIVATION", frozenset())
    result = coi.check_cassette_label(cassette(serial, lot, day), batch, REGS, TODAY)
    assert isinstance(result, Check)
    if result.ok:
        reg = next(r for r in REGS if r.serial == serial)
        assert reg.batch_id == batch_id and reg.step == "ACTIVATION"
        assert reg.lot is None or reg.lot == lot
        assert day >= TODAY


@given(din=st.text(alphabet="A9012346", min_size=13, max_size=13),
       coi_id=st.one_of(st.none(), st.sampled_from(["CHA99992600142A", "CHA99992600143B"])))
def test_bag_ok_only_for_the_patients_din(din: str, coi_id: str | None) -> None:
    result = coi.check_bag_label(bag(din, coi_id), BATCH, NOW)
    assert result.ok == (din in BATCH.dins and coi_id in (None, BATCH.coi))
