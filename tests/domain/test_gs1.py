"""Strict GS1 element string parser (operator_console.domain.gs1)."""

from __future__ import annotations

from datetime import date

import pytest
from biip.gs1_messages import GS1Message

from operator_console.domain.barcode_labels import LabelError, parse_label
from operator_console.domain.gs1 import (
    Gs1Label,
    gtin_check_digit,
    parse_gs1,
    parse_gs1_date,
    resolve_century,
)

GS = "\x1d"
TODAY = date(2025, 6, 1)
GTIN = "09506000134352"  # GS1's own example GTIN (check digit 2)


def _code(text: str, today: date = TODAY) -> str:
    with pytest.raises(LabelError) as info:
        parse_gs1(text, today=today)
    return info.value.code


def test_full_cassette_label() -> None:
    label = parse_gs1(f"01{GTIN}17261130" + f"10LOT-42/A{GS}21SN000123", today=TODAY)
    assert label == Gs1Label(GTIN, "LOT-42/A", date(2026, 11, 30), "SN000123")


def test_through_parse_label_with_aim_and_fnc1_as_gs() -> None:
    raw = f"]d201{GTIN}17261130" + f"10ABC{GS}21XYZ\r\n"
    label = parse_label(raw, today=TODAY)
    assert isinstance(label, Gs1Label)
    assert (label.gtin, label.lot, label.expiry, label.serial) == (
        GTIN, "ABC", date(2026, 11, 30), "XYZ")


def test_without_aim_identifier() -> None:
    assert parse_label(f"01{GTIN}21XYZ", today=TODAY) == Gs1Label(GTIN, None, None, "XYZ")


def test_bracketed_human_readable_form() -> None:
    label = parse_label(f"(01){GTIN}(17)261130(10)A(B)C(21)X)Y", today=TODAY)
    assert label == Gs1Label(GTIN, "A(B)C", date(2026, 11, 30), "X)Y")


def test_any_order_and_gs_after_fixed_length_tolerated() -> None:
    label = parse_gs1(f"21S1{GS}10L1{GS}17261130{GS}01{GTIN}", today=TODAY)
    assert label == Gs1Label(GTIN, "L1", date(2026, 11, 30), "S1")


def test_predefined_dates_are_stepped_over() -> None:
    label = parse_gs1(f"01{GTIN}11250101152612001626110010L", today=TODAY)
    assert label.lot == "L"
    assert label.other == (("11", "250101"), ("15", "261200"), ("16", "261100"))


def test_full_width_digits_only_pass_through_normalisation() -> None:
    fullwidth = "０１０９５０６０００１３４３５２"
    assert _code(fullwidth) == "bad_format"
    assert parse_label(fullwidth, today=TODAY) == Gs1Label(GTIN, None, None, None)


@pytest.mark.parametrize(("body", "check"), [("0950600013435", "2"), ("0400638133393", "1"),
                                             ("0000000000000", "0")])
def test_gtin_check_digit(body: str, check: str) -> None:
    assert gtin_check_digit(body) == check


def test_wrong_gtin_check_digit() -> None:
    with pytest.raises(LabelError) as info:
        parse_gs1("0109506000134353", today=TODAY)
    assert info.value.code == "gtin_check_digit"
    assert info.value.params["expected"] == "2"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("261130", date(2026, 11, 30)), ("280200", date(2028, 2, 29)), ("270200", date(2027, 2, 28)),
     ("261200", date(2026, 12, 31)), ("250430", date(2025, 4, 30))],
)
def test_dates_and_day_zero(value: str, expected: date) -> None:
    assert parse_gs1_date(value, today=TODAY) == expected


@pytest.mark.parametrize("value", ["251301", "250001", "250230", "250431", "250132", "2501AA"])
def test_invalid_dates(value: str) -> None:
    assert _code(f"01{GTIN}17{value}") in {"bad_date", "bad_character"}


