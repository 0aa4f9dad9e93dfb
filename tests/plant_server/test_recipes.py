"""Master recipes at the plant server (SQLite and PostgreSQL): import as a draft, two
different QA approvals with server-checked passwords, effective with version and hash, a new
version supersedes the old (which stays readable); batches pinned by hash reach their station
with the next pull."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from operator_console.domain.recipes import RecipeError, recipe_from_data, recipe_hash
from operator_console.domain.recipes.demo import demo_recipe, demo_recipe_text
from plant_server.db import Database
from plant_server.models import Batch, ServerAudit, User
from plant_server.services import batches, recipes
from plant_server.services.common import ConflictError, ForbiddenError, ServiceError
from plant_server.services.users import create_user, grant_role
from tests.plant_server.helpers import StationClient

DEMO_HASH = recipe_hash(demo_recipe())


@pytest.fixture
def qa(database: Database, demo: None) -> None:
    """A second QA person besides the demo's qa01."""
    with database.transaction() as session:
        create_user(session, actor="admin", user_id="qa02", printed_name="Sarah Lee",
                    password="demo-qa02", language="en")
        grant_role(session, "qa02", "qa", actor="admin", reason="test")


def version_text(version: int, *, viability_low: float = 70) -> str:
    data: dict[str, Any] = json.loads(demo_recipe_text())
    data["version"] = version
    cell_count = next(s for s in data["steps"] if s["id"] == "CELL-COUNT")
    cell_count["fields"][1]["limits"]["low"] = viability_low
    return json.dumps(data, ensure_ascii=False)


def approve(database: Database, ident: str, user: str, password: str | None = None
            ) -> recipes.ApprovalOutcome:
    with database.transaction() as session:
        return recipes.approve_recipe(session, ident, user_id=user,
                                      password=password or f"demo-{user}", threshold=5)


def make_effective(database: Database, text: str) -> int:
    with database.transaction() as session:
        row_id = recipes.import_recipe(session, text, actor="admin:eng").id
    approve(database, str(row_id), "qa01")
    approve(database, str(row_id), "qa02")
    return row_id


def test_import_stores_a_draft_with_the_canonical_hash(database: Database, demo: None) -> None:
    with database.transaction() as session:
        row = recipes.import_recipe(session, demo_recipe_text(), actor="admin:eng")
        assert (row.recipe_id, row.version, row.state) == ("CART-CD19-AUTO", 1, "draft")
        assert row.recipe_hash == DEMO_HASH
        assert recipe_from_data(row.content) == demo_recipe()
    with database.transaction() as session, pytest.raises(ConflictError) as info:
        recipes.import_recipe(session, demo_recipe_text(), actor="admin:eng")
    assert info.value.code == "recipe_exists"
    with database.transaction() as session, pytest.raises(ConflictError) as info:
        recipes.import_recipe(session, version_text(1, viability_low=75), actor="admin:eng")
    assert info.value.code == "version_not_new"


def test_a_bad_file_is_refused_naming_line_and_field(database: Database) -> None:
    text = demo_recipe_text().replace('"duration_minutes": 3', '"duration_minutes": "3"')
    with database.transaction() as session, pytest.raises(RecipeError) as info:
        recipes.import_recipe(session, text, actor="admin:eng")
    line = text[:text.index('"duration_minutes": "3"')].count("\n") + 1
    assert str(info.value) == f"line {line}: steps[4].phase.duration_minutes: must be a number"


def test_two_different_qa_people_make_it_effective(database: Database, qa: None) -> None:
    with database.transaction() as session:
        row_id = recipes.import_recipe(session, demo_recipe_text(), actor="admin:eng").id
    first = approve(database, str(row_id), "qa01")
    assert first.approval is not None and first.row.state == "draft"
    with pytest.raises(ConflictError) as info:
        approve(database, str(row_id), "qa01")
    assert info.value.code == "same_person"
    with pytest.raises(ForbiddenError) as forbidden:
        approve(database, "CART-CD19-AUTO:1", "ver01")  # a verifier, not QA
    assert forbidden.value.code == "not_qa"
    second = approve(database, "CART-CD19-AUTO:1", "qa02")
    assert second.row.state == "effective" and second.row.effective_at
    with database.transaction() as session:
        row = recipes.get_recipe(session, "CART-CD19-AUTO")
        assert row.id == row_id and [a.signer_id for a in row.approvals] == ["qa01", "qa02"]
        assert {a.meaning for a in row.approvals} == {"approved"}
        assert len({a.signature_hash for a in row.approvals}) == 2
        events = [a.event for a in session.scalars(select(ServerAudit).order_by(
            ServerAudit.seq)) if a.event.startswith("recipe_")]
        assert events == ["recipe_imported", "recipe_approved", "recipe_approved",
                          "recipe_effective"]
    with pytest.raises(ConflictError) as info:
        approve(database, str(row_id), "qa01")
    assert info.value.code == "not_a_draft"


def test_a_wrong_password_approves_nothing_and_counts_to_lockout(database: Database,
                                                                 qa: None) -> None:
    with database.transaction() as session:
        row_id = recipes.import_recipe(session, demo_recipe_text(), actor="admin:eng").id
    outcome = approve(database, str(row_id), "qa01", "not-the-password")
    assert outcome.approval is None and outcome.refusal == "bad_credentials"
    assert outcome.attempts_left == 4
    with database.transaction() as session:
        user = session.get(User, "qa01")
        assert user is not None and user.failed_attempts == 1
        assert recipes.get_recipe(session, str(row_id)).approvals == []


