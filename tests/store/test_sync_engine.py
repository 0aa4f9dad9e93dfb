"""The push side of sync against a scripted server (httpx.MockTransport): only the server's
acknowledgement of an entry marks it synced; garbage answers change nothing."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import select

from operator_console.services import Services
from operator_console.store.models import OutboxEntry
from operator_console.store.sync_models import SyncRejection
from operator_console.sync.engine import SyncEngine, pending
from operator_console.sync.http import BadResponseError, PlantServerClient, ServerUnreachableError

Handler = Callable[[httpx.Request], httpx.Response]


def _fresh_anchor(handler: Handler) -> Handler:
    """The server's anchor for a station it has heard nothing from yet (GET /station)."""
    def route(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/station"):
            return httpx.Response(200, json={"station": "S", "last_seq": 0,
                                             "audit_head_seq": 0, "audit_head_hash": "0" * 64,
                                             "records": 0,
                                             "server_time": "2026-12-01T00:00:00.000000Z"})
        return handler(request)
    return route


def _engine(services: Services, handler: Handler, batch: int = 50) -> SyncEngine:
    client = PlantServerClient("http://plant.test", "token",
                               transport=httpx.MockTransport(_fresh_anchor(handler)))
    return SyncEngine(services.db, client, batch_size=batch)


def _ack_all(status: str = "accepted") -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        entries = json.loads(request.content)["entries"]
        assert request.headers["authorization"] == "Bearer token"
        return httpx.Response(200, json={"results": [
            {"entry_id": e["entry_id"], "station_seq": e["station_seq"], "status": status,
             "reason": "", "acknowledged": True} for e in entries]})
    return handler


def test_everything_acknowledged_drains_the_outbox_in_order(services: Services) -> None:
    seen: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.extend(e["station_seq"] for e in json.loads(request.content)["entries"])
        return _ack_all()(request)

    before = pending(services.db)
    assert before > 50
    report = _engine(services, handler).push_pending()
    assert report.accepted == before and report.remaining == 0
    assert seen == sorted(seen) and len(seen) == before


def test_duplicates_count_as_acknowledged(services: Services) -> None:
    report = _engine(services, _ack_all("duplicate")).push_pending()
    assert report.duplicates > 0 and report.remaining == 0


@pytest.mark.parametrize("response", [
    httpx.Response(500, text="boom"),
    httpx.Response(200, text='{"results": [{"entry_id"'),  # truncated JSON
    httpx.Response(200, json={"results": "nope"}),
    httpx.Response(200, json={"results": [{"entry_id": "not-sent", "station_seq": 1,
                                           "status": "accepted", "reason": "",
                                           "acknowledged": True}]}),
])
def test_garbage_answers_change_nothing(services: Services, response: httpx.Response) -> None:
    before = pending(services.db)
    with pytest.raises(BadResponseError):
        _engine(services, lambda _r: response).push_pending()
    assert pending(services.db) == before


def test_unreachable_server_changes_nothing(services: Services) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    before = pending(services.db)
    with pytest.raises(ServerUnreachableError):
        _engine(services, handler).push_pending()
    assert pending(services.db) == before


def test_partial_acknowledgement_marks_only_those(services: Services) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        entries = json.loads(request.content)["entries"][:3]
        return httpx.Response(200, json={"results": [
            {"entry_id": e["entry_id"], "station_seq": e["station_seq"], "status": "accepted",
             "reason": "", "acknowledged": True} for e in entries]})

    before = pending(services.db)
    engine = _engine(services, handler)
    report = engine.push_pending()
    # Each round takes three; the loop goes on until everything is acknowledged.
    assert report.accepted == before and pending(services.db) == 0


def test_rejected_entries_stay_visible(services: Services) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        entries = json.loads(request.content)["entries"]
        return httpx.Response(200, json={"results": [
            {"entry_id": e["entry_id"], "station_seq": e["station_seq"],
             "status": "rejected" if e["kind"] == "signature" else "accepted",
             "reason": "signature_refused:same_person", "acknowledged": True}
            for e in entries]})

    report = _engine(services, handler).push_pending()
    assert report.rejected > 0 and report.remaining == 0
    with services.db.read() as s:
        rejections = s.scalars(select(SyncRejection)).all()
        kinds = {r.kind for r in rejections}
        unresolved = [r for r in rejections if r.resolved_by is None]
    assert kinds == {"signature"} and len(unresolved) == report.rejected


def test_out_of_order_stops_without_acknowledging(services: Services) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        entries = json.loads(request.content)["entries"]
        return httpx.Response(200, json={"results": [
            {"entry_id": e["entry_id"], "station_seq": e["station_seq"], "status": "rejected",
             "reason": "out_of_order", "acknowledged": False} for e in entries]})

    before = pending(services.db)
    report = _engine(services, handler).push_pending()
    assert pending(services.db) == before and report.problems
    with services.db.read() as s:
        assert s.scalar(select(OutboxEntry).where(OutboxEntry.acked_at.is_not(None))) is None


def test_rejection_whose_first_answer_was_lost_is_still_shown(services: Services) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        entries = json.loads(request.content)["entries"]
        return httpx.Response(200, json={"results": [
            {"entry_id": e["entry_id"], "station_seq": e["station_seq"],
             "status": "duplicate",
             "reason": "previously_rejected:signature_refused:same_person"
             if e["kind"] == "signature" else "", "acknowledged": True} for e in entries]})

    report = _engine(services, handler).push_pending()
    with services.db.read() as s:
        rejections = s.scalars(select(SyncRejection)).all()
        reasons = {r.reason for r in rejections}
    assert report.rejected == len(rejections) > 0
    assert reasons == {"signature_refused:same_person"}
