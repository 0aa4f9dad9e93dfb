"""ISBT 128 parser (operator_console.domain.isbt128) against ICCBBA ST-001 examples."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from operator_console.domain.barcode_labels import LabelError, parse_label
from operator_console.domain.isbt128 import (
    Isbt128Label,
    ProductCode,
    flag_check_value,
    looks_like_keyed_din,
    mod37_2_check,
    parse_isbt128,
    parse_keyed_din,
)

# ICCBBA example DIN "A9999 22 123456" (A9990-A9999 are FINs set aside for validation).
DIN = "A999922123456"


def _code(text: str) -> str:
    with pytest.raises(LabelError) as info:
        parse_isbt128(text)
    return info.value.code


def test_mod37_2_worked_by_hand_for_the_example_din() -> None:
    # ISO/IEC 7064 Mod 37-2 by hand for A999922123456: character values (0-9, A=10 .. Z=35,
    # *=36) times 2^n, n = position from the right:
    #   A 10*8192=81920, 9*4096=36864, 9*2048=18432, 9*1024=9216, 9*512=4608, 2*256=512,
    #   2*128=256, 1*64=64, 2*32=64, 3*16=48, 4*8=32, 5*4=20, 6*2=12;  sum = 152048.
    #   152048 mod 37 = 15 (37*4109 = 152033);  (38 - 15) mod 37 = 23  ->  "N".
    # Type 3 flags are 60 + 23 = 83.
    assert mod37_2_check(DIN) == "N"
    assert flag_check_value(DIN) == "83"


@pytest.mark.parametrize(
    ("din", "check"),
    [
        ("G123498654321", "H"),  # UK Red Book annex 2 worked example (checksum 17, flags 77)
        ("A999921123456", "3"),  # ST-001 figure 2: A9999 21 123456 01 [3]
        ("W000009123456", "G"),  # ST-001 7.4.1: W0000 09 123456 02 [G]
        ("A999818123456", "N"),  # ST-001 7.5.1.1: A9998 18 123456 [N]
    ],
)
def test_mod37_2_published_examples(din: str, check: str) -> None:
    assert mod37_2_check(din) == check


def test_type3_flags_of_the_red_book_example() -> None:
    assert flag_check_value("G123498654321") == "77"


def test_mod37_2_refuses_characters_outside_its_set() -> None:
    with pytest.raises(LabelError):
        mod37_2_check("a999922123456")
    with pytest.raises(LabelError):
        mod37_2_check("")


@pytest.mark.parametrize("flags", ["00", "01", "19", "20", "59", "83"])
def test_din_with_valid_flags(flags: str) -> None:
    label = parse_isbt128(f"={DIN}{flags}")
    assert (label.din, label.flags, label.check_character) == (DIN, flags, "N")


@pytest.mark.parametrize(("flags", "code"), [("84", "din_check_character"),
                                             ("60", "din_check_character"),
                                             ("97", "bad_flags"), ("99", "bad_flags"),
                                             ("A1", "bad_flags"), ("0B", "bad_flags")])
def test_din_with_bad_flags(flags: str, code: str) -> None:
    assert _code(f"={DIN}{flags}") == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("=A9999221234", "truncated"),
        (f"={DIN}=<S1234A00", "truncated"),
        ("=A99X92212345600", "bad_character"),
        ("=A999922I2345600", "bad_character"),
        ("=0999922123456000", "unknown_data_structure"),
        ("=O999922123456000", "unknown_data_structure"),
        ("A999922123456", "bad_format"),
        ("&a12345", "unknown_data_structure"),
        ("&;12345", "unknown_data_structure"),
        ("&!1", "unknown_data_structure"),
        ("&,9123", "unknown_data_structure"),
        ("=", "unknown_data_structure"),
        (f"={DIN}00={DIN}00", "duplicate_structure"),
        ("=>025001&>0253652359", "duplicate_structure"),
        ("=%62 0", "bad_character"),
        ("&#01", "truncated"),
        ("&#0105ABCD", "truncated"),
        ("&$0", "truncated"),
        ("", "empty"),
    ],
)
def test_refused(text: str, code: str) -> None:
    assert _code(text) == code


def test_validation_fins_with_letters_in_pppp_are_structurally_valid() -> None:
    assert parse_isbt128("=AB99922123456" + "00").din == "AB99922123456"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("S1234A00", ProductCode("S1234A00", "S1234", "A", "00")),
        ("E0001V00", ProductCode("E0001V00", "E0001", "V", "00")),
        ("E0001VAb", ProductCode("E0001VAb", "E0001", "V", "Ab")),
        ("S1295099", ProductCode("S1295099", "S1295", "0", "99")),
        ("X0123a00", ProductCode("X0123a00", "X0123", "a", "00")),
        ("YA123A00", ProductCode("YA123A00", "YA123", "A", "00")),
        ("T1295003", ProductCode("T1295003", "T1295", None, "003")),
        ("M0001000", ProductCode("M0001000", "M0001", None, "000")),
        ("X5000000", ProductCode("X5000000", "X5000", None, "000")),
        ("AE134xy1", ProductCode("AE134xy1", "AE134", None, "xy1")),
    ],
)
def test_product_code_structure(code: str, expected: ProductCode) -> None:
    label = parse_isbt128(f"=<{code}")
    assert label.product_code == expected
    assert str(label.product_code) == code
    assert label.din is None


@pytest.mark.parametrize("code", ["s1234A00", "G1234A00", "S1234A0A", "S12a4A00", "T12950A3",
                                  "S1234Aa0"])
def test_bad_product_codes(code: str) -> None:
    assert _code(f"=<{code}") == "bad_character"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("&>0253652359", datetime(2025, 12, 31, 23, 59)),
        ("&>0243661200", datetime(2024, 12, 31, 12, 0)),
        ("&>0250010000", datetime(2025, 1, 1, 0, 0)),
        ("=>025032", datetime(2025, 2, 1, 23, 59)),  # 004: the item expires at the end of the day
        ("&>9993651200", datetime(1999, 12, 31, 12, 0)),
        ("&>1250011200", datetime(2125, 1, 1, 12, 0)),
    ],
)
def test_expiry(text: str, expected: datetime) -> None:
    assert parse_isbt128(text).expiry == expected


@pytest.mark.parametrize("text", ["&>0253661200", "&>0250001200", "&>0250012400",
                                  "&>0250011260", "=>025000", "=>02536A"])
def test_bad_expiry(text: str) -> None:
    assert _code(text) == "bad_date"


def test_compound_message_as_a_2d_symbol_carries_it() -> None:
    text = f"=+04000={DIN}83=<S1234A00&>0253652359&/CHA999925ABC123"
    label = parse_isbt128(text)
    assert label == Isbt128Label(
        din=DIN, flags="83", check_character="N",
        product_code=ProductCode("S1234A00", "S1234", "A", "00"),
        expiry=datetime(2025, 12, 31, 23, 59), coi="CHA999925ABC123",
        structures=label.structures,
    )
    assert [s.number for s in label.structures] == ["023", "001", "003", "005", "040"]


def test_concatenated_linear_codes_without_header() -> None:
    label = parse_label(f"]C0={DIN}00=<S1234A00\r", today=date(2025, 1, 1))
    assert isinstance(label, Isbt128Label)
    assert (label.din, str(label.product_code)) == (DIN, "S1234A00")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (f"=+02000={DIN}00=<S1234A00&>0253652359", "compound_mismatch"),
        (f"=+04000={DIN}00=<S1234A00", "compound_mismatch"),
        ("=+00000", "compound_mismatch"),
        (f"=+02000={DIN}00=+01000", "bad_format"),
        (f"=+0A000={DIN}00", "bad_character"),
    ],
)
def test_bad_compound_messages(text: str, code: str) -> None:
    assert _code(text) == code


def test_other_structures_are_split_and_kept() -> None:
    text = f"={DIN}00=%6200&#0105ABCDE&$01{'1' * 14}&%001{'2' * 10}=,AABB00&,1{'0' * 18}"
    label = parse_isbt128(text)
    assert [s.number for s in label.structures] == ["001", "002", "025", "029", "030", "032",
                                                    "035"]
    assert label.structures[2].content == "0105ABCDE"


@pytest.mark.parametrize(
    ("text", "code"),
    [("&/XXA999925ABC123", "bad_format"), ("&/CHA999925abc123", "bad_character"),
     ("&/CH0999925ABC123", "bad_character"), ("&/CHA9999250BC1", "truncated")],
)
def test_bad_chain_of_identity(text: str, code: str) -> None:
    assert _code(text) == code


def test_chain_of_identity_alone() -> None:
    label = parse_isbt128("&/CHA999925ABC123")
    assert (label.coi, label.din) == ("CHA999925ABC123", None)


@pytest.mark.parametrize("typed", [f"{DIN}N", "A9999 22 123456 N", "a9999 22 123456 n",
                                   "  A999922123456N"])
def test_keyed_din(typed: str) -> None:
    label = parse_label(typed, today=date(2025, 1, 1))
    assert isinstance(label, Isbt128Label)
    assert (label.din, label.check_character, label.flags, label.keyed) == (DIN, "N", None, True)


@pytest.mark.parametrize(
    ("typed", "code"),
    [(f"{DIN}M", "din_check_character"), ("A999922123465N", "din_check_character"),
     (DIN, "truncated"), (f"{DIN}NN", "field_too_long"), ("A99992212345#N", "bad_character"),
     ("A9999 22 1234567", "din_check_character")],
)
def test_keyed_din_refused(typed: str, code: str) -> None:
    with pytest.raises(LabelError) as info:
        parse_keyed_din(typed)
    assert info.value.code == code


def test_looks_like_keyed_din() -> None:
    assert looks_like_keyed_din("A999922123456N")
    assert looks_like_keyed_din("7004203123456*")
    assert looks_like_keyed_din("A99992212345")  # letters never start GS1 data: a short DIN
    assert not looks_like_keyed_din("SN12345")  # some other barcode: not a DIN at all
    assert not looks_like_keyed_din("0109506000134352")
    assert not looks_like_keyed_din("123")
    assert not looks_like_keyed_din("O999922123456N")


def test_to_json_exact() -> None:
    label = parse_isbt128(f"={DIN}00=<S1234A00&>0253652359")
    assert label.to_json() == (
        '{"kind": "isbt128", "din": "A999922123456", "flags": "00", "check_character": "N", '
        '"product_code": "S1234A00", "expiry": "2025-12-31T23:59", "coi": null}'
    )