def test_a_new_version_supersedes_the_old_which_stays_readable(database: Database,
                                                               qa: None) -> None:
    v1 = make_effective(database, demo_recipe_text())
    with database.transaction() as session:
        v2 = recipes.import_recipe(session, version_text(2, viability_low=75),
                                   actor="admin:eng").id
        assert recipes.get_recipe(session, "CART-CD19-AUTO").id == v1  # v2 is only a draft
    approve(database, str(v2), "qa02")
    approve(database, str(v2), "qa01")
    with database.transaction() as session:
        old, new = recipes.get_recipe(session, str(v1)), recipes.get_recipe(session, str(v2))
        assert (old.state, new.state) == ("superseded", "effective")
        assert old.superseded_at and recipes.recipe_of(old) == demo_recipe()
        assert recipes.get_recipe(session, "CART-CD19-AUTO").id == v2
        assert recipes.recipe_of(new).steps[8].fields[1].limits.low == 75  # type: ignore[union-attr]


def test_batches_are_made_only_from_the_effective_version(database: Database,
                                                          qa: None) -> None:
    from plant_server.services.stations import add_station

    with database.transaction() as session:
        add_station(session, "DEMO-STATION-01", actor="admin", minutes=60)
        recipes.import_recipe(session, demo_recipe_text(), actor="admin:eng")
        with pytest.raises(ConflictError) as info:
            batches.create_batch(session, recipe="CART-CD19-AUTO:1", patient_id="P-1",
                                 din="A999926100142", coi="CHA99992600142A",
                                 station="DEMO-STATION-01", actor="admin")
        assert info.value.code == "recipe_not_effective"
    make_effective_id = recipes_row_id(database)
    approve(database, str(make_effective_id), "qa01")
    approve(database, str(make_effective_id), "qa02")
    with database.transaction() as session:
        batch = batches.create_batch(session, recipe="CART-CD19-AUTO", patient_id="P-1",
                                     din="a999926100142", coi="CHA99992600142A",
                                     station="DEMO-STATION-01", actor="admin",
                                     batch_id="B-2026-0200")
        assert (batch.recipe_id, batch.recipe_version, batch.recipe_hash) == (
            "CART-CD19-AUTO", 1, DEMO_HASH)
        assert batch.din == "A999926100142"
        for bad, code in ((dict(din="A99992610014"), "bad_din"),
                          (dict(coi="XX123"), "bad_coi"),
                          (dict(station="NOWHERE"), "unknown_station"),
                          (dict(batch_id="B-2026-0200"), "batch_exists")):
            kwargs: dict[str, Any] = dict(recipe="CART-CD19-AUTO", patient_id="P-1",
                                          din="A999926100142", coi="CHA99992600142A",
                                          station="DEMO-STATION-01", actor="admin")
            kwargs.update(bad)
            with pytest.raises(ServiceError) as err:
                batches.create_batch(session, **kwargs)
            assert err.value.code == code


def recipes_row_id(database: Database) -> int:
    with database.transaction() as session:
        return recipes.get_recipe(session, "CART-CD19-AUTO:1").id


def test_the_batch_reaches_its_station_with_the_pinned_recipe(
        station: StationClient, database: Database, qa: None) -> None:
    cursor = station.pull(0)["next_cursor"]
    make_effective(database, demo_recipe_text())
    with database.transaction() as session:
        batches.create_batch(session, recipe="CART-CD19-AUTO", patient_id="P-0200",
                             din="A999926100142", coi="CHA99992600142A",
                             station="DEMO-STATION-01", actor="admin", batch_id="B-2026-0200")
    body = station.pull(cursor)
    assert [b["batch_id"] for b in body["batches"]] == ["B-2026-0200"]
    pinned = body["batches"][0]["recipe"]
    assert pinned == {"id": "CART-CD19-AUTO", "version": 1, "hash": DEMO_HASH}
    assert body["batches"][0]["station_name"] == "DEMO-STATION-01"
    [recipe] = body["recipes"]
    assert (recipe["recipe_id"], recipe["state"], recipe["hash"]) == (
        "CART-CD19-AUTO", "effective", DEMO_HASH)
    assert recipe_hash(recipe_from_data(recipe["content"])) == pinned["hash"]
    # Nothing new: nothing again.
    again = station.pull(body["next_cursor"])
    assert again["batches"] == [] and again["recipes"] == []


def test_another_stations_batch_and_drafts_stay_at_the_server(
        station: StationClient, database: Database, qa: None) -> None:
    from plant_server.services.stations import add_station

    make_effective(database, demo_recipe_text())
    with database.transaction() as session:
        add_station(session, "OTHER-STATION", actor="admin", minutes=60)
        batches.create_batch(session, recipe="CART-CD19-AUTO", patient_id="P-9",
                             din="A999926100142", coi="CHA99992600142A",
                             station="OTHER-STATION", actor="admin")
        recipes.import_recipe(session, version_text(2), actor="admin:eng")
        assert session.scalars(select(Batch).where(
            Batch.station_name == "OTHER-STATION")).first() is not None
    body = station.pull(0)
    assert all(b["station_name"] in (None, "DEMO-STATION-01") for b in body["batches"])
    assert [(r["version"], r["state"]) for r in body["recipes"]] == [(1, "effective")]
