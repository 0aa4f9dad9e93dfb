"""The station's link to the plant server: enrollment, the credential, online auth, the worker.

Enrollment exchanges a one-time code for a station credential that goes into the OS keyring
(``credentials.py``) and records the server URL in the store. Once enrolled, passwords are
checked by the plant server whenever it answers (``RemoteAuthClient``), and the sync worker
pushes and pulls in the background.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from operator_console.auth.service import AuthService, SigningBinding
from operator_console.store.audit import AuditLog
from operator_console.store.audit_key import attach_seal, audit_key, checkpoint
from operator_console.store.db import Database
from operator_console.store.settings import get_setting
from operator_console.sync.apply import apply_pull
from operator_console.sync.credentials import CredentialStore, store_is_durable
from operator_console.sync.engine import get_state, set_state
from operator_console.sync.http import (
    BadResponseError,
    PlantServerClient,
    ServerUnreachableError,
    UnauthorizedError,
)
from operator_console.sync.worker import SyncWorker

log = logging.getLogger(__name__)


class StationServices(Protocol):
    """What the link needs of the station (the composition root's ``Services`` has it)."""

    db: Database
    audit: AuditLog
    auth: AuthService


class NotEnrolledError(RuntimeError):
    """The station has no plant server, or its credential is missing from the keyring."""


def enroll(services: StationServices, server_url: str, code: str, store: CredentialStore) -> str:
    """Enroll this station with the plant server; returns the station name it enrolled as."""
    with services.db.read() as s:
        station = get_setting(s, "station_name")
    client = PlantServerClient(server_url)
    try:
        enrolled_as, credential = client.enroll(code, station)
    finally:
        client.close()
    store.set(enrolled_as, credential)
    set_state(services.db, "server_url", server_url)
    set_state(services.db, "enrolled_as", enrolled_as)
    with services.db.transaction() as s:
        services.audit.append(s, actor="system", event="station_enrolled", target=enrolled_as,
                              new={"server": server_url, "keyring": store.describe()})
    return enrolled_as


def is_enrolled(services: StationServices) -> bool:
    return bool(get_state(services.db, "server_url"))


def client_for(services: StationServices, store: CredentialStore, *,
               timeout_s: float = 15.0) -> PlantServerClient:
    url = get_state(services.db, "server_url")
    station = get_state(services.db, "enrolled_as")
    if not url or not station:
        raise NotEnrolledError("this station is not enrolled with a plant server")
    credential = store.get(station)
    if not credential:
        raise NotEnrolledError(f"no credential for station {station} in {store.describe()}")
    return PlantServerClient(url, credential, timeout_s=timeout_s)


class RemoteAuthClient:
    """Password checks against the plant server; None when it cannot answer properly."""

    def __init__(self, client: PlantServerClient) -> None:
        self._client = client

    def check(self, user_id: str, password: str, purpose: str,
              binding: SigningBinding | None = None) -> dict[str, Any] | None:
        try:
            return self._client.auth_check(
                user_id, password, purpose,
                content_hash=binding.content_hash if binding else None,
                meaning=binding.meaning if binding else None)
        except (ServerUnreachableError, BadResponseError, UnauthorizedError) as exc:
            log.info("online password check unavailable: %s", exc)
            return None


def _after_pull(services: StationServices, store: CredentialStore, checkpoints: bool) -> Any:
    """Apply a pull, then (``checkpoints``) record a keyed checkpoint of the audit chain."""
    def apply(data: dict[str, Any]) -> None:
        apply_pull(services.db, services.audit, data)
        if not checkpoints:
            return
        try:
            if services.audit.seal_key is None:  # the first sync makes the key: seal from now
                attach_seal(services.db, services.audit, store, create=True)
            key = audit_key(services.db, store)
        except Exception as exc:  # keyring trouble must not stop syncing; verify reports it
            log.warning("audit checkpoint skipped: %s", exc)
            return
        if key is not None:
            checkpoint(services.db, key)
    return apply


def start_sync(services: StationServices, store: CredentialStore,
               **worker_options: Any) -> SyncWorker:
    """Make the plant server the password authority and start the background worker.
    Each pull also records a keyed audit checkpoint when ``store`` keeps secrets durably."""
    services.auth.remote = RemoteAuthClient(client_for(services, store, timeout_s=4.0))
    worker = SyncWorker(services.db, client_for(services, store),
                        apply_pull=_after_pull(services, store, store_is_durable(store)),
                        **worker_options)
    worker.start()
    return worker


def sync_once(services: StationServices, store: CredentialStore,
              checkpoints: bool | None = None) -> str:
    """Push everything pending and pull once; returns a one-line summary (blocking).
    ``checkpoints``: record a keyed audit checkpoint (default: if ``store`` is durable)."""
    keyed = store_is_durable(store) if checkpoints is None else checkpoints
    worker = SyncWorker(services.db, client_for(services, store),
                        apply_pull=_after_pull(services, store, keyed), pull_interval_s=0)
    try:
        worker.sync_once()
        status = worker.status()
    finally:
        worker.client.close()
    return (f"synced: {status.pending} entries still waiting, "
            f"{status.rejected} rejected by the plant server")
