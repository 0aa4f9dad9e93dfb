"""Applying the plant server's master data (a ``/pull`` answer) to the local store.

Users, roles and qualifications mirror the server (the authority); each user allowed at this
station gets the server's argon2id offline verifier with its expiry, never a password.
Batches, expected cassettes, bays and instrument channels are upserted by natural key; master
recipes by their hash, each checked against its content (a mismatch refuses the whole pull),
and a batch made from a recipe is pinned to it. All of it is one transaction: a pull is
applied completely or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from operator_console.domain.channels import ChannelConfig
from operator_console.store.audit import AuditLog
from operator_console.store.cassettes import put_batch, put_bay, put_expected_cassette
from operator_console.store.db import Database
from operator_console.store.instrument_models import ChannelRow
from operator_console.store.master_models import ExpectedCassetteRow
from operator_console.store.models import OutboxEntry, User, UserQualification, UserRole
from operator_console.store.recipes import pin_batch, put_recipe
from operator_console.store.sync_models import SyncConflict, SyncState
from operator_console.sync.engine import now_iso

# A user created from the server has no local password: only the offline verifier logs in.
NO_LOCAL_PASSWORD = "!server-managed"


def apply_pull(db: Database, audit: AuditLog, data: Mapping[str, Any]) -> None:
    """Apply one pull and advance the cursor, in one transaction."""
    with db.transaction() as s:
        verifiers = {v["user_id"]: v for v in data.get("offline_verifiers", [])}
        for u in data.get("users", []):
            _apply_user(s, audit, u)
        # The verifier list is always complete and carries fresh expiries: apply all of it,
        # and drop verifiers of users no longer listed.
        for user in s.scalars(select(User)):
            v = verifiers.get(user.user_id)
            if v is not None:
                user.password_hash = v["offline_verifier"]
                user.verifier_expires_at = v["verifier_expires_at"]
            elif user.verifier_expires_at is not None:
                user.verifier_expires_at = None
        for b in data.get("batches", []):
            extra = b.get("data") or {}
            put_batch(s, batch_id=b["batch_id"], patient_id=b["patient_id"],
                      current_step=str(extra.get("current_step", "")),
                      dins=[d for d in [b.get("din"), *extra.get("dins", [])] if d],
                      coi=b.get("coi_id"), product=str(extra.get("product", "")),
                      updated_at=now_iso())
            if b.get("recipe"):
                pin_batch(s, b["batch_id"], b["recipe"], b.get("station_name"),
                          state=b.get("state"), dispositioned=list(b.get("dispositioned") or []))
        for recipe in data.get("recipes", []):
            put_recipe(s, recipe, received_at=now_iso())
        for c in data.get("expected_cassettes", []):
            extra = c.get("data") or {}
            # The server keys a cassette by GTIN + serial: a registration moved to another
            # batch or step replaces the old one here, never adds to it.
            s.execute(delete(ExpectedCassetteRow).where(
                ExpectedCassetteRow.gtin == c["gtin"], ExpectedCassetteRow.serial == c["serial"],
                (ExpectedCassetteRow.batch_id != c["batch_id"])
                | (ExpectedCassetteRow.step != c["step"])))
            put_expected_cassette(s, batch_id=c["batch_id"], step=c["step"], gtin=c["gtin"],
                                  serial=c["serial"], lot=extra.get("lot"),
                                  disposition=str(extra.get("disposition", "released"))
                                  if c.get("active", True) else "withdrawn")
        for bay in data.get("bays", []):
            extra = bay.get("data") or {}
            put_bay(s, bay_id=bay["bay_id"], instrument=str(extra.get("instrument", "")),
                    position=int(extra.get("position", 0)), in_service=bool(bay["in_service"]))
        for ch in data.get("channels", []):
            _apply_channel(s, ch)
        for conflict in data.get("conflicts", []):
            _apply_conflict(s, conflict)
        changed = any(data.get(k) for k in ("users", "batches", "expected_cassettes", "bays",
                                            "channels", "conflicts", "recipes"))
        if changed or data.get("full"):
            # A pull that brought nothing new leaves no trace: no audit entry (and no outbox
            # entry) every pull interval while nothing changes.
            audit.append(s, actor="system", event="master_data_pulled", target="plant-server",
                         new={"users": len(data.get("users", [])),
                              "next_cursor": data.get("next_cursor")})
        cursor = s.get(SyncState, "pull_cursor")
        if cursor is None:
            s.add(SyncState(key="pull_cursor", value=str(data["next_cursor"])))
        else:
            cursor.value = str(data["next_cursor"])


def _apply_user(s: Session, audit: AuditLog, u: Mapping[str, Any]) -> None:
    user = s.get(User, u["user_id"])
    if user is None:
        user = User(user_id=u["user_id"], display_id=u["user_id"], password_hash=NO_LOCAL_PASSWORD,
                    failed_attempts=0, created_at=now_iso())
        s.add(user)
    user.printed_name, user.language = u["printed_name"], u.get("language") or "ja"
    user.badge_code = u.get("badge_code")
    user.active = bool(u["active"])
    # A lockout this station counted (offline) stands until the plant server has it: pushed,
    # it locks the account at the plant too, and only the plant unlocks it.
    user.locked = bool(u["locked"]) or (user.locked and _lockout_not_pushed(s, user.user_id))
    roles = set(u.get("roles", []))
    user.roles[:] = [r for r in user.roles if r.role in roles]
    for role in roles - {r.role for r in user.roles}:
        user.roles.append(UserRole(role=role))
    user.qualifications[:] = [UserQualification(
        procedure=q["procedure"], valid_from=q["valid_from"], valid_until=q.get("valid_until"))
        for q in u.get("qualifications", [])]
    del audit


def _lockout_not_pushed(s: Session, user_id: str) -> bool:
    """Does an ``account_locked`` audit entry of this user still wait in the outbox?"""
    pending = select(OutboxEntry.payload_json).where(
        OutboxEntry.kind == "audit", OutboxEntry.acked_at.is_(None),
        OutboxEntry.payload_json.contains('"event":"account_locked"'))
    for text in s.scalars(pending):
        try:
            payload = json.loads(text)
        except ValueError:
            return True  # unreadable: keep the lock rather than lift it on a guess
        if payload.get("target") == user_id and payload.get("actor") == "system":
            return True
    return False


def _apply_channel(s: Session, ch: Mapping[str, Any]) -> None:
    extra = ch.get("data") or {}
    key = str(extra.get("key") or ch["node_id"].rsplit(".", 1)[-1].lower())
    config = ChannelConfig(
        key=key, endpoint=ch["endpoint"], node_id=ch["node_id"], name_en=ch["name_en"],
        name_ja=ch["name_ja"], unit=ch["unit"], display_min=float(ch["range_low"]),
        display_max=float(ch["range_high"]), low_limit=ch.get("limit_low"),
        high_limit=ch.get("limit_high"), hysteresis=float(extra.get("hysteresis", 0.0)),
        alarm_delay_s=float(extra.get("alarm_delay_s", 0.0)),
        stale_after_s=float(extra.get("stale_after_s", 5.0)),
        decimals=int(extra.get("decimals", 2)))
    row = s.get(ChannelRow, key)
    if not ch.get("active", True):
        if row is not None:
            s.delete(row)
        return
    if row is None:
        row = ChannelRow(key=key, security=None, server_certificate=None)
        s.add(row)
    for field in ("endpoint", "node_id", "name_en", "name_ja", "unit", "display_min",
                  "display_max", "low_limit", "high_limit", "hysteresis", "alarm_delay_s",
                  "stale_after_s", "decimals"):
        setattr(row, field, getattr(config, field))


def _apply_conflict(s: Session, c: Mapping[str, Any]) -> None:
    cid = str(c["id"])
    row = s.get(SyncConflict, cid)
    if row is None:
        row = SyncConflict(conflict_id=cid, kind=str(c["kind"]), detected_at=str(c["created_at"]),
                           detail_json="{}", status="open")
        s.add(row)
    row.status = str(c.get("status", "open"))
    row.detail_json = json.dumps(c, ensure_ascii=False, sort_keys=True)
