"""The batch report's content model: the typed review and release inputs appear in words,
absent ones are said to be absent, the hash is that of the JSON twin and does not depend on
the reader's language, and the document shows no code or raw value structure."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest

from operator_console.domain.batch_execution.exceptions import ExceptionKind
from operator_console.domain.batch_report import (
    AuditTrailReviewFacts,
    BatchReportFacts,
    ExceptionReportFacts,
    ReleaseFacts,
    SignatureLine,
    StepFacts,
    build_document,
    report_content,
    report_hash,
    report_json,
)
from operator_console.domain.batch_report import document as doc
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe
from operator_console.domain.recipes.model import Severity
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import AuthMethod

RECIPE = demo_recipe()
AT = datetime(2026, 11, 20, 1, 2, 3, tzinfo=UTC)


def _sig(meaning: Meaning, who: str = "高橋 誠", method: AuthMethod = AuthMethod.ONLINE
         ) -> SignatureLine:
    return SignatureLine(who, "qa01", meaning, AT, method, "PLANT")


def _facts(**extra: object) -> BatchReportFacts:
    step = StepFacts("CELL-COUNT", "rec-1", AT, {"values": {"VCD": 6.4, "VIABILITY": 91.0}},
                     (_sig(Meaning.PERFORMED, "山田 花子", AuthMethod.OFFLINE),))
    exc = ExceptionReportFacts("exc-1", ExceptionKind.OUT_OF_LIMITS, Severity.MAJOR,
                               "CELL-COUNT", "VCD above", {"value": 6.4}, AT, "op01")
    return BatchReportFacts(
        batch_id="B-1", patient_id="P-1", din="A999926100142", coi="CHA99992600142A",
        station="S-1", recipe=RECIPE, recipe_hash=recipe_ref(RECIPE).recipe_hash,
        made_by="plant_server", made_at=AT, time_zone="Asia/Tokyo", steps=(step,),
        **{"exceptions": (exc,), **extra})  # type: ignore[arg-type]


def _text(document: doc.Document) -> str:
    out = []
    for section in document.sections:
        out.append(section.heading)
        for block in section.blocks:
            if isinstance(block, doc.Paragraph):
                out.append(block.text)
            elif isinstance(block, doc.KeyValues):
                out += [f"{k} {v}" for k, v in block.rows]
            elif isinstance(block, doc.Table):
                out += [" ".join(block.header)] + [" ".join(r) for r in block.rows]
    return "\n".join(out)


def test_absent_review_and_release_are_said_to_be_absent() -> None:
    text = _text(build_document(report_content(_facts()), "ja"))
    assert "監査証跡の照査の記録はありません。" in text and "未判定" in text
    assert "範囲外" in text and "オフライン（端末で照合）" in text
    assert "2026年11月20日 10:02:03 JST" in text and "2026-11-20 01:02:03 UTC" in text
    assert "未実施。" in text  # the steps not recorded


def test_review_and_release_inputs_appear_in_words() -> None:
    review = AuditTrailReviewFacts("rev-1", AT, 1200, 14, "no concern",
                                   (_sig(Meaning.REVIEWED),))
    release = ReleaseFacts("released", "all exceptions closed", AT, (_sig(Meaning.APPROVED),))
    content = report_content(_facts(audit_trail_review=review, release=release,
                                    lifecycle_state="released"))
    ja, en = (_text(build_document(content, lang)) for lang in ("ja", "en"))
    assert "監査証跡1200件を照査（うち要注意14件）。" in ja and "照査" in ja
    assert "出荷可（リリース）" in ja and "承認" in ja and "all exceptions closed" in ja
    assert "1200 audit entries reviewed, 14 of them flagged as notable." in en
    assert "Approved by" in en and "Released" in en
    for code in ("released", "approved", "reviewed", "out_of_limits", "plant_server"):
        assert code not in ja


def test_hash_is_the_twins_and_language_free() -> None:
    content = report_content(_facts())
    twin = report_json(content)
    assert hashlib.sha256(twin).hexdigest() == report_hash(content)
    assert report_hash(json.loads(twin)) == report_hash(content)
    ja, en = build_document(content, "ja"), build_document(content, "en")
    assert ja.sha256 == en.sha256 == report_hash(content)
    assert ja.footer(2, 9).endswith("2/9ページ") and en.footer(2, 9).endswith("page 2/9")
    with pytest.raises(ValueError):
        build_document(content, "de")


def test_an_exception_reads_in_the_readers_language_with_the_recipes_names() -> None:
    """Stored as codes (kind + evidence): the report words it, as the station's pages do;
    an old record with only an English description and too little evidence still reads."""
    evidence = {"field": "VCD", "value": 6.4, "unit": "×10⁶ cells/mL",
                "limits": {"low": 0.5, "high": 6.0}}
    exc = ExceptionReportFacts("exc-2", ExceptionKind.OUT_OF_LIMITS, Severity.MAJOR,
                               "CELL-COUNT", "", evidence, AT, "op01")
    content = report_content(_facts(exceptions=(exc,)))
    ja, en = (_text(build_document(content, lang)) for lang in ("ja", "en"))
    assert "生細胞密度：6.4 ×10⁶ cells/mL（管理範囲 0.5–6 ×10⁶ cells/mL の範囲外）。" in ja
    assert "Viable cell density: 6.4 ×10⁶ cells/mL, outside the limits 0.5–6" in en
    old = report_content(_facts())  # "VCD above" with the value only
    assert "管理範囲外の値が記録されました。" in _text(build_document(old, "ja"))
    assert "VCD above" in _text(build_document(old, "en"))
