"""Child process for ``tests/test_kill_reliability.py``: sign records in a loop until killed.

Usage: ``python sign_loop.py DATA_DIR``. Prints ``READY`` once the services are open, then one
JSON line per completed signing call, written only after the call has returned (so the
record and its signatures are committed): ``{"record": ID, "signatures": [hash, ...]}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sqlalchemy import select

from operator_console.domain.records import Meaning, RecordDraft, RecordType
from operator_console.services import open_services
from operator_console.store.models import SignatureRow

BATCH = "B-KILL-TEST"


def _report(services: object, record_id: str) -> None:
    from operator_console.services import Services

    assert isinstance(services, Services)
    with services.db.read() as s:
        hashes = list(s.scalars(select(SignatureRow.signature_hash)
                                .where(SignatureRow.record_id == record_id)
                                .order_by(SignatureRow.seq)))
    sys.stdout.write(json.dumps({"record": record_id, "signatures": hashes}) + "\n")
    sys.stdout.flush()


def main() -> int:
    services = open_services(Path(sys.argv[1]))
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    i = 0
    while True:
        i += 1
        comment = RecordDraft(RecordType.COMMENT, BATCH, {"text": f"loop comment {i}"})
        outcome = services.signing.create_and_sign(comment, "op01", "demo-op01")
        if not outcome.ok or outcome.record_id is None:
            raise SystemExit(f"refused: {outcome}")
        _report(services, outcome.record_id)
        if i % 2 == 1:
            step = RecordDraft(RecordType.STEP_COMPLETION, BATCH, {
                "step": f"loop step {i}", "instrument": "CPX-01", "result": "within limits"})
            outcome = services.signing.create_and_sign(step, "op01", "demo-op01")
            if not outcome.ok or outcome.record_id is None:
                raise SystemExit(f"refused: {outcome}")
            record_id = outcome.record_id
            _report(services, record_id)
            outcome = services.signing.sign(record_id, "ver01", "demo-ver01", Meaning.VERIFIED)
            if not outcome.ok:
                raise SystemExit(f"verification refused: {outcome}")
            _report(services, record_id)


if __name__ == "__main__":
    sys.exit(main())
