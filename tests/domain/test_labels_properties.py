"""Property tests for the label parsers: robustness, check-character power, round trips."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from operator_console.domain.barcode_labels import MESSAGES, LabelError, parse_label
from operator_console.domain.gs1 import CHARSET_82, Gs1Label, gtin_check_digit, parse_gs1
from operator_console.domain.isbt128 import (
    DIN_FIRST,
    MOD37_CHARSET,
    Isbt128Label,
    ProductCode,
    flag_check_value,
    mod37_2_check,
    parse_isbt128,
    parse_keyed_din,
)
from operator_console.domain.scan_input import normalise_scan

GS = "\x1d"
TODAY = date(2025, 6, 1)

# Characters that matter to the parsers, so that random input gets deep into them.
_RELEVANT = (
    "0123456789ACDGNSXYZadz()=&<>+%/,;:*'\"-$#{}[]\\!_~^]\x1d\r\n\t \ufeff\u3000０１（＝"
)
relevant_text = st.text(alphabet=_RELEVANT, max_size=80)
any_text = st.text(max_size=200)  # every code point but surrogates, controls included


def _total(parse: Callable[[str], object], text: str) -> None:
    try:
        parse(text)
    except LabelError as error:
        assert error.code in MESSAGES
        assert error.message and all(" " <= c <= "~" for c in error.message)  # one line


@settings(max_examples=400)
@given(st.one_of(any_text, relevant_text))
def test_parse_label_raises_only_label_error(text: str) -> None:
    _total(lambda t: parse_label(t, today=TODAY), text)


@settings(max_examples=300)
@given(st.one_of(any_text, relevant_text))
def test_each_parser_raises_only_label_error(text: str) -> None:
    _total(normalise_scan, text)
    _total(lambda t: parse_gs1(t, today=TODAY), text)
    _total(parse_isbt128, text)
    _total(parse_keyed_din, text)
    _total(mod37_2_check, text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["01", "10", "17", "21", "11", GS, "(", ")", "(10)", "(21)",
                                 "=", "&", "=<", "&>", "=+", "&/CH", "&#", "&$", "A", "9"]),
                max_size=60))
def test_structured_noise_raises_only_label_error(parts: list[str]) -> None:
    text = "".join(parts)
    _total(lambda t: parse_gs1(t, today=TODAY), text)
    _total(parse_isbt128, text)
    _total(lambda t: parse_label(t, today=TODAY), text)


@pytest.mark.parametrize("text", ["(" * 512, "(1" * 256, "(01)" * 128, "=" * 512, "&#99" * 128,
                                  "10" + "21" * 255, "&$99" + "1" * 508, "0" * 512])
def test_pathological_input_is_fast(text: str) -> None:
    start = time.perf_counter()
    _total(lambda t: parse_label(t, today=TODAY), text)
    assert time.perf_counter() - start < 0.5


# --- DIN check character -----------------------------------------------------------------

_DIGIT = st.sampled_from("0123456789")
_FIN_CHAR = st.sampled_from(sorted(DIN_FIRST | {"0"}))


@st.composite
def dins(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from(sorted(DIN_FIRST))) + draw(_FIN_CHAR) + draw(_FIN_CHAR)
    return head + "".join(draw(st.lists(_DIGIT, min_size=10, max_size=10)))


@given(st.text(alphabet=MOD37_CHARSET, min_size=13, max_size=13),
       st.integers(0, 12), st.sampled_from(MOD37_CHARSET))
def test_every_single_substitution_is_caught(din: str, index: int, replacement: str) -> None:
    assume(din[index] != replacement)
    changed = din[:index] + replacement + din[index + 1 :]
    assert mod37_2_check(changed) != mod37_2_check(din)


@given(dins(), st.integers(0, 12), st.sampled_from(MOD37_CHARSET))
def test_keyed_din_with_one_wrong_character_is_refused(
    din: str, index: int, replacement: str
) -> None:
    assume(din[index] != replacement)
    typed = din[:index] + replacement + din[index + 1 :] + mod37_2_check(din)
    with pytest.raises(LabelError):
        parse_keyed_din(typed)


@given(dins(), st.sampled_from(MOD37_CHARSET))
def test_keyed_din_round_trip(din: str, wrong: str) -> None:
    check = mod37_2_check(din)
    label = parse_label(f"{din[:5]} {din[5:7]} {din[7:]} {check}", today=TODAY)
    assert isinstance(label, Isbt128Label)
    assert (label.din, label.check_character, label.keyed) == (din, check, True)
    assume(wrong != check)
    with pytest.raises(LabelError):
        parse_keyed_din(din + wrong)


# --- GS1 round trip ----------------------------------------------------------------------

_VALUE_82 = st.text(alphabet=sorted(CHARSET_82), min_size=1, max_size=20)


@st.composite
def gtins(draw: st.DrawFn) -> str:
    body = "".join(draw(st.lists(_DIGIT, min_size=13, max_size=13)))
    return body + gtin_check_digit(body)


@settings(max_examples=300)
@given(gtins(), st.one_of(st.none(), _VALUE_82),
       st.one_of(st.none(), st.dates(date(TODAY.year - 49, 1, 1), date(TODAY.year + 50, 12, 31))),
       st.one_of(st.none(), _VALUE_82), st.randoms(use_true_random=False),
       st.sampled_from(["", "]d2", GS, "]d2" + GS]), st.sampled_from(["", "\r\n", "\t", GS]))
def test_gs1_element_string_round_trip(
    gtin: str, lot: str | None, expiry: date | None, serial: str | None,
    rnd: random.Random, prefix: str, suffix: str,
) -> None:
    fields = [("01", gtin), ("10", lot), ("17", expiry and expiry.strftime("%y%m%d")),
              ("21", serial)]
    present = [(ai, value) for ai, value in fields if value is not None]
    rnd.shuffle(present)
    text = "".join(ai + value + (GS if ai in {"10", "21"} else "") for ai, value in present)
    expected = Gs1Label(gtin, lot, expiry, serial)
    assert parse_label(prefix + text + suffix, today=TODAY) == expected
    bracketed = "".join(f"({ai}){value}" for ai, value in present)
    if not any("(" in value for _, value in present):
        assert parse_label(bracketed, today=TODAY) == expected


# --- ISBT 128 round trip -----------------------------------------------------------------

_UPPER_DIGIT = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


@st.composite
def isbt_labels(draw: st.DrawFn) -> tuple[str, Isbt128Label]:
    din = draw(dins())
    flags = draw(st.sampled_from(["00", "01", "07", "19", "20", "45", "59", flag_check_value(din)]))
    oooo = "".join(draw(st.lists(_DIGIT, min_size=4, max_size=4)))
    tds = draw(_UPPER_DIGIT) + draw(_UPPER_DIGIT) + draw(st.sampled_from("abz0129"))
    product = "S" + oooo + tds
    expiry = datetime(2000, 1, 1) + timedelta(minutes=draw(st.integers(0, 100 * 366 * 24 * 60)))
    assume(expiry.year < 2100)
    expiry_data = expiry.strftime("0%y") + f"{expiry.timetuple().tm_yday:03d}" + \
        expiry.strftime("%H%M")
    coi = "CH" + draw(dins())[:7] + "".join(draw(st.lists(_UPPER_DIGIT, min_size=6, max_size=6)))
    parts = [f"={din}{flags}", f"=<{product}", f"&>{expiry_data}", f"&/{coi}"]
    parts = draw(st.permutations(parts))
    header = draw(st.booleans())
    text = (f"=+{len(parts):02d}000" if header else "") + "".join(parts)
    expected = Isbt128Label(din=din, flags=flags, check_character=mod37_2_check(din),
                            product_code=ProductCode(product, "S" + oooo, tds[0], tds[1:]),
                            expiry=expiry, coi=coi)
    return text, expected


@settings(max_examples=300)
@given(isbt_labels(), st.sampled_from(["", "]d1", "]C0"]), st.sampled_from(["", "\r\n"]))
def test_isbt128_round_trip(case: tuple[str, Isbt128Label], prefix: str, suffix: str) -> None:
    text, expected = case
    label = parse_label(prefix + text + suffix, today=TODAY)
    assert isinstance(label, Isbt128Label)
    assert replace(label, structures=()) == expected
    assert "".join(s.identifier + s.content for s in label.structures) == text
