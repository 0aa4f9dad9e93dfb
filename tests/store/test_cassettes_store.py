"""Cassette master data and whereabouts in the store, and the service's commit-time guard."""

from __future__ import annotations

import sqlite3

import pytest

from operator_console.cassettes.service import (
    CassetteRefusedError,
    CassetteService,
    Entry,
    LoadRequest,
    UnloadRequest,
)
from operator_console.demo_cassettes import seed_demo_master_data
from operator_console.domain.cassette_state import CassetteState
from operator_console.domain.demo_data import (
    DEMO_BATCH,
    GOOD_BAG,
    GOOD_CASSETTE,
    GTIN,
    cassette_label,
)
from operator_console.domain.records import Meaning, RecordType
from operator_console.services import Services
from operator_console.store import cassettes as repo
from operator_console.store.records import RecordFilter, load_records
from operator_console.store.settings import set_setting


def test_demo_master_data_seeds_once(services: Services) -> None:
    assert seed_demo_master_data(services)
    assert not seed_demo_master_data(services)  # idempotent


def load_request(cassette: str = GOOD_CASSETTE, bay: str = "B1",
                 cassette_entry: Entry = Entry.SCANNED) -> LoadRequest:
    return LoadRequest(DEMO_BATCH, Entry.CHOSEN, cassette, cassette_entry, GOOD_BAG,
                       Entry.SCANNED, bay, Entry.CHOSEN)


def sign_load(svc: Services, request: LoadRequest, verify: bool = True) -> str:
    draft = svc.cassettes.prepare_load(request)
    outcome = svc.signing.create_and_sign(draft, "op01", "demo-op01")
    assert outcome.ok and outcome.record_id
    if verify:
        assert svc.signing.sign(outcome.record_id, "ver01", "demo-ver01", Meaning.VERIFIED).ok
    return outcome.record_id


