"""``operator-console records list`` and ``records export`` (PDF in ja/en, JSON, failures)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from operator_console.__main__ import main
from operator_console.domain.demo_data import DEMO_BATCH
from operator_console.store.db import DB_FILENAME

EXE = [sys.executable, "-m", "operator_console"]
HAVE_PDFTOTEXT = shutil.which("pdftotext") is not None


def _pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                            text=True, check=True, timeout=60)
    # Noto CJK maps some ideographs to Kangxi radical code points on extraction (力 -> ⼒).
    return unicodedata.normalize("NFKC", result.stdout)


def _list_json(data_dir: Path, capsys: pytest.CaptureFixture[str],
               *extra: str) -> list[dict[str, Any]]:
    assert main(["records", "list", *extra, "--json", "--data-dir", str(data_dir)]) == 0
    data: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return data


def test_list_json_shape(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = _list_json(data_dir, capsys, "--batch", DEMO_BATCH)
    assert len(records) == 5
    for rec in records:
        assert {"id", "batch", "type", "status", "content_hash", "signatures", "corrects",
                "corrected_by"} <= set(rec)
        assert rec["batch"] == DEMO_BATCH
        assert len(rec["content_hash"]) == 64
        for sig in rec["signatures"]:
            assert {"signer", "printed_name", "meaning", "signed_at", "valid"} <= set(sig)
            assert sig["valid"] is True
            assert sig["signed_at"].endswith("Z")
    types = [r["type"] for r in records]
    assert types.count("step_completion") == 3 and "correction" in types
    by_id = {r["id"]: r for r in records}
    correction = next(r for r in records if r["type"] == "correction")
    original = by_id[correction["corrects"]]
    assert original["corrected_by"] == correction["id"]
    assert original["status"] == "corrected"
    assert correction["reason"] == "時間の記入誤り"
    verified = [r for r in records if [s["meaning"] for s in r["signatures"]]
                == ["performed", "verified"]]
    assert len(verified) == 2
    assert any(s["printed_name"] == "山田 花子" for r in records for s in r["signatures"])
    assert {r["status"] for r in records} == {"complete", "corrected", "awaiting_verification"}


def test_list_table_and_all_batches(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["records", "list", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "STATUS" in out and DEMO_BATCH in out and "verified:ver01" in out
    assert len(out.strip().splitlines()) == 1 + 5


def test_list_unknown_batch_fails(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["records", "list", "--batch", "B-NOPE", "--data-dir", str(data_dir)]) != 0
    err = capsys.readouterr().err.strip()
    assert "B-NOPE" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_export_pdf_and_json(qapp: Any, data_dir: Path, tmp_path: Path, lang: str,
                             capsys: pytest.CaptureFixture[str]) -> None:
    pdf, js = tmp_path / f"batch-{lang}.pdf", tmp_path / f"batch-{lang}.json"
    assert main(["records", "export", "--batch", DEMO_BATCH, "--pdf", str(pdf), "--json",
                 str(js), "--lang", lang, "--data-dir", str(data_dir)]) == 0
    assert "verified" in capsys.readouterr().out
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["batch"] == DEMO_BATCH and data["station"] == "DEMO-STATION-01"
    assert data["verification"]["signatures_valid"] is True
    assert data["verification"]["audit_chain_ok"] is True
    assert len(data["records"]) == 5
    ids = {r["id"] for r in data["records"]}
    events = {e["event"] for e in data["audit_entries"]}
    assert {"record_created", "record_signed", "record_corrected"} <= events
    assert all(e["target"] in ids for e in data["audit_entries"])
    if not HAVE_PDFTOTEXT:
        assert b"/Type /Page" in pdf.read_bytes()
        return
    text = _pdf_text(pdf)
    assert DEMO_BATCH in text
    assert "1 / " in text and "DEMO-STATION-01" in text
    pages = text.count("\f") or 1
    assert f"{pages} / {pages}" in text
    assert "山田 花子" in text  # names as entered
    if lang == "ja":
        for word in ("製造記録", "工程完了", "実施", "確認", "訂正理由", "有効", "監査証跡"):
            assert word in text, word
        assert "JST" in text
    else:
        for word in ("Batch record", "Step completion", "Performed", "Verified",
                     "Reason for correction", "Valid"):
            assert word in text, word


def _tamper_record(data_dir: Path) -> None:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        con.execute("DROP TRIGGER IF EXISTS records_no_update")
        row = con.execute("SELECT seq, content_json FROM records WHERE record_type = "
                          "'step_completion' ORDER BY seq LIMIT 1").fetchone()
        content = json.loads(row[1])
        content["content"]["result"] = "out of limits"
        con.execute("UPDATE records SET content_json = ? WHERE seq = ?",
                    (json.dumps(content, ensure_ascii=False), row[0]))
        con.commit()
    finally:
        con.close()


def test_export_flags_tampered_record(qapp: Any, data_dir: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    _tamper_record(data_dir)
    pdf, js = tmp_path / "t.pdf", tmp_path / "t.json"
    assert main(["records", "export", "--batch", DEMO_BATCH, "--pdf", str(pdf), "--json",
                 str(js), "--lang", "en", "--data-dir", str(data_dir)]) == 0
    assert "NOT VERIFIED" in capsys.readouterr().out
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["verification"]["signatures_valid"] is False
    assert data["verification"]["audit_chain_ok"] is True
    bad = [r for r in data["records"] if not r["content_valid"]]
    assert len(bad) == 1 and all(not s["valid"] for s in bad[0]["signatures"])
    records = _list_json(data_dir, capsys, "--batch", DEMO_BATCH)
    assert any(not s["valid"] for r in records for s in r["signatures"])
    if HAVE_PDFTOTEXT:
        text = _pdf_text(pdf)
        assert "INVALID" in text and "NO: at least one record" in text


def test_export_flags_tampered_audit_trail(qapp: Any, data_dir: Path, tmp_path: Path) -> None:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
    con.execute("UPDATE audit_entries SET reason = 'edited' WHERE seq = 3")
    con.commit()
    con.close()
    js = tmp_path / "a.json"
    assert main(["records", "export", "--batch", DEMO_BATCH, "--pdf", str(tmp_path / "a.pdf"),
                 "--json", str(js), "--data-dir", str(data_dir)]) == 0
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["verification"]["audit_chain_ok"] is False
    assert "3" in data["verification"]["audit_chain_problem"]


@pytest.mark.parametrize("case", ["unknown batch", "missing folder", "folder as file",
                                  "no database"])
def test_export_failures_are_one_line_and_write_nothing(data_dir: Path, tmp_path: Path,
                                                        case: str) -> None:
    batch, pdf, target_dir = DEMO_BATCH, tmp_path / "out" / "x.pdf", data_dir
    (tmp_path / "out").mkdir()
    if case == "unknown batch":
        batch = "B-NOPE"
    elif case == "missing folder":
        pdf = tmp_path / "missing" / "x.pdf"
    elif case == "folder as file":
        pdf = tmp_path / "out"
    else:
        target_dir = tmp_path / "empty"
    result = subprocess.run([*EXE, "records", "export", "--batch", batch, "--pdf", str(pdf),
                             "--json", str(tmp_path / "out" / "x.json"),
                             "--data-dir", str(target_dir)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert list((tmp_path / "out").iterdir()) == []
