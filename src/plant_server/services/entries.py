"""Checking and storing one pushed outbox entry of each kind (record, signature, audit).

Each ``apply_*`` returns ``""`` when the entry was accepted and stored, or a stable reason
code when it is rejected (it checks everything before it writes anything, so a rejected entry
leaves no rows; the caller logs a security event for reasons that suggest tampering).
Conflicts (things people must decide) never reject: the entry is stored and a conflict raised.

Within a pushed batch (:class:`BatchCache` in ``session.info``) the accepted rows are not added
to the session one ORM object at a time: they are collected as plain rows and inserted with one
``executemany`` per table (:meth:`BatchCache.write`) before anything else touches the database
and at the end of the batch, in the same transaction. The checks never need to read them back:
what the batch stored is answered from the cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from operator_console.domain.audit_chain import AuditFields, entry_hash
from operator_console.domain.canonical import canonical_json
from operator_console.domain.identity import InvalidUserId, normalise_user_id
from operator_console.domain.manifestation import parse_utc_iso
from operator_console.domain.records import Meaning, RecordType
from operator_console.domain.signatures import (
    AuthMethod,
    SignatureFacts,
    check_signer,
    signature_hash,
    signature_payload,
)
from plant_server.models import (
    CassetteClaim,
    PushedEntry,
    Record,
    Signature,
    Station,
    StationAudit,
    User,
)
from plant_server.services.common import now_iso
from plant_server.services.conflicts import raise_conflict
from plant_server.services.users import lock_user, person_at

_RECORD_KEYS = {"schema", "record_id", "type", "batch", "content", "corrects", "reason",
                "created_by", "created_at", "station"}
_SIGNATURE_KEYS = {"schema", "record_id", "content_hash", "signer_id", "printed_name",
                   "meaning", "signed_at", "station", "auth_method", "signature_id",
                   "signature_hash"}
_AUDIT_KEYS = {"seq", "entry_id", "ts", "station", "actor", "event", "target", "reason", "old",
               "new", "prev_hash", "hash"}


def _text(value: Any) -> str:
    return canonical_json(value).decode("utf-8")


@dataclass(frozen=True)
class NewRecord:
    """A record stored by the batch in progress (its row may still be waiting to be written):
    what the signature checks need to know about it."""

    record_id: str
    record_type: str
    content_hash: str
    created_by: str
    corrects: str | None


class BatchCache:
    """Lookups done once per pushed batch instead of once per entry (``push`` sets it up in
    ``session.info`` for the batch's transaction).

    ``free_*``: IDs named in the batch that were not stored when the batch began (an ID leaves
    its set once this batch stores it). ``new_records``: records stored by this batch, with
    the signatures and corrections this batch added for them: nothing else can refer to a
    record that did not exist before the batch.
    """

    KEY = "plant_server.push_batch"

    def __init__(self) -> None:
        self.free_records: set[str] = set()
        self.free_signatures: set[str] = set()
        self.free_audits: set[str] = set()
        self.new_records: dict[str, NewRecord] = {}
        #: Signatures this batch stored, per record (as :func:`_stored_facts` reads them back).
        self.new_signatures: dict[str, list[SignatureFacts]] = {}
        self.corrected: set[str] = set()
        #: Users looked up by this batch: held here, since the session's identity map keeps
        #: objects only weakly and reloading a user (with its grants) for every entry is slow.
        self.users: dict[str, User | None] = {}
        #: Rows accepted but not yet written, per table, in the order they were accepted.
        self.pending: dict[Any, list[dict[str, Any]]] = {
            Record.__table__: [], Signature.__table__: [], StationAudit.__table__: [],
            PushedEntry.__table__: []}

    @classmethod
    def of(cls, session: Session) -> BatchCache | None:
        cache = session.info.get(cls.KEY)
        return cache if isinstance(cache, cls) else None

    def add(self, table: Any, row: dict[str, Any]) -> None:
        self.pending[table].append(row)

    def write(self, session: Session) -> None:
        """Insert the waiting rows: one ``executemany`` per table, parents before children.
        (Measured on PostgreSQL: psycopg's pipelined executemany beat multi-row VALUES and
        ``unnest`` arrays.)"""
        for table, rows in self.pending.items():
            if rows:
                session.execute(insert(table), rows)
                rows.clear()


def _free(session: Session, column: Any, ids: set[str]) -> set[str]:
    wanted = sorted(ids)
    taken: set[str] = set()
    for start in range(0, len(wanted), 500):
        taken.update(session.scalars(select(column).where(
            column.in_(wanted[start:start + 500]))))
    return ids - taken


def prefetch(session: Session, payloads: list[tuple[str, Any]]) -> BatchCache:
    """Find out in three queries which of the batch's record, signature and audit entry IDs
    are already taken; malformed payloads are simply skipped (their entries are rejected)."""
    records: set[str] = set()
    signatures: set[str] = set()
    audits: set[str] = set()
    for kind, payload in payloads:
        if not isinstance(payload, dict):
            continue
        if kind == "record" and isinstance(payload.get("record"), dict):
            value = payload["record"].get("record_id")
            if isinstance(value, str):
                records.add(value)
        elif kind == "signature" and isinstance(payload.get("signature_id"), str):
            signatures.add(payload["signature_id"])
        elif kind == "audit" and isinstance(payload.get("entry_id"), str):
            audits.add(payload["entry_id"])
    cache = BatchCache()
    cache.free_records = _free(session, Record.record_id, records)
    cache.free_signatures = _free(session, Signature.signature_id, signatures)
    cache.free_audits = _free(session, StationAudit.entry_id, audits)
    return cache


def write_pending(session: Session) -> None:
    """Write the batch's waiting rows now (before other writes, queries on them, the end)."""
    cache = BatchCache.of(session)
    if cache is not None:
        cache.write(session)


def _store(session: Session, model: Any, row: dict[str, Any]) -> None:
    """Store an accepted row: queued for the batch's bulk insert, else added to the session."""
    cache = BatchCache.of(session)
    if cache is not None:
        cache.add(model.__table__, row)
    else:
        session.add(model(**row))


def _record(session: Session, record_id: str) -> Record | NewRecord | None:
    cache = BatchCache.of(session)
    if cache is not None:
        if record_id in cache.new_records:
            return cache.new_records[record_id]
        if record_id in cache.free_records:
            return None
    return session.get(Record, record_id)


def _user(session: Session, user_id: str) -> User | None:
    cache = BatchCache.of(session)
    if cache is None:
        return session.get(User, user_id)
    if user_id not in cache.users:
        cache.users[user_id] = session.get(User, user_id)
    return cache.users[user_id]


def _signature_taken(session: Session, signature_id: str) -> bool:
    cache = BatchCache.of(session)
    if cache is not None:
        # Every signature ID of the batch was looked up by ``prefetch``; one this batch stored
        # has left the free set (its row may not be written yet).
        return signature_id not in cache.free_signatures
    return session.get(Signature, signature_id) is not None


def _audit_taken(session: Session, entry_id: str) -> bool:
    cache = BatchCache.of(session)
    if cache is not None:
        return entry_id not in cache.free_audits  # as for signatures
    return session.scalars(select(StationAudit.id).where(
        StationAudit.entry_id == entry_id)).first() is not None


def _record_json(rec: dict[str, Any], claimed: str, canonical: bytes | None) -> bytes:
    """The canonical JSON of ``rec``, cut out of ``canonical`` (the whole payload's, when
    known) instead of serialised again: RFC 8785 is compositional, so the payload
    ``{"content_hash": c, "record": r}`` is ``{"content_hash":`` + canonical(c) + ``,"record":``
    + canonical(r) + ``}``. Anything else: computed afresh."""
    if canonical is not None:
        prefix = b'{"content_hash":' + canonical_json(claimed) + b',"record":'
        if canonical.startswith(prefix) and canonical.endswith(b"}"):
            return canonical[len(prefix):-1]
    return canonical_json(rec)


def apply_record(session: Session, station: Station, payload: dict[str, Any], *,
                 canonical: bytes | None = None) -> str:
    """``canonical``: the payload's canonical JSON, if the caller has it (saves work)."""
    rec, claimed = payload.get("record"), payload.get("content_hash")
    if set(payload) != {"record", "content_hash"} or not isinstance(rec, dict):
        return "malformed_record"
    if not isinstance(claimed, str):
        return "content_hash_mismatch"
    rec_json = _record_json(rec, claimed, canonical)  # once: it is hashed and stored
    if hashlib.sha256(rec_json).hexdigest() != claimed:
        return "content_hash_mismatch"
    if set(rec) != _RECORD_KEYS or not isinstance(rec["content"], dict):
        return "malformed_record"
    try:
        rtype = RecordType(rec["type"])
        created_by = normalise_user_id(rec["created_by"])
        parse_utc_iso(rec["created_at"])
    except (ValueError, TypeError, InvalidUserId):
        return "malformed_record"
    if not all(isinstance(rec[k], str) and rec[k] for k in ("record_id", "batch")):
        return "malformed_record"
    if rec["station"] != station.name:
        return "station_mismatch"
    if _user(session, created_by) is None:
        return "unknown_user"
    if rec["corrects"] is not None and _record(session, rec["corrects"]) is None:
        return "unknown_corrected_record"
    if _record(session, rec["record_id"]) is not None:
        return "record_id_reused"
    record_id, corrects = rec["record_id"], rec["corrects"]
    _store(session, Record, dict(
        record_id=record_id, station_id=station.id, record_type=rtype.value,
        batch_id=rec["batch"], content_json=rec_json.decode("utf-8"), content_hash=claimed,
        created_by=created_by, created_at=rec["created_at"], corrects=corrects))
    cache = BatchCache.of(session)
    if cache is not None:
        cache.free_records.discard(record_id)
        cache.new_records[record_id] = NewRecord(record_id, rtype.value, claimed, created_by,
                                                 corrects)
        if corrects is not None:
            cache.corrected.add(corrects)
    if rtype is RecordType.CASSETTE_LOAD:
        write_pending(session)  # the claim and a conflict are written (and audited) now
        _claim_cassette(session, station, rec["record_id"], rec["content"])
    return ""


def _claim_cassette(session: Session, station: Station, record_id: str,
                    content: dict[str, Any]) -> None:
    """Single-use cassettes: a second load anywhere in the plant raises a conflict."""
    cassette = content.get("cassette")
    if not isinstance(cassette, dict):
        return
    gtin, serial = cassette.get("gtin"), cassette.get("serial")
    if not isinstance(gtin, (str, int)) or not isinstance(serial, (str, int)):
        return
    gtin, serial = str(gtin), str(serial)
    stmt = select(CassetteClaim).where(CassetteClaim.gtin == gtin, CassetteClaim.serial == serial)
    claim = session.scalars(stmt).first()
    if claim is None:
        try:
            with session.begin_nested():
                session.add(CassetteClaim(gtin=gtin, serial=serial, record_id=record_id,
                                          station_name=station.name, claimed_at=now_iso()))
            return
        except IntegrityError:  # another station claimed it concurrently
            claim = session.scalars(stmt).one()
    raise_conflict(
        session, kind="cassette_loaded_twice", station=station.name,
        other_station=claim.station_name, record_id=record_id,
        summary=f"cassette {gtin}/{serial} was loaded at {claim.station_name} and again at "
                f"{station.name}",
        details={"gtin": gtin, "serial": serial, "first_record": claim.record_id,
                 "first_station": claim.station_name, "second_record": record_id,
                 "second_station": station.name})


def _root_type(session: Session, record: Record | NewRecord) -> RecordType | None:
    current: Record | NewRecord | None = record
    for _ in range(1000):
        if current is None or current.corrects is None:
            return None
        current = _record(session, current.corrects)
        if current is not None and current.record_type != RecordType.CORRECTION.value:
            return RecordType(current.record_type)
    return None


def _facts(payload: dict[str, Any]) -> SignatureFacts:
    return SignatureFacts(
        record_id=payload["record_id"], content_hash=payload["content_hash"],
        signer_id=payload["signer_id"], printed_name=payload["printed_name"],
        meaning=Meaning(payload["meaning"]), signed_at=parse_utc_iso(payload["signed_at"]),
        station=payload["station"], auth_method=AuthMethod(payload["auth_method"]))


def _stored_facts(row: Signature) -> SignatureFacts:
    return SignatureFacts(
        record_id=row.record_id, content_hash=row.content_hash, signer_id=row.signer_id,
        printed_name=row.printed_name, meaning=Meaning(row.meaning),
        signed_at=parse_utc_iso(row.signed_at), station="-", auth_method=AuthMethod.ONLINE)


def apply_signature(session: Session, station: Station, payload: dict[str, Any]) -> str:
    if set(payload) != _SIGNATURE_KEYS:
        return "malformed_signature"
    try:
        facts = _facts(payload)
    except (ValueError, TypeError, KeyError, AttributeError):
        return "malformed_signature"
    if signature_hash(facts) != payload["signature_hash"]:
        return "signature_hash_mismatch"
    if {k: payload[k] for k in payload if k not in ("signature_id", "signature_hash")} \
            != signature_payload(facts):
        return "signature_hash_mismatch"  # hashes the normalised form, not what was sent
    if facts.station != station.name:
        return "station_mismatch"
    record = _record(session, facts.record_id)
    if record is None:
        return "unknown_record"
    if facts.content_hash != record.content_hash:
        return "content_hash_mismatch"
    sig_id = payload["signature_id"]
    if not isinstance(sig_id, str) or not sig_id or _signature_taken(session, sig_id):
        return "malformed_signature" if not isinstance(sig_id, str) or not sig_id \
            else "signature_id_reused"
    user = _user(session, facts.signer_id)
    if user is None:
        return "unknown_signer"
    offline = facts.auth_method is AuthMethod.OFFLINE
    cache = BatchCache.of(session)
    batch_signatures = cache.new_signatures.get(record.record_id, []) if cache else []
    if cache is not None and record.record_id in cache.new_records:
        # A record of this batch: its signatures and corrections can only be in this batch.
        existing = list(batch_signatures)
        superseded = record.record_id in cache.corrected
    else:
        # Stored before: what the database holds, and what this batch added (not written yet).
        existing = [_stored_facts(s) for s in session.scalars(
            select(Signature).where(Signature.record_id == record.record_id))]
        existing += batch_signatures
        superseded = (cache is not None and record.record_id in cache.corrected) or \
            session.scalars(select(Record.record_id).where(
                Record.corrects == record.record_id)).first() is not None
    rtype = RecordType(record.record_type)
    # Offline the station could not know the account state: the other rules still apply, and
    # an account disabled or locked meanwhile becomes a conflict for people to decide.
    signer = person_at(user, facts.signed_at, ignore_account_state=offline)
    refusal = check_signer(
        rtype, facts.meaning, signer, existing, facts.signed_at,
        corrects_type=_root_type(session, record) if rtype is RecordType.CORRECTION else None,
        created_by=record.created_by, superseded=superseded)
    if refusal is not None:
        return f"signature_refused:{refusal.code.value}"
    _store(session, Signature, dict(
        signature_id=sig_id, record_id=record.record_id, station_id=station.id,
        signer_id=facts.signer_id, printed_name=facts.printed_name,
        meaning=facts.meaning.value, signed_at=payload["signed_at"],
        auth_method=facts.auth_method.value, content_hash=facts.content_hash,
        signature_hash=payload["signature_hash"]))
    if cache is not None:
        cache.free_signatures.discard(sig_id)
        # As _stored_facts reads the row back (the station and method are not stored).
        cache.new_signatures.setdefault(record.record_id, []).append(dataclasses.replace(
            facts, record_id=record.record_id, station="-", auth_method=AuthMethod.ONLINE))
    if not offline:
        return ""  # online: the account state was checked above (signer == the account)
    account = person_at(user, facts.signed_at)
    if not user.active or not account.active or account.locked:
        write_pending(session)
        state = "locked" if account.locked and user.active else "disabled"
        raise_conflict(
            session, kind=f"offline_signature_{state}_user", station=station.name,
            record_id=record.record_id,
            summary=f"offline '{facts.meaning.value}' signature by {user.user_id}, whose "
                    f"account is {state}",
            details={"signature_id": sig_id, "signer_id": user.user_id,
                     "signed_at": payload["signed_at"], "disabled_at": user.disabled_at,
                     "locked_at": user.locked_at, "meaning": facts.meaning.value})
    return ""


def apply_audit(session: Session, station: Station, payload: dict[str, Any]) -> str:
    if set(payload) != _AUDIT_KEYS:
        return "malformed_audit"
    try:
        fields = AuditFields(**{k: payload[k] for k in _AUDIT_KEYS - {"prev_hash", "hash"}})
        parse_utc_iso(fields.ts)
        if not isinstance(fields.seq, int) or not all(isinstance(payload[k], str) for k in (
                "entry_id", "station", "actor", "event", "target", "reason", "prev_hash",
                "hash")):
            raise TypeError
    except (TypeError, ValueError):
        return "malformed_audit"
    if fields.seq != station.audit_head_seq + 1 or payload["prev_hash"] != \
            station.audit_head_hash:
        return "audit_chain_break"
    if entry_hash(fields, payload["prev_hash"]) != payload["hash"]:
        return "audit_hash_mismatch"
    if _audit_taken(session, fields.entry_id):
        return "audit_entry_id_reused"
    _store(session, StationAudit, dict(
        station_id=station.id, seq=fields.seq, entry_id=fields.entry_id,
        fields_json=json.dumps(fields.as_json(), ensure_ascii=False),
        prev_hash=payload["prev_hash"], hash=payload["hash"]))
    station.audit_head_seq, station.audit_head_hash = fields.seq, payload["hash"]
    cache = BatchCache.of(session)
    if cache is not None:
        cache.free_audits.discard(fields.entry_id)
    if fields.event == "account_locked" and fields.actor == "system":
        _lock_from_station(session, station, fields)
    return ""


def _lock_from_station(session: Session, station: Station, fields: AuditFields) -> None:
    """A station locked an account after failed attempts it counted itself (offline, where
    the plant server could not): the plant locks the account too. Otherwise the station's
    next pull, which still says "unlocked", would undo the lockout, and the other stations
    would never learn of it. Unlocking stays a decision taken at the plant server."""
    user = _user(session, fields.target)
    if user is None or user.locked:
        return
    write_pending(session)  # the batch's rows first: the plant's own audit trail follows
    lock_user(session, user, actor=f"station:{station.name}",
              reason=f"locked at station {station.name}: {fields.reason}")


APPLY = {"record": apply_record, "signature": apply_signature, "audit": apply_audit}
