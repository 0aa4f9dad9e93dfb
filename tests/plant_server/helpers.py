"""A console-like outbox builder for plant-server tests (uses the same domain functions as
the console's store, so the server sees exactly what a station would send)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from fastapi.testclient import TestClient

from operator_console.domain.audit_chain import GENESIS_HASH, AuditFields, entry_hash
from operator_console.domain.canonical import content_hash
from operator_console.domain.demo_data import DEMO_USERS
from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.records import Meaning, RecordDraft, RecordType, record_content
from operator_console.domain.signatures import (
    AuthMethod,
    SignatureFacts,
    signature_hash,
    signature_payload,
)
from plant_server.db import Database
from plant_server.services.stations import add_station

API = "/api/v1"
#: ``StationClient.signature``: fetch a signing proof from the server.
AUTO = "auto"
DEMO_NAMES = {u.user_id: u.printed_name for u in DEMO_USERS}


@dataclass
class StationClient:
    """One enrolled station: its HTTP client, credential and outbox state."""

    http: httpx.Client
    name: str
    credential: str
    seq: int = 0
    audit_seq: int = 0
    audit_head: str = GENESIS_HASH
    records: dict[str, str] = field(default_factory=dict)  # record_id -> content hash

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credential}"}

    def entry(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.seq += 1
        return {"entry_id": str(uuid.uuid4()), "station_seq": self.seq, "kind": kind,
                "payload": payload, "payload_hash": content_hash(payload)}

    def audit(self, event: str = "login", actor: str = "op01", target: str = "",
              reason: str = "", station: str | None = None) -> dict[str, Any]:
        """The next entry of this station's chain (``station``: the name it claims)."""
        self.audit_seq += 1
        fields = AuditFields(seq=self.audit_seq, entry_id=str(uuid.uuid4()),
                             ts=format_utc_iso(datetime.now(UTC)), station=station or self.name,
                             actor=actor, event=event, target=target, reason=reason, old=None,
                             new={"n": self.audit_seq})
        digest = entry_hash(fields, self.audit_head)
        payload = {**fields.as_json(), "prev_hash": self.audit_head, "hash": digest}
        self.audit_head = digest
        return self.entry("audit", payload)

    def record(self, record_type: RecordType = RecordType.STEP_COMPLETION,
               content: dict[str, Any] | None = None, created_by: str = "op01",
               batch: str = "B-2026-0142", corrects: str | None = None,
               reason: str | None = None,
               at: datetime | None = None) -> tuple[str, dict[str, Any]]:
        record_id = str(uuid.uuid4())
        draft = RecordDraft(record_type, batch, content or {"step": "Harvest"}, corrects,
                            reason)
        obj = record_content(draft, record_id=record_id, created_by=created_by,
                             created_at=at or datetime.now(UTC), station=self.name)
        digest = content_hash(obj)
        self.records[record_id] = digest
        return record_id, self.entry("record", {"record": obj, "content_hash": digest})

    def proof(self, signer: str, content: str, meaning: Meaning,
              password: str | None = None) -> str | None:
        """A signing proof from the server's password check (demo password by default)."""
        response = self.http.post(f"{API}/auth/check", headers=self.headers, json={
            "user_id": signer, "password": password or f"demo-{signer}", "purpose": "sign",
            "content_hash": content, "meaning": meaning.value})
        assert response.status_code == 200, response.text
        proof: str | None = response.json()["signing_proof"]
        return proof

    def signature(self, record_id: str, signer: str, meaning: Meaning,
                  auth: AuthMethod = AuthMethod.ONLINE, printed_name: str | None = None,
                  at: datetime | None = None, proof: str | None = AUTO) -> dict[str, Any]:
        """A signature entry. Online: ``proof`` AUTO asks the server for one (the signer's
        demo password), None sends none, else that proof ID. ``printed_name``: the demo
        user's own by default."""
        facts = SignatureFacts(record_id=record_id, content_hash=self.records[record_id],
                               signer_id=signer,
                               printed_name=printed_name or DEMO_NAMES.get(signer, "Name"),
                               meaning=meaning, signed_at=at or datetime.now(UTC),
                               station=self.name, auth_method=auth)
        payload: dict[str, Any] = {**signature_payload(facts),
                                   "signature_id": str(uuid.uuid4()),
                                   "signature_hash": signature_hash(facts)}
        if auth is AuthMethod.ONLINE and proof == AUTO:
            proof = self.proof(signer, facts.content_hash, meaning)
        if auth is AuthMethod.ONLINE and proof is not None:
            payload["proof_id"] = proof
        return self.entry("signature", payload)

    def push(self, *entries: dict[str, Any], expect: int = 200) -> list[dict[str, Any]]:
        response = self.http.post(f"{API}/push", json={"entries": list(entries)},
                                  headers=self.headers)
        assert response.status_code == expect, response.text
        results: list[dict[str, Any]] = response.json()["results"] if expect == 200 else []
        return results

    def hold_verifiers(self, *user_ids: str) -> None:
        """Online logins here, then a pull: the station now holds these users' offline
        verifiers (the server judges offline signatures against what it gave)."""
        for user_id in user_ids:
            answer = self.http.post(f"{API}/auth/check", headers=self.headers,
                                    json={"user_id": user_id, "password": f"demo-{user_id}"})
            assert answer.json()["ok"] is True, answer.text
        self.pull()

    def pull(self, cursor: int = 0) -> dict[str, Any]:
        response = self.http.get(f"{API}/pull", params={"cursor": cursor}, headers=self.headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


def issue_code(database: Database, name: str, minutes: int = 60) -> str:
    with database.transaction() as session:
        return add_station(session, name, actor="test", minutes=minutes)[1]


def enroll_station(http: TestClient, database: Database, name: str) -> StationClient:
    code = issue_code(database, name)
    response = http.post(f"{API}/enroll", json={"code": code, "station_name": name})
    assert response.status_code == 200, response.text
    return StationClient(http, name, response.json()["credential"])


def statuses(results: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["status"], r["reason"]) for r in results]