def test_tables_exist(svc: Services) -> None:
    names = {r[0] for r in sqlite3.connect(svc.db.path).execute(
        "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"batches", "batch_dins", "expected_cassettes", "station_bays"} <= names


def test_master_data_round_trip_and_replace(svc: Services) -> None:
    with svc.db.transaction() as s:
        repo.put_batch(s, batch_id=DEMO_BATCH, patient_id="P-0142", current_step="EXPANSION",
                       dins=["A999926100142", "A999926100150"], coi=None, updated_at="x")
    with svc.db.read() as s:
        batch = repo.get_batch(s, DEMO_BATCH)
        assert batch is not None
        assert batch.dins == {"A999926100142", "A999926100150"}
        assert batch.current_step == "EXPANSION" and batch.coi is None
        assert repo.get_batch(s, "nope") is None
        assert [b.batch_id for b in repo.list_batches(s)] == [DEMO_BATCH, "B-2026-0143"]
        regs = repo.registrations(s, GTIN, "CS0142E1")
        assert [(r.batch_id, r.step) for r in regs] == [(DEMO_BATCH, "EXPANSION")]


def test_bays_overview_of_the_demo(svc: Services) -> None:
    views = {b.bay_id: b for b in svc.cassettes.bays_overview()}
    assert list(views) == ["B1", "B2", "B3", "B4", "B5", "B6"]
    assert views["B1"].state is None and views["B3"].state is None
    assert views["B2"].state is CassetteState.LOADED and views["B2"].serial == "CS0142D1"
    assert views["B2"].loaded_by == "山田 花子" and views["B2"].verified_by == "佐藤 健"
    assert views["B4"].state is CassetteState.LOAD_PENDING and views["B4"].verified_by is None
    assert not views["B5"].in_service


def test_whereabouts(svc: Services) -> None:
    with svc.db.read() as s:
        assert repo.whereabouts(s, GTIN, "CS0142A1")[0].state is CassetteState.REGISTERED
        assert repo.whereabouts(s, GTIN, "CS0142U1")[0].state is CassetteState.UNLOADED
        assert repo.whereabouts(s, GTIN, "CS0142R1")[0].state is CassetteState.REJECTED
        assert repo.whereabouts(s, GTIN, "CS0142Q1")[0].state is CassetteState.QUARANTINED
        where = repo.whereabouts(s, GTIN, "CS0142S1")[0]
        assert where.state is CassetteState.LOADED and where.station == "DEMO-STATION-02"


def test_complete_load_then_unload_and_never_again(svc: Services) -> None:
    record_id = sign_load(svc, load_request())
    with svc.db.read() as s:
        view = load_records(s, RecordFilter(record_ids=[record_id]))[0]
    body = view.body
    assert view.record_type is RecordType.CASSETTE_LOAD and view.status.value == "complete"
    assert body["cassette"] == {"gtin": GTIN, "lot": "L2611", "serial": "CS0142A1",
                                "expiry": "2030-12-31", "entry": "scanned"}
    assert body["bag"]["din"] == "A999926100142" and body["bag"]["entry"] == "scanned"
    assert body["bag"]["product_code"] == "E0001V00" and body["bag"]["coi"] == "CHA99992600142A"
    assert (body["bay"], body["bay_entry"], body["batch_entry"]) == ("B1", "chosen", "chosen")
    assert body["step"] == "ACTIVATION" and body["patient_id"] == "P-0142"
    with pytest.raises(CassetteRefusedError) as info:
        svc.cassettes.prepare_load(load_request(bay="B6"))
    assert info.value.check.code == "cassette_loaded_here"
    draft = svc.cassettes.prepare_unload(UnloadRequest("B1", Entry.CHOSEN, GOOD_CASSETTE,
                                                       Entry.SCANNED))
    assert draft.batch_id == DEMO_BATCH and draft.content["load_record"] == record_id
    outcome = svc.signing.create_and_sign(draft, "op01", "demo-op01")
    assert outcome.ok and outcome.record_id
    assert svc.cassettes.check_bay("B1", Entry.CHOSEN).code == "bay_occupied"  # until verified
    assert svc.signing.sign(outcome.record_id, "ver01", "demo-ver01", Meaning.VERIFIED).ok
    assert svc.cassettes.check_bay("B1", Entry.CHOSEN).ok
    with pytest.raises(CassetteRefusedError) as info:
        svc.cassettes.prepare_load(load_request(bay="B6"))
    assert info.value.check.code == "cassette_used"


def test_guard_refuses_a_stale_draft_inside_the_commit(svc: Services) -> None:
    first = svc.cassettes.prepare_load(load_request(bay="B1"))
    second = svc.cassettes.prepare_load(load_request(bay="B6"))  # checked before the 1st signs
    assert svc.signing.create_and_sign(first, "op01", "demo-op01").ok
    with svc.db.read() as s:
        before = len(load_records(s))
    with pytest.raises(CassetteRefusedError) as info:
        svc.signing.create_and_sign(second, "op02", "demo-op02")
    assert info.value.check.code == "cassette_load_pending"
    with svc.db.read() as s:
        assert len(load_records(s)) == before  # nothing written
    refusals = sqlite3.connect(svc.db.path).execute(
        "SELECT actor, reason FROM audit_entries WHERE event = 'cassette_refused'").fetchall()
    assert refusals == [("op02", "cassette_load_pending")]
    other_cassette = svc.cassettes.prepare_load(
        load_request(cassette_label("CS0142A2"), bay="B6"))
    # Bay B6 goes out of service between the check and the signature.
    with svc.db.transaction() as s:
        repo.put_bay(s, bay_id="B6", instrument="CPX-01", position=6, in_service=False)
    with pytest.raises(CassetteRefusedError) as info:
        svc.signing.create_and_sign(other_cassette, "op01", "demo-op01")
    assert info.value.check.code == "bay_out_of_service"


def test_tampered_draft_content_is_refused(svc: Services) -> None:
    from operator_console.domain.records import RecordDraft

    good = svc.cassettes.prepare_load(load_request())
    content = dict(good.content)
    content["bag"] = {**dict(good.content["bag"]), "din": "A999926100143"}  # type: ignore
    forged = RecordDraft(RecordType.CASSETTE_LOAD, DEMO_BATCH, content)
    with pytest.raises(CassetteRefusedError) as info:
        svc.signing.create_and_sign(forged, "op01", "demo-op01")
    assert info.value.check.code == "din_not_for_patient"


def test_typed_entry_follows_the_policy(svc: Services) -> None:
    check = svc.cassettes.check_cassette_scan(DEMO_BATCH, GOOD_CASSETTE, Entry.TYPED).check
    assert check.code == "typed_not_allowed" and check.params == {"field": "cassette"}
    with svc.db.transaction() as s:
        set_setting(s, svc.audit, "allow_typed_entry", "batch,bay,cassette", actor="admin")
    record_id = sign_load(svc, load_request(cassette_entry=Entry.TYPED))
    with svc.db.read() as s:
        assert load_records(s, RecordFilter(record_ids=[record_id]))[0].body[
            "cassette"]["entry"] == "typed"


def test_conflicting_records_block_the_cassette(svc: Services) -> None:
    # Two pending loads of one cassette can only arise from a sync conflict; fake one with the
    # unguarded base service. The cassette is then blocked and its verification refused.
    from operator_console.auth.signing_service import SigningService
    from operator_console.domain.records import RecordDraft

    draft = svc.cassettes.prepare_load(load_request())
    first = sign_load(svc, load_request(), verify=False)
    base = SigningService(svc.db, svc.audit, svc.auth)
    dup = base.create_and_sign(RecordDraft(RecordType.CASSETTE_LOAD, DEMO_BATCH,
                                           {**dict(draft.content), "bay": "B6"}),
                               "op02", "demo-op02")
    assert dup.ok
    with svc.db.read() as s:
        assert repo.whereabouts(s, GTIN, "CS0142A1")[0].conflict
    with pytest.raises(CassetteRefusedError) as info:
        svc.signing.sign(first, "ver01", "demo-ver01", Meaning.VERIFIED)
    assert info.value.check.code == "cassette_conflict"
    check = svc.cassettes.check_cassette_scan(DEMO_BATCH, GOOD_CASSETTE, Entry.SCANNED).check
    assert check.code == "cassette_conflict"
    assert any(b.conflict for b in svc.cassettes.bays_overview())


def test_non_cassette_records_sign_as_before(svc: Services) -> None:
    from operator_console.domain.records import RecordDraft

    outcome = svc.signing.create_and_sign(
        RecordDraft(RecordType.COMMENT, DEMO_BATCH, {"text": "ok"}), "op01", "demo-op01")
    assert outcome.ok
    assert isinstance(svc.cassettes, CassetteService)
