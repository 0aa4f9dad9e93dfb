"""Server settings: one immutable object built from defaults, environment and the command line.

Environment variables (``PLANT_SERVER_DB``, ``PLANT_SERVER_HOST``, ...) override the defaults;
command-line options override both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "plant-server"


def default_db_url() -> str:
    """``sqlite:///<platform data dir>/plant-server.sqlite3`` (the folder is created on open)."""
    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return f"sqlite:///{data / 'plant-server.sqlite3'}"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


@dataclass(frozen=True)
class Settings:
    """Everything configurable about one server process."""

    db_url: str = field(default_factory=default_db_url)
    host: str = "127.0.0.1"
    port: int = 8700
    #: How long a station may use cached offline password verifiers without a successful pull.
    verifier_grace_hours: int = 72
    #: Consecutive wrong passwords that lock an account (the server is the authority).
    lockout_threshold: int = 5
    #: Lifetime of a one-time enrollment code printed by ``add-station``.
    enrollment_code_minutes: int = 60
    #: Most entries accepted in one ``POST /push``.
    max_push_batch: int = 500
    #: How long a signing proof (issued by a password check for a signature) stays usable.
    signing_proof_seconds: int = 300
    #: Different QA people whose 'approved' release a batch needs (the site's setting: 1, or
    #: 2 for a second approver); each is gated and re-authenticated.
    release_approvers: int = 1
    #: Largest request body accepted (checked on Content-Length before reading).
    max_body_bytes: int = 8 * 1024 * 1024
    #: Failed enrollments per minute (plant-wide) after which enrollment pauses.
    enrollment_failures_per_minute: int = 10
    #: Server processes (``serve --workers``); each has its own connection pool.
    workers: int = 1
    #: Requests one process works on at once; more are answered 503 with Retry-After.
    max_in_flight: int = 8
    #: Database connections per process: the pool holds ``max_in_flight`` + 2 (spare for the
    #: credential check of a request about to be refused), never more.
    db_pool_timeout_s: float = 10.0
    #: The pause a busy answer asks for (jittered up to half again).
    busy_retry_after_s: float = 2.0

    @property
    def db_pool_size(self) -> int:
        return self.max_in_flight + 2

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then ``PLANT_SERVER_*`` environment variables, then ``overrides``."""
        base = cls(
            db_url=os.environ.get("PLANT_SERVER_DB") or default_db_url(),
            host=os.environ.get("PLANT_SERVER_HOST") or "127.0.0.1",
            port=_env_int("PLANT_SERVER_PORT", 8700),
            verifier_grace_hours=_env_int("PLANT_SERVER_VERIFIER_GRACE_HOURS", 72),
            lockout_threshold=_env_int("PLANT_SERVER_LOCKOUT_THRESHOLD", 5),
            enrollment_code_minutes=_env_int("PLANT_SERVER_ENROLLMENT_CODE_MINUTES", 60),
            max_push_batch=_env_int("PLANT_SERVER_MAX_PUSH_BATCH", 500),
            signing_proof_seconds=_env_int("PLANT_SERVER_SIGNING_PROOF_SECONDS", 300),
            release_approvers=_env_int("PLANT_SERVER_RELEASE_APPROVERS", 1),
            max_body_bytes=_env_int("PLANT_SERVER_MAX_BODY_BYTES", 8 * 1024 * 1024),
            enrollment_failures_per_minute=_env_int(
                "PLANT_SERVER_ENROLLMENT_FAILURES_PER_MINUTE", 10),
            workers=_env_int("PLANT_SERVER_WORKERS", 1),
            max_in_flight=_env_int("PLANT_SERVER_MAX_IN_FLIGHT", 8),
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})
