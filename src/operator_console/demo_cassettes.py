"""Demo master data for the Cassettes page: two patients' batches, cassettes, bays, history.

Every refusal of the load and unload flows is reachable with the labels below. Type them (or
paste them into a scanner emulator) fast and press Enter: a burst counts as a scan. GS1
labels are given in the bracketed human-readable form, which the console accepts as a scan.

Batches: ``B-2026-0142`` (patient P-0142, step ACTIVATION, DIN A999926100142, CoI
CHA99992600142A) and ``B-2026-0143`` (patient P-0143, DIN A999926100143). Bays of station
CPX-01: ``B1`` free, ``B2`` holding cassette CS0142D1 (verified load), ``B3`` free (its
cassette CS0142U1 was unloaded), ``B4`` reserved by a load of CS0142P1 awaiting
verification, ``B5`` out of service, ``B6`` free.

Cassette labels (batch B-2026-0142):

* good:                ``(01)04569951120015(17)301231(10)L2611(21)CS0142A1``
* good (second):       ``(01)04569951120015(17)301231(10)L2611(21)CS0142A2``
* other batch:         ``(01)04569951120015(17)301231(10)L2611(21)CS0143A1``
* other step:          ``(01)04569951120015(17)301231(10)L2611(21)CS0142E1``
* not registered:      ``(01)04569951120015(17)301231(10)L2611(21)CS9999Z9``
* wrong lot:           ``(01)04569951120015(17)301231(10)L9999(21)CS0142L1``
* expired:             ``(01)04569951120015(17)250131(10)L2611(21)CS0142X1``
* rejected by QA:      ``(01)04569951120015(17)301231(10)L2611(21)CS0142R1``
* in quarantine:       ``(01)04569951120015(17)301231(10)L2611(21)CS0142Q1``
* loaded here (B2):    ``(01)04569951120015(17)301231(10)L2611(21)CS0142D1``
* loaded elsewhere:    ``(01)04569951120015(17)301231(10)L2611(21)CS0142S1``
* used and unloaded:   ``(01)04569951120015(17)301231(10)L2611(21)CS0142U1``
* load pending (B4):   ``(01)04569951120015(17)301231(10)L2611(21)CS0142P1``
* GTIN check digit:    ``(01)04569951120016(17)301231(10)L2611(21)CS0142A1``
* truncated:           ``(01)0456995112``
* a bag label where the cassette is expected: any bag label below.

Bag labels (ISBT 128 compound messages):

* good (patient P-0142): ``=+04000=A99992610014289=<E0001V00&>0302352359&/CHA99992600142A``
* another patient:       ``=+04000=A99992610014387=<E0001V00&>0302352359&/CHA99992600143B``
* CoI of another patient: ``=+04000=A99992610014289=<E0001V00&>0302352359&/CHA99992600143B``
* material expired:      ``=+04000=A99992610014289=<E0001V00&>0260012359&/CHA99992600142A``
* DIN check fails:       ``=+04000=A99992610014288=<E0001V00&>0302352359&/CHA99992600142A``
* no expiry on the scan: ``=A99992610014289``

Bays: scan or touch ``B1`` (free), ``B2`` (occupied), ``B4`` (reserved), ``B5`` (out of
service), ``B9`` (not a bay of this station). Typing slowly marks an entry as typed; the demo
policy (setting ``allow_typed_entry`` = ``batch,bay``) refuses typed cassette and bag labels.
Unload: choose ``B2`` and scan the CS0142D1 label (another label: wrong cassette).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from operator_console.domain.canonical import content_hash
from operator_console.domain.demo_data import (
    BATCHES,
    BAYS,
    DEMO_BATCH,
    GOOD_BAG,
    GTIN,
    INSTRUMENT,
    OTHER_BATCH,
    OTHER_CASSETTE,
    PRODUCT,
    REGISTERED,
    STEP,
    cassette_label,
)
from operator_console.domain.records import Meaning, RecordDraft, RecordType
from operator_console.services import Services
from operator_console.store import cassettes as repo
from operator_console.store.master_models import BatchRow


def _master_data(services: Services) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with services.db.transaction() as s:
        for batch, patient, din, coi in BATCHES:
            repo.put_batch(s, batch_id=batch, patient_id=patient, current_step=STEP,
                           dins=[din], coi=coi, product=PRODUCT, updated_at=now)
        for serial, step, lot, disposition in REGISTERED:
            repo.put_expected_cassette(s, batch_id=DEMO_BATCH, step=step, gtin=GTIN,
                                       serial=serial, lot=lot, disposition=disposition)
        serial, step, lot, disposition = OTHER_CASSETTE
        repo.put_expected_cassette(s, batch_id=OTHER_BATCH, step=step, gtin=GTIN,
                                   serial=serial, lot=lot, disposition=disposition)
        for bay, pos, in_service in BAYS:
            repo.put_bay(s, bay_id=bay, instrument=INSTRUMENT, position=pos,
                         in_service=in_service)


def _history(services: Services) -> None:
    from operator_console.cassettes.service import Entry, LoadRequest, UnloadRequest

    svc, sign = services.cassettes, services.cassettes.signing

    def load(serial: str, bay: str, verify: bool) -> str:
        draft = svc.prepare_load(LoadRequest(DEMO_BATCH, Entry.CHOSEN, cassette_label(serial),
                                             Entry.SCANNED, GOOD_BAG, Entry.SCANNED, bay,
                                             Entry.CHOSEN))
        outcome = sign.create_and_sign(draft, "op01", "demo-op01")
        assert outcome.ok and outcome.record_id is not None, outcome
        if verify:
            assert sign.sign(outcome.record_id, "ver01", "demo-ver01", Meaning.VERIFIED).ok
        return outcome.record_id

    load("CS0142D1", "B2", True)
    load("CS0142U1", "B3", True)
    draft = svc.prepare_unload(UnloadRequest("B3", Entry.CHOSEN, cassette_label("CS0142U1"),
                                             Entry.SCANNED))
    outcome = sign.create_and_sign(draft, "op01", "demo-op01")
    assert outcome.ok and outcome.record_id is not None
    assert sign.sign(outcome.record_id, "ver01", "demo-ver01", Meaning.VERIFIED).ok
    load("CS0142P1", "B4", False)
    # A load made at another station, as received from the plant server: stored as signed
    # there, not queued for pushing from here.
    from datetime import UTC, datetime, timedelta

    from operator_console.domain.records import record_content
    from operator_console.domain.signatures import AuthMethod, SignatureFacts
    from operator_console.store.records import receive_record

    content = {"action": "load", "station": "DEMO-STATION-02", "step": STEP,
               "patient_id": "P-0142", "batch_entry": "chosen", "bay": "S2-B1",
               "bay_entry": "chosen",
               "cassette": {"gtin": GTIN, "lot": "L2611", "serial": "CS0142S1",
                            "expiry": "2030-12-31", "entry": "scanned"},
               "bag": {"din": "A999926100142", "product_code": "E0001V00",
                       "expiry": "2030-08-23T23:59", "coi": "CHA99992600142A",
                       "entry": "scanned"}}
    at = datetime.now(UTC) - timedelta(minutes=30)
    draft = RecordDraft(RecordType.CASSETTE_LOAD, DEMO_BATCH, content)
    obj = record_content(draft, record_id=str(uuid.uuid4()), created_by="op02", created_at=at,
                         station="DEMO-STATION-02")
    digest = content_hash(obj)
    sigs = [SignatureFacts(record_id=str(obj["record_id"]), content_hash=digest,
                           signer_id=who, printed_name=name, meaning=meaning,
                           signed_at=at + timedelta(minutes=n), station="DEMO-STATION-02",
                           auth_method=AuthMethod.ONLINE)
            for n, (who, name, meaning) in enumerate(
                [("op02", "John Smith", Meaning.PERFORMED),
                 ("ver02", "Emily Clark", Meaning.VERIFIED)])]
    with services.db.transaction() as s:
        receive_record(s, services.audit, obj, sigs)


def seed_demo_master_data(services: Services, *, history: bool = True) -> bool:
    """Seed batches, cassettes, bays and (``history``) the cassette history; False if
    already seeded.

    Needs the demo users (``demo.seed_demo``) first: the history is signed by op01/ver01.
    The demo with its plant server makes the history later (:func:`seed_demo_history`),
    once the station is enrolled, so that the server can prove its signatures.
    """
    with services.db.read() as s:
        if s.get(BatchRow, OTHER_BATCH) is not None:
            return False
    _master_data(services)
    if history:
        _history(services)
    return True


def seed_demo_history(services: Services) -> bool:
    """The demo's cassette loads and unload (signed through the real service); False if the
    demo's master data is not there, or the demo batch already has cassette records."""
    from operator_console.store.records import RecordFilter, load_records

    with services.db.read() as s:
        if s.get(BatchRow, OTHER_BATCH) is None:
            return False
        if load_records(s, RecordFilter(batch_id=DEMO_BATCH, limit=1,
                                        record_type=RecordType.CASSETTE_LOAD.value)):
            return False
    _history(services)
    return True
