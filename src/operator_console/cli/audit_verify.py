"""``operator-console audit verify``: the station file's chain, seals, records, signatures and
keyed checkpoints, in one read snapshot.

The audit key is looked up in the OS keyring first, so that each entry's seal is checked in
the same pass as its hash (``store.integrity.verify_store``); the checkpoints are checked
after it. What is reported, and in which order, does not depend on that: the chain's first
problem; else the record problems, then the checkpoints', then the seals'.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from operator_console.store.db import DB_FILENAME, Database


@dataclass(frozen=True)
class _Key:
    """What the keyring holds for this file: ``state`` "none" (a file from before
    checkpoints), "unavailable" (``reason`` says why), "unnamed" (the file names no key) or
    "found" (``key``, and ``first``, the first entry that must carry a seal)."""

    state: str
    key: bytes | None = None
    first: int | None = None
    reason: str = ""


def _audit_key(db: Database) -> _Key:
    from sqlalchemy.exc import OperationalError

    from operator_console.store.audit_key import audit_key, sealed_from
    from operator_console.sync.credentials import KeyringCredentialStore, KeyringUnavailableError

    try:
        store = KeyringCredentialStore()
        key = audit_key(db, store, create=False)
    except OperationalError:
        return _Key("none")
    except (KeyringUnavailableError, KeyError) as exc:
        return _Key("unavailable", reason=str(exc))
    if key is None:
        return _Key("unnamed")
    return _Key("found", key, sealed_from(db, store))


def _fail(message: str, code: int) -> int:
    print(f"operator-console: {message}", file=sys.stderr)
    return code


def run(data_dir: Path) -> int:
    if not (data_dir / DB_FILENAME).exists():
        return _fail(f"no database in {data_dir}", 1)
    from operator_console.store.audit_key import checkpoint_problems, unkeyed_seal_problems
    from operator_console.store.integrity import verify_store

    db = Database(data_dir, migrate=False)
    try:
        keyed = _audit_key(db)
        with db.read() as s:
            report = verify_store(s, seal_key=keyed.key, sealed_from=keyed.first)
            if not report.chain.ok:
                return _fail(f"audit trail broken at entry {report.chain.first_bad_seq}: "
                             f"{report.chain.problem}", 3)
            problems = list(report.problems)
            if keyed.state == "found":
                problems += checkpoint_problems(s, keyed.key) + report.seals
            elif keyed.state == "unnamed":  # nothing may carry a key
                problems += checkpoint_problems(s, None) + unkeyed_seal_problems(s)
            elif keyed.state == "unavailable":  # said, and left unchecked
                found = checkpoint_problems(s, None)
                if found:
                    print(f"note: {found[0]} ({keyed.reason})")
    finally:
        db.close()
    if problems:
        return _fail(f"{len(problems)} record problem(s), first: {problems[0]}", 4)
    print(f"audit trail intact: {report.chain.count} entries verified; records and signatures "
          "verify and agree with the audit entries that carry their hashes")
    return 0
