"""The plant server's batch report of the completed demo batch: the PDF in both languages
reads as plain language (pdftotext: no raw JSON, no internal codes), every page carries the
SHA-256 of the JSON twin and "page x/y", and the trends are drawn from the phase data the
server holds (the same data hash)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from operator_console.domain.batch_execution.exceptions import ExceptionKind
from operator_console.domain.batch_report import report_hash
from operator_console.domain.recipes.model import SignaturePolicy, StepType
from plant_server.cli_report import make_report, write_report
from plant_server.db import Database
from plant_server.services.demo_batch import COMPLETED_BATCH, seed_completed_batch
from plant_server.services.process_data import phase_data

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
ENUMS = {e.value for e in (*ExceptionKind, *StepType, *SignaturePolicy)}
#: Codes that are not also English words (those are checked in the Japanese report).
CODES = {c for c in ENUMS if "_" in c} | {"plant_server", "data_hash", "step_record"}


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


@pytest.fixture
def report(database: Database, demo: None, tmp_path: Path) -> tuple[dict, Path]:
    with database.transaction() as session:
        assert seed_completed_batch(session)
    with database.transaction() as session:
        content = make_report(session, COMPLETED_BATCH)
        for phase in content["phases"]:
            stored = phase_data(session, phase["record"])
            assert stored is not None and stored.data_hash() == phase["data_hash"]
    twin = tmp_path / "report.json"
    write_report(content, "en", None, str(twin))
    return content, twin


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_pdf_is_plain_language_with_the_twin_hash_on_every_page(
        report: tuple[dict, Path], tmp_path: Path, lang: str) -> None:
    content, twin = report
    digest = hashlib.sha256(twin.read_bytes()).hexdigest()
    assert digest == report_hash(json.loads(twin.read_bytes()))
    pdf = tmp_path / f"report-{lang}.pdf"
    pages = write_report(content, lang, str(pdf), None)
    text = _pages(pdf)
    assert len(text) == pages >= 5
    for n, page in enumerate(text, start=1):
        assert digest in page, f"page {n} lacks the document's SHA-256"
        assert (f"{n}/{pages}ページ" if lang == "ja" else f"page {n}/{pages}") in page
    whole = "\n".join(text)
    assert not re.search(r'[{}]|":|\[\[', whole), "raw JSON in the report"
    assert not SNAKE.findall(whole), SNAKE.findall(whole)[:5]
    assert not {c for c in CODES if re.search(rf"\b{re.escape(c)}\b", whole)}
    # The content is there in words: patient, COI, recipe, steps, values and limits,
    # signatures with local time and UTC, exceptions with their dispositions, trends.
    for expected in ("P-0139", "CHA99992600139C", content["recipe"]["hash"], "6.4",
                     "UTC", "JST", "山田 花子", "佐藤 健", "高橋 誠"):
        assert expected in whole, expected
    words = {"ja": ("製造記録（認証済み複製）", "範囲外", "重大",
                    "オフライン（端末で照合）", "処置：", "装置フェーズのトレンド",
                    "未判定", "監査証跡の照査の記録はありません"),
             "en": ("Batch report (certified copy)", "OUTSIDE LIMITS", "Major",
                    "offline (checked at the station)", "Disposition:",
                    "Trends of the instrument phases", "Not yet released",
                    "No audit-trail review recorded")}[lang]
    for expected in words:
        assert expected in whole, expected
    for phase in content["phases"]:
        assert phase["data_hash"] in whole
    if lang == "ja":  # not one code word left in English
        words_left = {c for c in ENUMS | {"performed", "verified", "major", "minor",
                                           "critical", "online", "offline", "released"}
                      if re.search(rf"\b{re.escape(c)}\b", whole, re.IGNORECASE)}
        assert not words_left


def test_same_content_same_hash_in_both_languages(report: tuple[dict, Path],
                                                  tmp_path: Path) -> None:
    content, twin = report
    ja, en = tmp_path / "ja.pdf", tmp_path / "en.pdf"
    write_report(content, "ja", str(ja), None)
    write_report(content, "en", str(en), None)
    digest = hashlib.sha256(twin.read_bytes()).hexdigest()
    assert digest in _pages(ja)[-1] and digest in _pages(en)[-1]


def test_report_carries_qa_acts_from_the_server(tmp_path: Path) -> None:
    """The demo's released batch: its report has the server's state, the signed audit-trail
    review and the release with its 'approved' signature; a batch still under review has
    neither release nor (here) a review."""
    from plant_server.cli_report import make_report
    from plant_server.db import Database
    from plant_server.services.demo import init_demo

    database = Database(f"sqlite:///{tmp_path / 'plant.sqlite3'}")
    try:
        with database.transaction() as session:
            init_demo(session)
        with database.transaction() as session:
            released = make_report(session, "B-2026-0152")
            waiting = make_report(session, "B-2026-0150")
    finally:
        database.dispose()
    assert released["batch"]["state"] == "released"  # type: ignore[index,call-overload]
    release = released["release"]
    assert isinstance(release, dict) and release["decision"] == "released"
    assert [s["meaning"] for s in release["signatures"]] == ["approved"]  # type: ignore[index,union-attr]
    review = released["audit_trail_review"]
    assert isinstance(review, dict) and review["entries_reviewed"] > 0  # type: ignore[operator]
    assert waiting["release"] is None
    assert waiting["batch"]["state"] == "under_review"  # type: ignore[index,call-overload]
