"""The release gate and QA's acts on a real plant server (the app over HTTP), on SQLite and
PostgreSQL: every gate condition blocks release, with its reason listed, until it is closed;
a person who did part of the batch can neither review nor release it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from operator_console.domain.batch_execution.exceptions import ExceptionKind
from operator_console.domain.records import Meaning
from operator_console.domain.signatures import AuthMethod
from plant_server.db import Database
from tests.plant_server.helpers import StationClient, enroll_station
from tests.plant_server.release_helpers import (
    BATCH,
    RECIPE,
    act,
    effective_recipe_and_batch,
    exception_entry,
    kinds,
    push_all,
    review,
    run_batch,
    step_entries,
)


@pytest.fixture
def batch(station: StationClient, database: Database) -> StationClient:
    effective_recipe_and_batch(database)
    return station


def _release(station: StationClient, user: str = "qa03") -> tuple[int, dict]:
    response = act(station, f"{BATCH}/decision", user, decision="release",
                   reason="batch record complete")
    return response.status_code, response.json()


def _audit_review(station: StationClient, user: str = "qa03") -> None:
    response = act(station, f"{BATCH}/audit-review", user, reason="audit trail read")
    assert response.status_code == 200, response.text


def test_a_clean_batch_is_released_after_its_audit_review(batch: StationClient) -> None:
    run_batch(batch)
    body = review(batch)
    assert body["status"]["state"] == "execution_complete"
    assert body["status"]["complete_at"] is not None
    code, refused = _release(batch)
    assert code == 409 and refused["detail"] == "release_refused"
    assert kinds(refused["open_items"]) == {"audit_review_missing", "not_under_review"}
    _audit_review(batch)
    code, done = _release(batch)
    assert code == 200, done
    assert done["status"]["state"] == "released"
    assert done["act"]["meaning"] == "approved" and done["act"]["signer_id"] == "qa03"
    pulled = [b for b in batch.pull(0)["batches"] if b["batch_id"] == BATCH]
    assert pulled[0]["state"] == "released"
    # Nothing more: a released batch takes no decision and a late step is a conflict.
    assert _release(batch)[0] == 409
    _, entries = step_entries(batch, "HANDOVER")
    push_all(batch, entries)
    conflicts = batch.http.get("/api/v1/conflicts", headers=batch.headers).json()["conflicts"]
    assert "step_after_close" in {c["kind"] for c in conflicts}


def test_an_open_exception_blocks_release_until_dispositioned(batch: StationClient) -> None:
    exc_id, entry = exception_entry(batch, ExceptionKind.OUT_OF_LIMITS, "CELL-COUNT",
                                    field="VCD", value=7.1)
    push_all(batch, [entry])
    run_batch(batch, exceptions={"CELL-COUNT": [exc_id]})
    _audit_review(batch)
    code, refused = _release(batch)
    assert code == 409 and kinds(refused["open_items"]) == {"open_exception"}
    [item] = refused["open_items"]
    assert item["ref"] == exc_id and item["severity"] == "major"
    assert act(batch, f"{BATCH}/exceptions/{exc_id}/disposition", reason="").status_code == 422
    answer = act(batch, f"{BATCH}/exceptions/{exc_id}/disposition",
                 reason="count repeated within limits; no impact")
    assert answer.status_code == 200, answer.text
    assert answer.json()["act"]["act"] == "disposition"
    again = act(batch, f"{BATCH}/exceptions/{exc_id}/disposition", reason="twice")
    assert again.status_code == 409
    assert _release(batch)[0] == 200


def test_a_critical_exception_dispositioned_at_the_server_reaches_the_station(
        batch: StationClient) -> None:
    exc_id, entry = exception_entry(batch, ExceptionKind.WRONG_PATIENT, "APHERESIS-RECEIPT")
    push_all(batch, [entry])
    waiting = batch.http.get("/api/v1/batches/review", headers=batch.headers).json()
    assert [b["batch_id"] for b in waiting["batches"]] == [BATCH]  # blocked: QA must act
    assert act(batch, f"{BATCH}/exceptions/{exc_id}/disposition",
               reason="label misprint; bag confirmed by COI").status_code == 200
    pulled = [b for b in batch.pull(0)["batches"] if b["batch_id"] == BATCH]
    assert pulled[0]["dispositioned"] == [exc_id] and pulled[0]["state"] == "in_process"


def test_an_open_conflict_blocks_release(batch: StationClient) -> None:
    # HARVEST before EXPANSION's stage is done: stored, and a conflict for QA.
    done = run_batch(batch, skip=["HARVEST"])
    assert "HARVEST" not in done
    conflicts = batch.http.get("/api/v1/conflicts", headers=batch.headers).json()["conflicts"]
    assert {c["kind"] for c in conflicts} == {"step_out_of_order"}
    _, entries = step_entries(batch, "HARVEST")
    push_all(batch, entries)  # late, but completes the batch
    _audit_review(batch)
    code, refused = _release(batch)
    assert code == 409 and "open_conflict" in kinds(refused["open_items"])
    for c in batch.http.get("/api/v1/conflicts", headers=batch.headers).json()["conflicts"]:
        resolved = batch.http.post(f"/api/v1/conflicts/{c['id']}/resolve", headers=batch.headers,
                                   json={"resolved_by": "qa03", "password": "demo-qa03",
                                         "resolution": "deviation report DR-1; order "
                                         "physically respected, entered late"})
        assert resolved.status_code == 200, resolved.text
    assert _release(batch)[0] == 200


def test_a_conflict_is_resolved_from_the_batch_review_at_any_workstation(
        batch: StationClient, client: TestClient, database: Database) -> None:
    run_batch(batch, skip=["HARVEST"])
    conflict, *others = [c for c in review(batch)["conflicts"] if c["status"] == "open"]
    elsewhere = enroll_station(client, database, "DEMO-STATION-03")  # not concerned by it
    path = f"{BATCH}/conflicts/{conflict['id']}/resolve"
    wrong = act(elsewhere, path, password="not-the-password", reason="checked")
    assert wrong.status_code == 403 and wrong.json()["detail"] == "bad_credentials"
    assert wrong.json()["attempts_left"] is not None
    not_qa = act(elsewhere, path, "op01", reason="checked")
    assert not_qa.status_code == 403 and not_qa.json()["detail"] == "not_qa"
    assert act(elsewhere, f"{BATCH}/conflicts/999/resolve").status_code == 404
    done = act(elsewhere, path, reason="order physically respected, entered late")
    assert done.status_code == 200, done.text
    assert done.json()["conflict"]["status"] == "resolved"
    still = [i for i in done.json()["status"]["open_items"] if i["kind"] == "open_conflict"]
    assert len(still) == len(others) and str(conflict["id"]) not in {i["ref"] for i in still}
    [after] = [c for c in review(batch)["conflicts"] if c["id"] == conflict["id"]]
    assert (after["resolved_by"], after["resolution"]) == (
        "qa03", "order physically respected, entered late")
    again = act(elsewhere, path)
    assert again.status_code == 409 and again.json()["detail"] == "already_resolved"


def test_a_pending_verification_blocks_release(batch: StationClient) -> None:
    last = RECIPE.steps[-2].step_id  # CASSETTE-UNLOAD: two-person
    run_batch(batch, skip=[last, RECIPE.steps[-1].step_id])
    rid, entries = step_entries(batch, last, verifier=None)
    push_all(batch, entries)
    assert review(batch)["status"]["state"] == "in_process"
    code, refused = _release(batch)
    assert code == 409
    assert {"pending_signature", "execution_incomplete"} <= kinds(refused["open_items"])
    push_all(batch, [batch.signature(rid, "ver01", Meaning.VERIFIED)])
    _, entries = step_entries(batch, RECIPE.steps[-1].step_id)
    push_all(batch, entries)
    _audit_review(batch)
    assert _release(batch)[0] == 200


def test_an_offline_signature_not_received_blocks_release(batch: StationClient) -> None:
    batch.hold_verifiers("qa01")  # this station was given qa01's offline verifier
    done = run_batch(batch)
    claim, entry = exception_entry(
        batch, ExceptionKind.OFFLINE_SIGNATURE, "HANDOVER", record=done["HANDOVER"],
        signer="qa01", meaning="reviewed",
        signed_at=(datetime.now(UTC) - timedelta(minutes=1)).isoformat())
    push_all(batch, [entry])
    assert act(batch, f"{BATCH}/exceptions/{claim}/disposition",
               reason="offline work during the outage, expected").status_code == 200
    _audit_review(batch)
    code, refused = _release(batch)
    assert code == 409 and kinds(refused["open_items"]) == {"unchecked_offline_signature"}
    # The station's signature arrives and the server accepts it (re-checked on push).
    [result] = push_all(batch, [batch.signature(done["HANDOVER"], "qa01", Meaning.REVIEWED,
                                                auth=AuthMethod.OFFLINE,
                                                at=datetime.now(UTC))])
    assert result["status"] == "accepted", result
    _audit_review(batch)  # new entries arrived: the review is taken again
    code, body = _release(batch)
    assert code == 200, body


def test_entries_a_station_holds_but_has_not_delivered_block_release(
        batch: StationClient) -> None:
    run_batch(batch)
    push_all(batch, [batch.audit("login")], outbox_head=batch.seq + 3)
    _audit_review(batch)
    code, refused = _release(batch)
    assert code == 409 and kinds(refused["open_items"]) == {"missing_entries"}
    assert "not received" in refused["open_items"][0]["reason"]
    push_all(batch, [batch.audit("logout"), batch.audit("login"), batch.audit("logout")],
             outbox_head=batch.seq)
    assert _release(batch)[0] == 200


def test_entries_after_the_audit_review_call_for_a_new_one(batch: StationClient) -> None:
    done = run_batch(batch)
    _audit_review(batch)
    # A signature and its audit entry arrive after the review.
    push_all(batch, [batch.signature(done["HANDOVER"], "qa01", Meaning.REVIEWED),
                     batch.audit("record_signed", actor="qa01", target=done["HANDOVER"])])
    code, refused = _release(batch)
    assert code == 409 and kinds(refused["open_items"]) == {"audit_review_missing"}
    assert "after the audit-trail review" in refused["open_items"][0]["reason"]


def test_whoever_did_part_of_the_batch_cannot_review_or_release_it(
        batch: StationClient) -> None:
    exc_id, entry = exception_entry(batch, ExceptionKind.TYPED_ENTRY, "ACTIVATION-REAGENT")
    push_all(batch, [entry])
    run_batch(batch, verifier_of={"BAY-CLEARANCE": "qa01"})  # qa01 verified a step
    for path, extra in ((f"{BATCH}/audit-review", {}),
                        (f"{BATCH}/exceptions/{exc_id}/disposition", {}),
                        (f"{BATCH}/decision", {"decision": "hold"})):
        refused = act(batch, path, "qa01", **extra)
        assert refused.status_code == 403, refused.text
        assert refused.json()["detail"] == "performed_step"
    # The operator who performed the steps is no QA person, nor may act at all.
    assert act(batch, f"{BATCH}/audit-review", "op01").json()["detail"] in (
        "not_qa", "performed_step")
    # A wrong password is refused and counts, like any password check.
    wrong = act(batch, f"{BATCH}/audit-review", "qa03", password="not-it")
    assert wrong.status_code == 403 and wrong.json()["detail"] == "bad_credentials"
    assert wrong.json()["attempts_left"] == 4


def test_hold_resume_and_reject(batch: StationClient) -> None:
    run_batch(batch)
    held = act(batch, f"{BATCH}/decision", decision="hold", reason="await sterility result")
    assert held.status_code == 200 and held.json()["status"]["state"] == "on_hold"
    assert held.json()["status"]["disposition"]["target"] == "hold"
    code, refused = _release(batch)
    assert code == 409 and "not_under_review" in kinds(refused["open_items"])
    resumed = act(batch, f"{BATCH}/decision", decision="resume", reason="result negative")
    assert resumed.json()["status"]["state"] == "under_review"
    rejected = act(batch, f"{BATCH}/decision", decision="reject", reason="OOS potency")
    assert rejected.json()["status"]["state"] == "rejected"
    assert act(batch, f"{BATCH}/decision", decision="resume", reason="x").status_code == 409


def test_a_second_approver_where_the_site_requires_two(
        database: Database, demo: None) -> None:
    from plant_server.api.app import create_app
    from plant_server.config import Settings
    from tests.plant_server.helpers import enroll_station

    settings = Settings(db_url=database.url, release_approvers=2)
    with TestClient(create_app(settings, database)) as http:
        station = enroll_station(http, database, "DEMO-STATION-01")
        effective_recipe_and_batch(database)
        run_batch(station)
        _audit_review(station)
        first = _release(station, "qa03")
        assert first[0] == 200 and first[1]["status"]["state"] == "under_review"
        assert len(first[1]["status"]["approvals"]) == 1
        assert _release(station, "qa03")[1]["detail"] == "same_approver"
        from plant_server.services.users import grant_role
        with database.transaction() as session:
            grant_role(session, "ver02", "qa", actor="admin", reason="second QA")
        second = _release(station, "ver02")
        assert second[0] == 200 and second[1]["status"]["state"] == "released"
