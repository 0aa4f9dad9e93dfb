"""Master recipes at the plant server: import as a draft, approval by two different QA
people (signatures with meaning ``approved``, passwords checked here), then effective with
its version and the SHA-256 of its canonical content; the effective version before it is
superseded and stays readable. Content is never changed after import.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.canonical import content_hash
from operator_console.domain.people import Role
from operator_console.domain.recipes import (
    Recipe,
    parse_recipe,
    recipe_data,
    recipe_from_data,
    recipe_hash,
)
from operator_console.domain.records import Meaning
from plant_server.recipe_models import RecipeApproval, RecipeVersion
from plant_server.services.audit import audit
from plant_server.services.auth_check import check_credentials
from plant_server.services.common import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ServiceError,
    next_change_seq,
    now_iso,
    utcnow,
)
from plant_server.services.users import person_at

DRAFT, EFFECTIVE, SUPERSEDED = "draft", "effective", "superseded"
APPROVALS_NEEDED = 2
APPROVAL_SCHEMA = 1


def import_recipe(session: Session, text: str, *, actor: str, fmt: str | None = None,
                  reason: str = "") -> RecipeVersion:
    """Store a recipe file as a draft; its version must be above every stored version."""
    recipe = parse_recipe(text, fmt=fmt)  # RecipeError (a ValueError) names line and field
    digest = recipe_hash(recipe)
    if session.scalars(select(RecipeVersion).where(
            RecipeVersion.recipe_hash == digest)).first() is not None:
        raise ConflictError("recipe_exists", f"this recipe content is already stored "
                            f"({recipe.recipe_id} version {recipe.version})")
    highest = max((r.version for r in versions_of(session, recipe.recipe_id)), default=0)
    if recipe.version <= highest:
        raise ConflictError("version_not_new", f"{recipe.recipe_id} version {recipe.version} "
                            f"is not above the stored version {highest}; raise 'version'")
    row = RecipeVersion(recipe_id=recipe.recipe_id, version=recipe.version,
                        recipe_hash=digest, content=recipe_data(recipe), state=DRAFT,
                        imported_by=actor, imported_at=now_iso(),
                        change_seq=next_change_seq(session))
    session.add(row)
    session.flush()
    audit(session, actor=actor, event="recipe_imported", target=_target(row), reason=reason,
          new={"hash": digest, "steps": len(recipe.steps)})
    return row


def _target(row: RecipeVersion) -> str:
    return f"recipe:{row.recipe_id}:{row.version}"


def versions_of(session: Session, recipe_id: str) -> list[RecipeVersion]:
    return list(session.scalars(select(RecipeVersion).where(
        RecipeVersion.recipe_id == recipe_id).order_by(RecipeVersion.version)))


def list_recipes(session: Session) -> list[RecipeVersion]:
    return list(session.scalars(select(RecipeVersion).order_by(
        RecipeVersion.recipe_id, RecipeVersion.version)))


def get_recipe(session: Session, ident: str) -> RecipeVersion:
    """By row number (``7``), ``RECIPE_ID:VERSION``, or ``RECIPE_ID`` (its effective
    version)."""
    row: RecipeVersion | None
    if ident.isdigit():
        row = session.get(RecipeVersion, int(ident))
    elif ":" in ident:
        rid, _, version = ident.rpartition(":")
        row = session.scalars(select(RecipeVersion).where(
            RecipeVersion.recipe_id == rid, RecipeVersion.version == _int(version))).first()
    else:
        row = session.scalars(select(RecipeVersion).where(
            RecipeVersion.recipe_id == ident, RecipeVersion.state == EFFECTIVE)).first()
    if row is None:
        raise NotFoundError("unknown_recipe", f"no recipe {ident!r} (give the row number, "
                            "RECIPE_ID:VERSION, or the ID of an effective recipe)")
    return row


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError as exc:
        raise NotFoundError("unknown_recipe", f"{text!r} is not a version number") from exc


def recipe_of(row: RecipeVersion) -> Recipe:
    """The stored recipe, re-validated, its hash checked against the stored hash."""
    recipe = recipe_from_data(row.content)
    if recipe_hash(recipe) != row.recipe_hash:
        raise ServiceError("recipe_hash_mismatch", f"stored content of {_target(row)} no "
                           "longer matches its hash; inform QA")
    return recipe


@dataclass(frozen=True)
class ApprovalOutcome:
    """``refusal`` is a password-check code (the failed attempt is committed, like any)."""

    row: RecipeVersion
    approval: RecipeApproval | None
    refusal: str | None = None
    attempts_left: int | None = None


def approve_recipe(session: Session, ident: str, *, user_id: str, password: str,
                   threshold: int, station: str = "plant-server-cli") -> ApprovalOutcome:
    """One 'approved' signature on a draft. The second, by a different QA person, makes the
    version effective and supersedes the effective version before it."""
    row = get_recipe(session, ident)
    if row.state != DRAFT:
        raise ConflictError("not_a_draft", f"{_target(row)} is {row.state}; only a draft is "
                            "approved")
    outcome = check_credentials(session, user_id=user_id, password=password,
                                purpose="recipe_approval", station=station,
                                threshold=threshold)
    if not outcome.ok or outcome.user is None:
        return ApprovalOutcome(row, None, outcome.refusal, outcome.attempts_left)
    user, now = outcome.user, utcnow()
    person = person_at(user, now)
    if not person.has_role(Role.QA):
        raise ForbiddenError("not_qa", f"{user.user_id} does not hold the QA role; only QA "
                             "approves a master recipe")
    if any(a.signer_id == user.user_id for a in row.approvals):
        raise ConflictError("same_person", f"{user.user_id} has already approved "
                            f"{_target(row)}; a different person must approve it")
    newer = [r for r in versions_of(session, row.recipe_id)
             if r.version > row.version and r.state != DRAFT]
    if newer:
        raise ConflictError("newer_version_effective", f"{row.recipe_id} version "
                            f"{newer[-1].version} is already effective")
    signed_at = now_iso()
    payload = {"schema": APPROVAL_SCHEMA, "recipe_id": row.recipe_id, "version": row.version,
               "recipe_hash": row.recipe_hash, "signer_id": user.user_id,
               "printed_name": user.printed_name, "meaning": Meaning.APPROVED.value,
               "signed_at": signed_at}
    approval = RecipeApproval(signer_id=user.user_id, printed_name=user.printed_name,
                              meaning=Meaning.APPROVED.value, signed_at=signed_at,
                              signature_hash=content_hash(payload))
    row.approvals.append(approval)
    audit(session, actor=user.user_id, event="recipe_approved", target=_target(row),
          new={"hash": row.recipe_hash, "approvals": len(row.approvals)})
    if len(row.approvals) >= APPROVALS_NEEDED:
        _make_effective(session, row, actor=user.user_id)
    session.flush()
    return ApprovalOutcome(row, approval)


def _make_effective(session: Session, row: RecipeVersion, *, actor: str) -> None:
    now = now_iso()
    for old in versions_of(session, row.recipe_id):
        if old.state == EFFECTIVE:
            old.state, old.superseded_at = SUPERSEDED, now
            old.change_seq = next_change_seq(session)
            audit(session, actor=actor, event="recipe_superseded", target=_target(old),
                  new={"by_version": row.version})
    row.state, row.effective_at = EFFECTIVE, now
    row.change_seq = next_change_seq(session)
    audit(session, actor=actor, event="recipe_effective", target=_target(row),
          new={"hash": row.recipe_hash})


def recipe_summary(row: RecipeVersion) -> dict[str, object]:
    """The JSON form ``recipe list/show --json`` and the pull use (content left out)."""
    return {
        "row": row.id, "recipe_id": row.recipe_id, "version": row.version,
        "hash": row.recipe_hash, "state": row.state, "imported_by": row.imported_by,
        "imported_at": row.imported_at, "effective_at": row.effective_at,
        "superseded_at": row.superseded_at,
        "approvals": [{"signer_id": a.signer_id, "printed_name": a.printed_name,
                       "meaning": a.meaning, "signed_at": a.signed_at} for a in row.approvals],
    }
