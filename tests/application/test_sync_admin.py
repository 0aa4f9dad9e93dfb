"""Resolving a rejected entry: password first (audited, counted), then the QA rule."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import select

from operator_console.application.sync_admin import ResolveProblem, SyncAdmin
from operator_console.auth.service import AuthRefusal
from operator_console.services import Services
from operator_console.store.models import AuditEntry
from operator_console.sync.engine import SyncEngine
from operator_console.sync.http import PlantServerClient
from tests.store.test_sync_engine import _fresh_anchor


def _rejecting(request: httpx.Request) -> httpx.Response:
    entries = json.loads(request.content)["entries"]
    return httpx.Response(200, json={"results": [
        {"entry_id": e["entry_id"], "station_seq": e["station_seq"],
         "status": "rejected" if e["kind"] == "signature" else "accepted",
         "reason": "signature_refused:same_person", "acknowledged": True} for e in entries]})


def _admin_with_a_rejection(services: Services) -> tuple[SyncAdmin, int]:
    client = PlantServerClient("http://plant.test", "t",
                               transport=httpx.MockTransport(_fresh_anchor(_rejecting)))
    assert SyncEngine(services.db, client).push_pending().rejected > 0
    admin = SyncAdmin(services.db, services.audit, services.auth)
    return admin, admin.queue().rejections[0].id


def _events(services: Services) -> list[str]:
    with services.db.read() as s:
        return list(s.scalars(select(AuditEntry.event).order_by(AuditEntry.seq)))


def test_a_wrong_password_resolves_nothing_and_is_audited(services: Services) -> None:
    admin, rid = _admin_with_a_rejection(services)
    result = admin.resolve("qa01", "wrong", rid, "checked the record")
    assert result.auth_refusal is AuthRefusal.BAD_CREDENTIALS and result.resolved is None
    assert result.attempts_left is not None
    assert _events(services)[-1] == "resolve_failed"
    assert admin.queue().rejections[0].resolved_by is None


def test_only_qa_resolves_even_with_the_right_password(services: Services) -> None:
    admin, rid = _admin_with_a_rejection(services)
    result = admin.resolve("op01", "demo-op01", rid, "checked")
    assert result.problem is ResolveProblem.NOT_QA and result.resolved is None


def test_qa_resolves_once_with_a_written_resolution(services: Services) -> None:
    admin, rid = _admin_with_a_rejection(services)
    assert admin.resolve("qa01", "demo-qa01", rid, "  ").problem is (
        ResolveProblem.RESOLUTION_REQUIRED)
    done = admin.resolve("qa01", "demo-qa01", rid, "checked the record at the plant server")
    assert done.resolved is not None and done.resolved.resolved_by == "qa01"
    assert _events(services)[-2:] == ["resolve_succeeded", "sync_rejection_resolved"]
    again = admin.resolve("qa01", "demo-qa01", rid, "again")
    assert again.problem is ResolveProblem.ALREADY_RESOLVED
