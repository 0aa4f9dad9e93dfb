"""Tables of master recipes and their approvals (the batch's pinned recipe is on
``models.Batch``). Registered on the one ``models.Base``; ``models`` imports this module so
that the metadata is always complete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from plant_server.models import HASH, TS, Base


class RecipeVersion(Base):
    """One version of a master recipe: its canonical content and where it stands.

    ``state``: ``draft`` (imported, waiting for two approvals), ``effective`` (the version
    batches are made from), ``superseded`` (a newer version became effective; still readable,
    batches pinned to it keep it). Content is never changed after import.
    """

    __tablename__ = "recipe_versions"
    __table_args__ = (UniqueConstraint("recipe_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipe_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    recipe_hash: Mapped[str] = mapped_column(HASH, unique=True)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), default="draft")
    imported_by: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[str] = mapped_column(TS)
    effective_at: Mapped[str | None] = mapped_column(TS)
    superseded_at: Mapped[str | None] = mapped_column(TS)
    change_seq: Mapped[int] = mapped_column(Integer, index=True)

    approvals: Mapped[list[RecipeApproval]] = relationship(
        back_populates="recipe", lazy="selectin", order_by="RecipeApproval.id")


class RecipeApproval(Base):
    """An 'approved' signature on a recipe version, its password checked by the server."""

    __tablename__ = "recipe_approvals"
    __table_args__ = (UniqueConstraint("recipe_version_id", "signer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipe_version_id: Mapped[int] = mapped_column(ForeignKey("recipe_versions.id"), index=True)
    signer_id: Mapped[str] = mapped_column(String(64))
    printed_name: Mapped[str] = mapped_column(String(200))
    meaning: Mapped[str] = mapped_column(String(16))
    signed_at: Mapped[str] = mapped_column(TS)
    signature_hash: Mapped[str] = mapped_column(HASH)

    recipe: Mapped[RecipeVersion] = relationship(back_populates="approvals")
