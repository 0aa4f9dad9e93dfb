"""QA's signed acts on a batch (``services.release``): exception dispositions, the
audit-trail review, and the decisions (release, reject, hold, resume). Append-only; each
row's ``content_json`` is the canonical object ``domain.batch_release.acts.act_content``
made, and ``content_hash`` its SHA-256, which the signature covers."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from plant_server.models import HASH, TS, Base


class BatchAct(Base):
    __tablename__ = "batch_acts"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("batches.batch_id"), index=True)
    act: Mapped[str] = mapped_column(String(24))  # disposition | audit_review | decision
    #: The exception's record ID, ``audit_trail``, or the decision (``release``...).
    target: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    state_before: Mapped[str] = mapped_column(String(24))
    state_after: Mapped[str] = mapped_column(String(24))
    signer_id: Mapped[str] = mapped_column(String(64))
    printed_name: Mapped[str] = mapped_column(String(200))
    meaning: Mapped[str] = mapped_column(String(16))
    signed_at: Mapped[str] = mapped_column(TS)
    via: Mapped[str] = mapped_column(String(80))  # station:<name> | plant-server-cli
    content_json: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(HASH)
