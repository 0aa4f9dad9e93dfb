"""Make a test station sign offline: enrolled, the plant server unreachable, the users seen
online before and holding a current cached verifier (their demo password)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from operator_console.domain.manifestation import format_utc_iso
from operator_console.services import Services
from operator_console.store.models import User
from operator_console.sync.engine import set_state


class UnreachableServer:
    """The plant server's password check when the network is down."""

    def check(self, user_id: str, password: str, purpose: str) -> dict[str, Any] | None:
        return None


def go_offline(services: Services, *user_ids: str) -> None:
    set_state(services.db, "server_url", "http://plant.test")
    services.auth.remote = UnreachableServer()
    now = datetime.now(UTC)
    with services.db.transaction() as s:
        for uid in user_ids:
            user = s.get(User, uid)
            assert user is not None
            user.seen_online_at = format_utc_iso(now)
            user.verifier_expires_at = format_utc_iso(now + timedelta(hours=72))


class ReachableServer:
    """The plant server's password check while the network is up, standing in for it: the
    user's password is checked against the verifier the station holds (as the server would
    against its own), so signatures are online ones; no signing proof is handed out."""

    def __init__(self, services: Services) -> None:
        self._services = services

    def check(self, user_id: str, password: str, purpose: str,
              binding: object = None) -> dict[str, Any] | None:
        from operator_console.auth.passwords import check_password

        with self._services.db.read() as s:
            user = s.get(User, user_id)
            ok = user is not None and check_password(user.password_hash, password)
        return {"ok": ok, "refusal": None if ok else "bad_credentials", "attempts_left": None}


def go_online(services: Services) -> None:
    """Enrolled, with the plant server answering (see :class:`ReachableServer`)."""
    set_state(services.db, "server_url", "http://plant.test")
    services.auth.remote = ReachableServer(services)
