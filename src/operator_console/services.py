"""The non-UI services of one station, opened in the fixed start-up order.

data folder → database (migrations) → audit log → authentication. The GUI, the command line
and the tests all build the same objects through :func:`open_services`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from operator_console.application.batch_steps import BatchSteps, StepRecordSigning
from operator_console.auth.service import AuthService
from operator_console.auth.signing_service import SigningService
from operator_console.cassettes.service import CassetteService
from operator_console.store.audit import AuditLog
from operator_console.store.db import Database
from operator_console.store.settings import get_setting

log = logging.getLogger(__name__)


@dataclass
class Services:
    db: Database
    audit: AuditLog
    auth: AuthService
    signing: SigningService
    station: str
    cassettes: CassetteService
    batches: BatchSteps

    def close(self) -> None:
        self.db.close()


def open_services(data_dir: Path, *, keyring: bool = False) -> Services:
    """``keyring``: seal every audit entry with the station's key from the OS keyring, once
    the station has one (its first sync makes it)."""
    db = Database(data_dir)
    with db.read() as s:
        station = get_setting(s, "station_name")
        threshold = int(get_setting(s, "lockout_threshold"))
    audit = AuditLog(station)
    if keyring:
        _seal_audit(db, audit)
    auth = AuthService(db, audit, threshold)
    cassettes = CassetteService(db, SigningService(db, audit, auth))
    # Every signature of the station goes through the guarded service: a cassette record
    # is re-checked inside its commit transaction whichever screen or command makes it, and
    # a step record against the batch's step order.
    return Services(db=db, audit=audit, auth=auth, signing=StepRecordSigning(cassettes.signing),
                    station=station, cassettes=cassettes,
                    batches=BatchSteps(db, audit, station))


def _seal_audit(db: Database, audit: AuditLog) -> None:
    """Attach the audit key when the file names one. Without the keyring the entries go
    unsealed, which ``audit verify`` reports later; the station keeps working."""
    from operator_console.store.audit_key import attach_seal, key_id
    from operator_console.sync.credentials import KeyringCredentialStore, KeyringUnavailableError

    if key_id(db) is None:
        return
    try:
        attach_seal(db, audit, KeyringCredentialStore())
    except (KeyringUnavailableError, KeyError) as exc:
        log.error("audit entries will not be sealed: %s", exc)
