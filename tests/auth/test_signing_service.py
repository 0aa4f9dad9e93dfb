"""Signing through the service: password re-check, rules, durable commit, audit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from operator_console.auth.service import AuthRefusal
from operator_console.domain.records import Meaning, RecordDraft, RecordStatus, RecordType
from operator_console.domain.signatures import RefusalCode
from operator_console.services import Services
from operator_console.store.db import DB_FILENAME
from operator_console.store.models import AuditEntry, OutboxEntry, RecordRow, SignatureRow
from operator_console.store.records import RecordFilter, load_records, record_problems

STEP = RecordDraft(RecordType.STEP_COMPLETION, "B-TEST", {"step": "Wash", "result": "ok"})


def _count(services: Services, model: type) -> int:
    with services.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _view(services: Services, record_id: str):  # type: ignore[no-untyped-def]
    with services.db.read() as s:
        return load_records(s, RecordFilter(record_ids=[record_id]))[0]


def test_perform_then_verify(services: Services) -> None:
    out = services.signing.create_and_sign(STEP, "op01", "demo-op01")
    assert out.ok and out.record_id
    assert _view(services, out.record_id).status is RecordStatus.AWAITING_VERIFICATION
    ver = services.signing.sign(out.record_id, "ver01", "demo-ver01", Meaning.VERIFIED)
    assert ver.ok
    view = _view(services, out.record_id)
    assert view.status is RecordStatus.COMPLETE
    assert [s.facts.printed_name for s in view.signatures] == ["山田 花子", "佐藤 健"]
    assert all(s.valid for s in view.signatures)


def test_record_signature_audit_and_outbox_commit_together(services: Services) -> None:
    before = [_count(services, m) for m in (RecordRow, SignatureRow, AuditEntry, OutboxEntry)]
    out = services.signing.create_and_sign(STEP, "op01", "demo-op01")
    assert out.ok
    after = [_count(services, m) for m in (RecordRow, SignatureRow, AuditEntry, OutboxEntry)]
    assert after[0] == before[0] + 1 and after[1] == before[1] + 1
    # sign_succeeded + record_created + record_signed
    assert after[2] == before[2] + 3
    assert after[3] >= before[3] + 2


def test_wrong_password_changes_nothing_and_counts(services: Services) -> None:
    before = _count(services, RecordRow)
    out = services.signing.create_and_sign(STEP, "op01", "wrong")
    assert out.auth_refusal is AuthRefusal.BAD_CREDENTIALS and out.attempts_left == 4
    assert _count(services, RecordRow) == before


def test_verifier_refusals(services: Services) -> None:
    rid = services.signing.create_and_sign(STEP, "op01", "demo-op01").record_id
    assert rid
    cases = {
        "ＯＰ０１": ("demo-op01", RefusalCode.SAME_PERSON),
        "op03": ("demo-op03", RefusalCode.NOT_VERIFIER),
        "ver03": ("demo-ver03", RefusalCode.QUALIFICATION_EXPIRED),
        "ver04": ("demo-ver04", RefusalCode.QUALIFICATION_MISSING),
    }
    for who, (password, code) in cases.items():
        out = services.signing.sign(rid, who, password, Meaning.VERIFIED)
        assert out.refusal is not None and out.refusal.code is code, who
    assert services.signing.sign(rid, "op09", "demo-op09", Meaning.VERIFIED).auth_refusal is (
        AuthRefusal.ACCOUNT_LOCKED)
    assert services.signing.sign(rid, "op10", "demo-op10", Meaning.VERIFIED).auth_refusal is (
        AuthRefusal.ACCOUNT_DISABLED)
    assert _view(services, rid).status is RecordStatus.AWAITING_VERIFICATION
    with services.db.read() as s:
        refused = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.event == "signature_refused", AuditEntry.target == rid))
    assert refused == 4


def test_correction_marks_the_original(services: Services) -> None:
    rid = services.signing.create_and_sign(
        RecordDraft(RecordType.COMMENT, "B-TEST", {"text": "pH 7.1"}), "op01", "demo-op01"
    ).record_id
    assert rid
    fix = services.signing.create_and_sign(
        RecordDraft(RecordType.CORRECTION, "B-TEST", {"text": "pH 7.2"}, corrects=rid,
                    reason="typing error"), "op01", "demo-op01")
    assert fix.ok
    original = _view(services, rid)
    assert original.status is RecordStatus.CORRECTED and original.corrected_by == fix.record_id


def test_tampered_content_is_detected_and_cannot_be_signed(
        services: Services, data_dir: Path) -> None:
    rid = services.signing.create_and_sign(STEP, "op01", "demo-op01").record_id
    assert rid
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("DROP TRIGGER records_no_update")
    con.execute("UPDATE records SET content_json = replace(content_json, 'Wash', 'Wish') "
                "WHERE record_id = ?", (rid,))
    con.commit()
    con.close()
    view = _view(services, rid)
    assert not view.content_valid and not view.signatures[0].valid
    with services.db.read() as s:
        assert any(rid in p for p in record_problems(s))
    out = services.signing.sign(rid, "ver01", "demo-ver01", Meaning.VERIFIED)
    assert out.refusal is not None and out.refusal.code is RefusalCode.CONTENT_CHANGED


def test_a_record_is_corrected_once(services: Services) -> None:
    rid = services.signing.create_and_sign(
        RecordDraft(RecordType.COMMENT, "B-TEST", {"text": "pH 7.1"}), "op01", "demo-op01"
    ).record_id
    assert rid
    fix = RecordDraft(RecordType.CORRECTION, "B-TEST", {"text": "pH 7.2"}, corrects=rid,
                      reason="typing error")
    assert services.signing.create_and_sign(fix, "op01", "demo-op01").ok
    again = services.signing.create_and_sign(fix, "op01", "demo-op01")
    assert again.refusal is not None and again.refusal.code is RefusalCode.ALREADY_CORRECTED


def test_cassette_records_cannot_be_corrected(services: Services) -> None:
    from operator_console.demo_cassettes import seed_demo_master_data

    seed_demo_master_data(services)  # includes signed cassette loads
    with services.db.read() as s:
        load = s.scalars(select(RecordRow).where(
            RecordRow.record_type == RecordType.CASSETTE_LOAD.value)).first()
        assert load is not None
        rid, batch = load.record_id, load.batch_id
    fix = RecordDraft(RecordType.CORRECTION, batch, {"bay": "B1"}, corrects=rid,
                      reason="wrong bay")
    out = services.signing.create_and_sign(fix, "op01", "demo-op01")
    assert out.refusal is not None and out.refusal.code is RefusalCode.CORRECTION_NOT_ALLOWED


def test_reads_do_not_block_writes(services: Services) -> None:
    with services.db.read() as s:
        s.scalar(select(func.count()).select_from(RecordRow))
        out = services.signing.create_and_sign(STEP, "op01", "demo-op01")
    assert out.ok
