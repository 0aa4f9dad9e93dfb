"""A console process for the kill tests: ``python -m tests.sync_faults.console_child MODE DIR``
with the station credential in ``$FT_CREDENTIAL`` (an in-memory store, as in the demo).

``die_before_ack``  push; once the server has answered the first batch (it has committed),
                    SIGKILL this process before the acknowledgements are written.
``loop``            ``sync_once`` in a loop (pushes in batches of ``$FT_BATCH``) until killed.
``once``            push everything; print the report as JSON.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from operator_console.services import open_services
from operator_console.sync import engine as engine_module
from operator_console.sync.credentials import MemoryCredentialStore
from operator_console.sync.engine import SyncEngine, get_state
from operator_console.sync.station import client_for


def main(mode: str, data_dir: Path) -> int:
    services = open_services(data_dir)
    store = MemoryCredentialStore()
    store.set(get_state(services.db, "enrolled_as"), os.environ["FT_CREDENTIAL"])
    batch = int(os.environ.get("FT_BATCH", "500"))
    if mode == "die_before_ack":
        def die(*_args: Any, **_kwargs: Any) -> int:
            os.kill(os.getpid(), signal.SIGKILL)
            return 0
        engine_module.SyncEngine._apply = die  # type: ignore[method-assign]
    engine = SyncEngine(services.db, client_for(services, store), batch_size=batch)
    if mode == "loop":
        while True:
            try:
                engine.push_pending()
            except Exception as exc:  # keep going: the parent decides when to stop us
                print(f"push failed: {exc}", file=sys.stderr, flush=True)
    report = engine.push_pending()
    print(json.dumps({"accepted": report.accepted, "duplicates": report.duplicates,
                      "rejected": report.rejected, "remaining": report.remaining}))
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