@pytest.mark.parametrize(
    ("yy", "today", "year"),
    [(75, date(2025, 1, 1), 2075), (76, date(2025, 1, 1), 1976), (0, date(2025, 1, 1), 2000),
     (24, date(2025, 1, 1), 2024), (30, date(2080, 1, 1), 2130), (31, date(2080, 1, 1), 2031),
     (99, date(2049, 1, 1), 2099), (99, date(2048, 1, 1), 1999)],
)
def test_century_sliding_window(yy: int, today: date, year: int) -> None:
    # GS1 General Specifications 7.12: 49 years back, 50 years ahead of the current year.
    assert resolve_century(yy, today) == year


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0109506", "truncated"),
        (f"01{GTIN}1726", "truncated"),
        (f"01{GTIN}1726{GS}1130", "truncated"),
        (f"01{GTIN}10{'L' * 21}", "field_too_long"),
        (f"01{GTIN}21{'S' * 21}", "field_too_long"),
        (f"01{GTIN}10LOT123" + "21" + "S" * 19, "ambiguous_lot_serial"),
        (f"01{GTIN}21SERIAL1" + "10" + "L" * 18, "ambiguous_lot_serial"),
        (f"01{GTIN}10L{GS}10L", "duplicate_ai"),
        (f"01{GTIN}01{GTIN}", "duplicate_ai"),
        (f"01{GTIN}400123", "unknown_ai"),
        (f"01{GTIN}(10)X", "bad_format"),
        ("10ABC", "missing_field"),
        (f"01{GTIN}10AB CD", "bad_character"),
        (f"01{GTIN}10AB#CD", "bad_character"),
        (f"01{GTIN}10AB~CD", "bad_character"),
        (f"01{GTIN}10{GS}21X", "empty_field"),
        (f"01{GTIN}{GS}{GS}10X", "bad_format"),
        (f"01{GTIN}10", "empty_field"),
        ("01095060001343A2", "bad_character"),
        ("AB", "bad_format"),
        ("(01", "bad_format"),
        (f"(01){GTIN}(10)", "empty_field"),
        ("(01)123", "truncated"),
        (f"(01){GTIN}0", "field_too_long"),
        (f"(01){GTIN}(400)1", "unknown_ai"),
        (f"(01){GTIN}(10)A{GS}B", "bad_character"),
    ],
)
def test_refused(text: str, code: str) -> None:
    assert _code(text) == code


def test_missing_gs_within_twenty_characters_cannot_be_detected() -> None:
    # Documented limitation: "ABC21XYZ" is a legal lot; the label then has no serial.
    label = parse_gs1(f"01{GTIN}10ABC21XYZ", today=TODAY)
    assert (label.lot, label.serial) == ("ABC21XYZ", None)


def test_to_json_exact() -> None:
    label = parse_gs1(f"01{GTIN}17261130" + f"10L{GS}21S", today=TODAY)
    assert label.to_json() == (
        '{"kind": "gs1", "gtin": "09506000134352", "lot": "L", "expiry": "2026-11-30", '
        '"serial": "S"}'
    )
    assert Gs1Label(GTIN, None, None, None).as_dict() == {
        "kind": "gs1", "gtin": GTIN, "lot": None, "expiry": None, "serial": None}


@pytest.mark.parametrize(
    "text",
    [f"01{GTIN}17261130" + f"10ABC{GS}21XYZ", f"21X{GS}01{GTIN}10L-1/2", f"01{GTIN}1726113021S"],
)
def test_agrees_with_biip_on_valid_data(text: str) -> None:
    ours = parse_gs1(text, today=date.today())
    theirs = GS1Message.parse(text)

    def value(ai: str) -> str | None:
        element = theirs.element_strings.get(ai=ai)
        return None if element is None else element.value

    assert (ours.gtin, ours.lot, ours.serial) == (value("01"), value("10"), value("21"))
    expiry = theirs.element_strings.get(ai="17")
    assert ours.expiry == (expiry.date if expiry else None)


def test_biip_also_merges_serial_into_lot_when_gs_is_missing() -> None:
    # Cross-check of the documented limitation: without GS, "21XYZ" is part of the lot for
    # any reader; only the length limit (or the missing serial) can reveal the fault.
    merged = f"01{GTIN}10ABC21XYZ"
    biip_lot = GS1Message.parse(merged).element_strings.get(ai="10")
    assert biip_lot is not None and biip_lot.value == "ABC21XYZ"
    assert parse_gs1(merged, today=TODAY).serial is None


def test_gtin_check_digit_refuses_non_digits() -> None:
    with pytest.raises(LabelError) as info:
        gtin_check_digit("12a")
    assert (info.value.code, info.value.params["position"]) == ("bad_character", "3")
