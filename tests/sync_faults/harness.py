"""The pieces of the sync fault tests: a real plant server process, an enrolled console, bulk
outbox volume, and the invariant checked after every fault (nothing lost, nothing doubled)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import httpx
from argon2 import PasswordHasher
from sqlalchemy import select

from operator_console.auth import passwords
from operator_console.demo import seed_demo
from operator_console.domain.demo_data import DEMO_USERS
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from operator_console.domain.signatures import AuthMethod, SignatureFacts
from operator_console.services import Services, open_services
from operator_console.store.models import AuditEntry, OutboxEntry, RecordRow, SignatureRow, User
from operator_console.store.records import add_signature, create_record
from operator_console.sync.credentials import MemoryCredentialStore
from operator_console.sync.engine import SyncEngine, pending
from operator_console.sync.station import client_for, enroll
from plant_server.db import Database as ServerDatabase
from plant_server.models import PushedEntry, Record, Signature, Station, StationAudit
from plant_server.services.pull import note_worker, pull
from plant_server.services.stations import add_station

ROOT = Path(__file__).resolve().parents[2]
API = "/api/v1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def plant_cli(*args: str, db_url: str) -> str:
    result = subprocess.run([sys.executable, "-m", "plant_server", *args, "--db", db_url],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@dataclass
class PlantServer:
    """``python -m plant_server serve`` on a fixed loopback port; killable and restartable."""

    db_url: str
    log_path: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        assert self.proc is None or self.proc.poll() is not None, "already running"
        self.starts += 1
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "plant_server", "serve", "--db", self.db_url,
                 "--port", str(self.port), "--log-level", "warning"],
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{self.url}{API}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.proc.poll() is not None:
                raise AssertionError("plant server exited:\n" + self.log_path.read_text())
            assert time.monotonic() < deadline, "plant server did not come up"
            time.sleep(0.05)

    def ensure_running(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            self.start()

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, the transaction in flight is simply cut off."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def database(self) -> ServerDatabase:
        return ServerDatabase(self.db_url, migrate=False)


@dataclass
class Console:
    """One console data folder enrolled with the server as ``station``."""

    data_dir: Path
    station: str
    credential: str
    services: Services
    store: MemoryCredentialStore

    def engine(self, batch_size: int = 500, timeout_s: float = 15.0) -> SyncEngine:
        return SyncEngine(self.services.db,
                          client_for(self.services, self.store, timeout_s=timeout_s),
                          batch_size=batch_size)

    def pending(self) -> int:
        return pending(self.services.db)

    def point_at(self, url: str) -> None:
        from operator_console.sync.engine import set_state

        set_state(self.services.db, "server_url", url)

    def close(self) -> None:
        self.services.close()


def make_console(data_dir: Path, station: str, server: PlantServer) -> Console:
    """A new console store seeded with the demo users as ``station`` (its own audit trail and
    entry IDs), registered on the server and enrolled (credential in memory)."""
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with mock.patch.object(passwords, "_HASHER", cheap):  # the rules do not depend on cost
        services = open_services(data_dir)
        seed_demo(services.db, services.audit, station_name=station)
        services.close()
    services = open_services(data_dir)
    database = server.database()
    try:
        with database.transaction() as session:
            code = add_station(session, station, actor="test", minutes=30)[1]
    finally:
        database.dispose()
    store = MemoryCredentialStore()
    assert enroll(services, server.url, code, store) == station
    credential = store.get(station)
    assert credential
    hand_out_verifiers(server, station)
    return Console(data_dir, station, credential, services, store)


def hand_out_verifiers(server: PlantServer, station: str) -> None:
    """As if the demo users had logged in online at ``station`` and it had pulled: the server
    then knows it gave the station their offline verifiers, and judges the offline
    signatures queued here against them (it refuses those of users it never gave one)."""
    database = server.database()
    try:
        with database.transaction() as session:
            row = session.scalars(select(Station).where(Station.name == station)).one()
            for demo in DEMO_USERS:
                note_worker(session, station, demo.user_id)
            pull(session, row, 0, grace_hours=72)
    finally:
        database.dispose()


def queue_records(services: Services, n: int, *, signed: bool = True, per_tx: int = 1000,
                  batch: str = "B-2026-0142") -> None:
    """``n`` comment records (each signed "performed" by op01 unless ``signed`` is False),
    written straight into the store in transactions of ``per_tx`` (no password check, so they are
    marked offline signatures: an online one needs the server's signing proof): each
    record brings its audit entries and outbox entries, exactly as the signing service's."""
    with services.db.read() as s:
        user = s.get(User, "op01")
        assert user is not None
        printed = user.printed_name
    for start in range(0, n, per_tx):
        with services.db.transaction() as s:
            for i in range(start, min(n, start + per_tx)):
                at = datetime.now(UTC)
                row = create_record(s, services.audit,
                                    RecordDraft(RecordType.COMMENT, batch, {"text": f"bulk {i}"}),
                                    created_by="op01", at=at)
                if signed:
                    add_signature(s, services.audit, SignatureFacts(
                        record_id=row.record_id, content_hash=row.content_hash,
                        signer_id="op01", printed_name=printed, meaning=Meaning.PERFORMED,
                        signed_at=at, station=services.audit.station,
                        auth_method=AuthMethod.OFFLINE))


def bulk_queue(services: Services, n: int, *, signed: bool = True, per_tx: int = 5000,
               batch: str = "B-2026-0142") -> None:
    """Like :func:`queue_records`, with the same rows, audit chain and outbox entries in the
    same order as ``create_record`` / ``add_signature`` write them, but inserted in bulk
    (SQL ``executemany``): tens of thousands of queued records in seconds."""
    from sqlalchemy import func, insert

    from operator_console.domain.audit_chain import GENESIS_HASH, AuditFields, entry_hash
    from operator_console.domain.canonical import canonical_json, content_hash
    from operator_console.domain.manifestation import format_utc_iso
    from operator_console.domain.records import record_content
    from operator_console.domain.signatures import signature_hash, signature_payload
    from operator_console.store.models import AuditHead

    def text(value: object) -> str:
        return canonical_json(value).decode("utf-8")

    station = services.audit.station
    with services.db.read() as s:
        user = s.get(User, "op01")
        assert user is not None
        printed = user.printed_name
    audits: list[dict[str, object]] = []
    outbox: list[dict[str, object]] = []
    records: list[dict[str, object]] = []
    signatures: list[dict[str, object]] = []
    for start in range(0, n, per_tx):
        for rows in (audits, outbox, records, signatures):
            rows.clear()
        with services.db.transaction() as s:
            head = s.get(AuditHead, 1)
            seq, prev = (head.seq, head.hash) if head else (0, GENESIS_HASH)
            out_seq = int(s.scalar(select(func.max(OutboxEntry.station_seq))) or 0)

            def queue(kind: str, payload: dict[str, object]) -> None:
                nonlocal out_seq
                out_seq += 1
                outbox.append(dict(station_seq=out_seq, entry_id=str(uuid.uuid4()), kind=kind,
                                   payload_json=text(payload), payload_hash=content_hash(payload),
                                   created_at=format_utc_iso(datetime.now(UTC)), acked_at=None))

            def audit(actor: str, event: str, target: str, new: object, at: datetime) -> None:
                nonlocal seq, prev
                seq += 1
                fields = AuditFields(seq=seq, entry_id=str(uuid.uuid4()), ts=format_utc_iso(at),
                                     station=station, actor=actor, event=event, target=target,
                                     reason="", old=None, new=new)
                digest = entry_hash(fields, prev)
                audits.append(dict(seq=seq, entry_id=fields.entry_id, ts=fields.ts,
                                   station=station, actor=actor, event=event, target=target,
                                   reason="", old_json=text(None), new_json=text(new),
                                   prev_hash=prev, hash=digest))
                queue("audit", {**fields.as_json(), "prev_hash": prev, "hash": digest})
                prev = digest

            for i in range(start, min(n, start + per_tx)):
                at = datetime.now(UTC)
                draft = RecordDraft(RecordType.COMMENT, batch, {"text": f"bulk {i}"})
                record_id = str(uuid.uuid4())
                obj = record_content(draft, record_id=record_id, created_by="op01",
                                     created_at=at, station=station)
                digest = content_hash(obj)
                records.append(dict(record_id=record_id, record_type=draft.record_type.value,
                                    batch_id=batch, content_json=text(obj), content_hash=digest,
                                    created_by=str(obj["created_by"]),
                                    created_at=str(obj["created_at"]), corrects=None))
                audit(str(obj["created_by"]), "record_created", record_id,
                      {"type": draft.record_type.value, "batch": batch, "content_hash": digest},
                      at)
                queue("record", {"record": obj, "content_hash": digest})
                if signed:
                    facts = SignatureFacts(
                        record_id=record_id, content_hash=digest, signer_id="op01",
                        printed_name=printed, meaning=Meaning.PERFORMED, signed_at=at,
                        station=station, auth_method=AuthMethod.OFFLINE)
                    sig_hash, sig_id = signature_hash(facts), str(uuid.uuid4())
                    signatures.append(dict(
                        signature_id=sig_id, record_id=record_id, signer_id="op01",
                        printed_name=printed, meaning=Meaning.PERFORMED.value,
                        signed_at=format_utc_iso(at), station=station,
                        auth_method=AuthMethod.OFFLINE.value, content_hash=digest,
                        signature_hash=sig_hash))
                    audit("op01", "record_signed", record_id,
                          {"meaning": Meaning.PERFORMED.value, "signature_hash": sig_hash,
                           "auth_method": AuthMethod.OFFLINE.value}, at)
                    queue("signature", {**signature_payload(facts), "signature_id": sig_id,
                                        "signature_hash": sig_hash})
            s.execute(insert(RecordRow), records)
            if signatures:
                s.execute(insert(SignatureRow), signatures)
            s.execute(insert(AuditEntry), audits)
            s.execute(insert(OutboxEntry), outbox)
            if head is None:
                s.add(AuditHead(id=1, seq=seq, hash=prev))
            else:
                head.seq, head.hash = seq, prev


def drain(console: Console, url: str | None = None, *, batch_size: int = 500,
          attempts: int = 5) -> None:
    """Push until nothing waits (a clean link; a few attempts for a server just restarted)."""
    if url is not None:
        console.point_at(url)
    for _ in range(attempts):
        engine = console.engine(batch_size=batch_size)
        try:
            engine.push_pending()
        finally:
            engine.client.close()
        if console.pending() == 0:
            return
    raise AssertionError(f"{console.pending()} entries still waiting after {attempts} pushes")


def assert_synced(console: Console, server: PlantServer) -> int:
    """Every console entry is on the server exactly once, same IDs and hashes, in station
    order (seq 1..n, contiguous), and the outbox is empty. Returns n."""
    with console.services.db.read() as s:
        outbox = list(s.execute(select(OutboxEntry.entry_id, OutboxEntry.station_seq,
                                       OutboxEntry.kind, OutboxEntry.payload_hash,
                                       OutboxEntry.acked_at)))
        records = list(s.execute(select(RecordRow.record_id, RecordRow.content_hash)))
        signatures = list(s.execute(select(SignatureRow.signature_id,
                                           SignatureRow.signature_hash)))
        audits = list(s.execute(select(AuditEntry.entry_id, AuditEntry.hash)))
    assert [r for r in outbox if r.acked_at is None] == [], "the outbox is not empty"
    database = server.database()
    try:
        with database.transaction() as session:
            station = session.scalars(select(Station).where(Station.name == console.station)
                                      ).one()
            sid = station.id
            pushed = list(session.execute(
                select(PushedEntry.entry_id, PushedEntry.station_seq, PushedEntry.kind,
                       PushedEntry.payload_hash, PushedEntry.status, PushedEntry.reason)
                .where(PushedEntry.station_id == sid).order_by(PushedEntry.station_seq)))
            s_records = list(session.execute(select(Record.record_id, Record.content_hash)
                                             .where(Record.station_id == sid)))
            s_signatures = list(session.execute(
                select(Signature.signature_id, Signature.signature_hash)
                .where(Signature.station_id == sid)))
            s_audits = list(session.execute(select(StationAudit.entry_id, StationAudit.hash,
                                                   StationAudit.seq)
                                            .where(StationAudit.station_id == sid)
                                            .order_by(StationAudit.seq)))
            last_seq, audit_head = station.last_seq, station.audit_head_seq
    finally:
        database.dispose()
    n = len(outbox)
    # Per-station order: the server's seqs are exactly 1..n, and so is its audit chain.
    assert [p.station_seq for p in pushed] == list(range(1, n + 1))
    assert last_seq == n
    assert [a.seq for a in s_audits] == list(range(1, len(audits) + 1)) and \
        audit_head == len(audits)
    # Exactly once, same IDs and hashes on both sides.
    assert sorted((e.entry_id, e.station_seq, e.kind, e.payload_hash) for e in outbox) == \
        sorted((p.entry_id, p.station_seq, p.kind, p.payload_hash) for p in pushed)
    assert [(p.station_seq, p.reason) for p in pushed if p.status != "accepted"] == []
    assert sorted(map(tuple, s_records)) == sorted(map(tuple, records))
    assert len({r[0] for r in s_records}) == len(s_records)
    assert sorted(map(tuple, s_signatures)) == sorted(map(tuple, signatures))
    assert sorted((a.entry_id, a.hash) for a in s_audits) == sorted(map(tuple, audits))
    return n
