"""The station's Qt PDFs in Japanese extract as the ideographs printed: no CJK or Kangxi
radical (U+2E80–U+2FDF) in their text layer (a Japanese font draws 人 and ⼈ with one glyph,
and Qt names a glyph by its lowest code point; the report font leaves the radicals out), no
Latin ligature (a hash's "ff" as ﬀ), and the expected words, as printed, without any
normalisation."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from operator_console.application.exports import export_batch_record
from operator_console.domain.batch_report import content, document
from operator_console.domain.demo_data import DEMO_BATCH
from operator_console.domain.records import RecordDraft, RecordType
from operator_console.services import Services
from operator_console.ui.reports.batch_record_pdf import render_pdf
from operator_console.ui.reports.batch_report_pdf import render_report_pdf
from operator_console.ui.reports.fonts import REPORT_FAMILY, report_families
from tests.domain.test_batch_report import _facts

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
RADICALS = re.compile("[\u2e80-\u2fdf\ufb00-\ufb06]")  # and no Latin ligature (ﬀ for ff)


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


def test_the_report_font_is_ipaex_gothic_without_radicals(qapp: object) -> None:
    assert REPORT_FAMILY in report_families()


def test_station_batch_report_extracts_as_printed(qapp: object, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    render_report_pdf(document.build_document(content.report_content(_facts()), "ja"), pdf)
    text = _text(pdf)
    assert not RADICALS.findall(text), sorted(set(RADICALS.findall(text)))
    for words in ("製造記録（認証済み複製）", "自家CD19 CAR-T細胞", "工程時間短縮版",
                  "工場サーバー", "作成日時", "山田 花子", "患者ID", "識別の連鎖"):
        assert words in text, words


def test_station_batch_record_extracts_as_printed(qapp: object, services: Services,
                                                  tmp_path: Path) -> None:
    assert services.signing.create_and_sign(
        RecordDraft(RecordType.COMMENT, DEMO_BATCH, {"text": "目視確認：人手で再確認した"}),
        "op01", "demo-op01").ok
    result = export_batch_record(services.db, DEMO_BATCH, "ja", render_pdf,
                                 tmp_path / "b.pdf", tmp_path / "b.json")
    text = _text(result.pdf)
    assert not RADICALS.findall(text), sorted(set(RADICALS.findall(text)))
    for words in ("製造記録", "目視確認：人手で再確認した", "電子署名", "山田 花子", "出力日時"):
        assert words in text.replace("\n", ""), words
