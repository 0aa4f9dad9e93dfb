"""``operator-console scan-check`` (operator_console.cli.scan_check.run)."""

from __future__ import annotations

import io
import json

import pytest

from operator_console.cli.scan_check import run

GTIN = "09506000134352"
# Expiry 2030-11-30: inside the GS1 two-digit-year window until 2079.
GS1_ESCAPED = f"]d201{GTIN}17301130" + "10LOT-1\\x1d21SN42"
ISBT = "=+03000=A99992212345683=<S1234A00&>0253652359"


def test_valid_gs1_prints_readable_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([GS1_ESCAPED]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "GS1 label" in out
    assert f"GTIN:          {GTIN}" in out
    assert "Lot:           LOT-1" in out
    assert "Expiry date:   2030-11-30" in out
    assert "Serial number: SN42" in out


def test_literal_gs_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--json", GS1_ESCAPED.replace("\\x1d", "\x1d")]) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out) == {"kind": "gs1", "gtin": GTIN, "lot": "LOT-1",
                               "expiry": "2030-11-30", "serial": "SN42"}
    assert out.count("\n") == 1


def test_isbt128_readable_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([ISBT]) == 0
    out, _ = capsys.readouterr()
    assert "DIN:             A999922123456" in out
    assert "Check character: N" in out
    assert "S1234A00" in out and "2025-12-31 23:59" in out
    assert run(["--json", "--data-dir", "/nonexistent", ISBT]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "kind": "isbt128", "din": "A999922123456", "flags": "83", "check_character": "N",
        "product_code": "S1234A00", "expiry": "2025-12-31T23:59", "coi": None}


def test_keyed_din(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["A9999 22 123456 N"]) == 0
    assert "keyed DIN" in capsys.readouterr().out


def test_invalid_label_exits_2_with_one_line_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["0109506000134353"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "gtin_check_digit" in err


def test_invalid_label_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--json", "A999922123456M"]) == 2
    out, err = capsys.readouterr()
    payload = json.loads(out)
    assert payload["error"] == "din_check_character"
    assert "expected N" in payload["message"]
    assert err.strip()


def test_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"01{GTIN}21X\r\n"))
    assert run(["--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["serial"] == "X"


def test_empty_stdin_is_refused(monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run(["-"]) == 2
    assert "empty" in capsys.readouterr().err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert "operator-console scan-check" in out and "--json" in out and "--data-dir" in out


def test_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([]) == 2
    assert "usage" in capsys.readouterr().err
