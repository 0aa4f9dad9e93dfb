"""Normalisation of dirty scanner input (operator_console.domain.scan_input)."""

from __future__ import annotations

import string

import pytest

from operator_console.domain.scan_input import (
    GS,
    MAX_LENGTH,
    MESSAGES,
    LabelError,
    normalise_scan,
)


def _code(raw: str, **kwargs: tuple[str, ...]) -> str:
    with pytest.raises(LabelError) as info:
        normalise_scan(raw, **kwargs)
    return info.value.code


@pytest.mark.parametrize("suffix", ["\r", "\n", "\r\n", "\t", "\r\n\t", "\n\n"])
def test_trailing_scanner_suffixes_are_stripped(suffix: str) -> None:
    assert normalise_scan("0109506000134352" + suffix).text == "0109506000134352"


def test_byte_order_mark_is_dropped() -> None:
    assert normalise_scan("\ufeff=A99992212345600").text == "=A99992212345600"


def test_full_width_from_an_active_ime_becomes_ascii() -> None:
    scan = normalise_scan("０１０９５０６０００１３４３５２（１７）")
    assert scan.text == "0109506000134352(17)"
    assert scan.fullwidth_converted
    assert not normalise_scan("0109506000134352").fullwidth_converted


def test_ideographic_space_becomes_a_space() -> None:
    assert normalise_scan("Ａ９９９９\u300022").text == "A9999 22"


@pytest.mark.parametrize("substitute", ["^]", "~"])
def test_default_gs_substitutes(substitute: str) -> None:
    assert normalise_scan(f"10ABC{substitute}21XYZ").text == f"10ABC{GS}21XYZ"


def test_full_width_substitute_is_mapped_too() -> None:
    assert normalise_scan("10ABC～21XYZ").text == f"10ABC{GS}21XYZ"


def test_gs_substitutes_are_configurable() -> None:
    assert normalise_scan("10ABC|21X", gs_substitutes=("|",)).text == f"10ABC{GS}21X"
    assert normalise_scan("10ABC~21X", gs_substitutes=()).text == "10ABC~21X"


@pytest.mark.parametrize(
    ("raw", "aim", "text"),
    [
        ("]d20109506000134352", "]d2", "0109506000134352"),
        ("]C10109506000134352", "]C1", "0109506000134352"),
        ("]Q30109506000134352", "]Q3", "0109506000134352"),
        ("]C0=A99992212345600", "]C0", "=A99992212345600"),
        (f"{GS}]d2{GS}0109506000134352{GS}\r\n", "]d2", "0109506000134352"),
        ("0109506000134352", None, "0109506000134352"),
    ],
)
def test_aim_identifier_removed_and_reported(raw: str, aim: str | None, text: str) -> None:
    scan = normalise_scan(raw)
    assert (scan.aim_id, scan.text) == (aim, text)


def test_leading_and_trailing_gs_are_stripped_inner_kept() -> None:
    assert normalise_scan(f"{GS}{GS}10A{GS}21B{GS}").text == f"10A{GS}21B"


@pytest.mark.parametrize("raw", ["", "\r\n", GS, "\ufeff", "]d2", f"]d2{GS}\r", "^]"])
def test_empty_is_refused(raw: str) -> None:
    assert _code(raw) == "empty"


def test_length_limit() -> None:
    assert len(normalise_scan("1" * MAX_LENGTH).text) == MAX_LENGTH
    assert _code("1" * (MAX_LENGTH + 1)) == "too_long"
    assert _code("1" * 100_000) == "too_long"


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x1c", "\x1e", "\r", "\n", "\t", "\x7f", "\x85"])
def test_control_characters_other_than_gs_are_refused(char: str) -> None:
    assert _code(f"10AB{char}CD") == "control_character"


@pytest.mark.parametrize("char", ["é", "ｱ", "\u2028", "\U0001f600", "\ufeff", "\u00a0"])
def test_non_ascii_is_refused(char: str) -> None:
    with pytest.raises(LabelError) as info:
        normalise_scan(f"10AB{char}CD")
    assert info.value.code in {"non_ascii", "control_character"}
    assert info.value.params["position"] == "5"
    assert "U+" in info.value.params["char"] or char in info.value.params["char"]


def test_label_error_is_a_value_error_with_code_message_and_params() -> None:
    error = LabelError("too_long", length=600, limit=512)
    assert isinstance(error, ValueError)
    assert error.code == "too_long"
    assert error.params == {"length": "600", "limit": "512"}
    assert "600" in error.message and str(error) == error.message


def test_unknown_code_falls_back_to_unreadable() -> None:
    assert LabelError("no_such_code").code == "unreadable"


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_formats_and_says_what_to_do(code: str) -> None:
    fields = [f for _, f, _, _ in string.Formatter().parse(MESSAGES[code]) if f]
    error = LabelError(code, **{field: "X" for field in fields})
    assert "{" not in error.message and "?" not in error.message.replace("'X'", "")
    assert error.message.rstrip().endswith(".")
    assert len(error.message.split(". ")) >= 2  # what is wrong. what to do.


def test_missing_params_never_raise() -> None:
    assert "?" in LabelError("gtin_check_digit").message


def test_params_are_made_printable_for_one_line_messages() -> None:
    error = LabelError("unknown_data_structure", identifier="=\x1d\n")
    assert error.params["identifier"] == "=<U+001D><U+000A>"
    assert "\n" not in error.message
