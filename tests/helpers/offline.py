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
