"""Storing pulled master recipes (each checked against its hash on arrival) and the recipe
each batch is pinned to; reading them back as domain objects for the step state machine."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from operator_console.domain.recipes import Recipe, RecipeRef, recipe_from_data, recipe_hash
from operator_console.store.recipe_models import BatchRecipeRow, RecipeRow


class RecipeHashMismatchError(ValueError):
    """A pulled recipe whose content does not give the hash it came with: refused."""


def put_recipe(session: Session, pulled: Mapping[str, Any], *, received_at: str) -> Recipe:
    """Store (or update the state of) one pulled recipe version; its content must validate
    and give exactly its stated hash, or nothing of the pull is applied."""
    content = pulled["content"]
    recipe = recipe_from_data(content)
    digest = recipe_hash(recipe)
    if digest != pulled["hash"] or recipe.recipe_id != pulled["recipe_id"] \
            or recipe.version != pulled["version"]:
        raise RecipeHashMismatchError(
            f"recipe {pulled.get('recipe_id')} version {pulled.get('version')}: its content "
            f"gives hash {digest}, not {pulled.get('hash')}; refused")
    row = session.get(RecipeRow, digest)
    if row is None:
        row = RecipeRow(recipe_hash=digest, recipe_id=recipe.recipe_id,
                        version=recipe.version, received_at=received_at,
                        content_json=json.dumps(content, ensure_ascii=False, sort_keys=True))
        session.add(row)
    row.state = str(pulled["state"])
    row.effective_at, row.superseded_at = pulled.get("effective_at"), pulled.get(
        "superseded_at")
    session.flush()
    return recipe


def pin_batch(session: Session, batch_id: str, ref: Mapping[str, Any], station: str | None,
              *, state: str | None = None, dispositioned: list[str] | None = None) -> None:
    """Record the recipe version (by hash) a pulled batch is made from, with the lifecycle
    state the server holds and the exceptions QA dispositioned there."""
    row = session.get(BatchRecipeRow, batch_id) or BatchRecipeRow(batch_id=batch_id)
    row.recipe_id, row.version = str(ref["id"]), int(ref["version"])
    row.recipe_hash, row.station = str(ref["hash"]), station
    if state is not None:
        row.state = state
    if dispositioned is not None:
        row.dispositioned_json = json.dumps(sorted(set(dispositioned)))
    session.add(row)
    session.flush()


@dataclass(frozen=True)
class PinnedBatch:
    batch_id: str
    ref: RecipeRef
    station: str | None
    recipe: Recipe | None  # None while the pinned version has not arrived
    recipe_state: str | None  # effective | superseded
    state: str | None = None  # the batch's lifecycle at the plant server
    dispositioned: tuple[str, ...] = ()  # exceptions QA closed at the plant server


@lru_cache(maxsize=32)
def _rebuilt(content_json: str) -> tuple[Recipe, str]:
    """The recipe a stored content gives, and its hash (the same text always gives the
    same answer: kept, so reading a batch's progress does not re-hash its recipe)."""
    recipe = recipe_from_data(json.loads(content_json))
    return recipe, recipe_hash(recipe)


def recipe_by_hash(session: Session, digest: str) -> Recipe | None:
    row = session.get(RecipeRow, digest)
    if row is None:
        return None
    recipe, actual = _rebuilt(row.content_json)
    if actual != digest:  # the local file was edited
        raise RecipeHashMismatchError(f"stored recipe {digest} no longer matches its hash")
    return recipe


def stored_recipes(session: Session) -> list[Recipe]:
    """Every recipe version the station holds (as pulled, each rebuilt once and cached);
    a stored one that no longer gives its hash is left out (its batches refuse to run)."""
    out = []
    for row in session.scalars(select(RecipeRow)):
        recipe, actual = _rebuilt(row.content_json)
        if actual == row.recipe_hash:
            out.append(recipe)
    return out


def pinned_batches(session: Session, station: str | None = None) -> list[PinnedBatch]:
    """Batches made from a recipe (this ``station``'s, or all), with their recipe."""
    query = select(BatchRecipeRow).order_by(BatchRecipeRow.batch_id)
    if station is not None:
        query = query.where(BatchRecipeRow.station == station)
    out = []
    for row in session.scalars(query):
        recipe_row = session.get(RecipeRow, row.recipe_hash)
        out.append(PinnedBatch(row.batch_id, RecipeRef(row.recipe_id, row.version,
                                                       row.recipe_hash), row.station,
                               recipe_by_hash(session, row.recipe_hash),
                               recipe_row.state if recipe_row else None, row.state,
                               tuple(json.loads(row.dispositioned_json or "[]"))))
    return out
