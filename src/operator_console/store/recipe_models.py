"""Master recipes as pulled from the plant server, and the recipe each batch is pinned to.

A recipe version is stored under its hash with its canonical content, checked against that
hash when it arrives (``store.recipes``), so a station executes its batches offline against
exactly the approved version. Master data, not records: the plant server is the authority.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from operator_console.store.models import Base


class RecipeRow(Base):
    __tablename__ = "recipes"

    recipe_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    recipe_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))  # effective | superseded
    effective_at: Mapped[str | None] = mapped_column(String(32))
    superseded_at: Mapped[str | None] = mapped_column(String(32))
    content_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[str] = mapped_column(String(32))


class BatchRecipeRow(Base):
    """The recipe version a batch is made from (by hash) and the station that runs it."""

    __tablename__ = "batch_recipes"

    batch_id: Mapped[str] = mapped_column(ForeignKey("batches.batch_id"), primary_key=True)
    recipe_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    recipe_hash: Mapped[str] = mapped_column(String(64), index=True)
    station: Mapped[str | None] = mapped_column(String(64))
    #: The lifecycle the plant server holds (``domain.batch_release.lifecycle``); None until
    #: a server that knows it answered.
    state: Mapped[str | None] = mapped_column(String(24))
    #: Exceptions (record IDs) QA dispositioned at the plant server, as a JSON list.
    dispositioned_json: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
