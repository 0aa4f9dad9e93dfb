"""Records and signatures checked against the audit entries that carry their hashes.

Re-hashing rows only proves each row agrees with itself. Every record and signature the
application writes is announced by an audit entry carrying its hash (``record_created`` /
``record_corrected`` / ``record_received`` with the content hash, ``record_signed`` with the
signature hash), so ``audit verify`` also finds, as long as the audit chain itself is intact:
a record or signature deleted (its entry is left without it), one inserted outside the
application (no entry names it), and one edited and re-hashed (its hash differs from the one
its entry carries)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.store.models import AuditEntry, RecordRow, SignatureRow

_RECORD_EVENTS = ("record_created", "record_corrected", "record_received")


def cross_check(session: Session) -> list[str]:
    """Problems found, in a stable order (empty: records, signatures and audit agree)."""
    announced: dict[str, str] = {}
    received: set[str] = set()
    signed: dict[str, set[str]] = {}
    for event, target, new_json in session.execute(
            select(AuditEntry.event, AuditEntry.target, AuditEntry.new_json)
            .where(AuditEntry.event.in_((*_RECORD_EVENTS, "record_signed")))
            .order_by(AuditEntry.seq)):
        new = json.loads(new_json)
        new = new if isinstance(new, dict) else {}
        if event == "record_signed":
            signed.setdefault(target, set()).add(str(new.get("signature_hash")))
        else:
            announced[target] = str(new.get("content_hash"))
            if event == "record_received":
                received.add(target)
    problems: list[str] = []
    records = dict(session.execute(select(RecordRow.record_id, RecordRow.content_hash)).all())
    for record_id, digest in sorted(records.items()):
        if record_id not in announced:
            problems.append(f"record {record_id}: no audit entry announces it")
        elif announced[record_id] != digest:
            problems.append(f"record {record_id}: its hash differs from its audit entry's")
    for record_id in sorted(set(announced) - set(records)):
        problems.append(f"record {record_id}: announced in the audit trail but missing")
    stored: dict[str, set[str]] = {}
    for record_id, sig_hash in session.execute(
            select(SignatureRow.record_id, SignatureRow.signature_hash)):
        stored.setdefault(record_id, set()).add(sig_hash)
    for record_id in sorted(set(stored) | set(signed)):
        if record_id in received:
            continue  # signed at another station: announced there
        for sig_hash in sorted(stored.get(record_id, set()) - signed.get(record_id, set())):
            problems.append(f"record {record_id}: signature {sig_hash[:12]} has no audit entry")
        for sig_hash in sorted(signed.get(record_id, set()) - stored.get(record_id, set())):
            problems.append(f"record {record_id}: signature {sig_hash[:12]} is missing")
    return problems
