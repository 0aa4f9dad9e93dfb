"""Online password checks (login and re-authentication for signing)."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter

from operator_console.domain.manifestation import format_utc_iso
from operator_console.domain.records import Meaning
from plant_server.api import schemas
from plant_server.api.convert import user_out
from plant_server.api.deps import SessionDep, SettingsDep, StationDep
from plant_server.services.auth_check import AuthOutcome, change_password, check_credentials
from plant_server.services.common import utcnow
from plant_server.services.entries.proofs import issue_proof
from plant_server.services.pull import allowed_at, record_issues

router = APIRouter()


@router.post("/auth/check", response_model=schemas.AuthCheckResponse,
             responses={401: {"model": schemas.ErrorBody}},
             summary="Check a password; the server owns lockout and disabled state")
def auth_check(body: schemas.AuthCheckRequest, station: StationDep, session: SessionDep,
               settings: SettingsDep) -> schemas.AuthCheckResponse:
    outcome = check_credentials(session, user_id=body.user_id, password=body.password,
                                purpose=body.purpose, station=station.name,
                                threshold=settings.lockout_threshold)
    proof = None
    if outcome.ok and outcome.user is not None and body.content_hash and body.meaning:
        proof = issue_proof(session, user=outcome.user, station=station,
                            content_hash=body.content_hash, meaning=Meaning(body.meaning),
                            lifetime_s=settings.signing_proof_seconds).proof_id
    verifier = None
    if outcome.ok and outcome.user is not None and allowed_at(outcome.user, station.name):
        expiry = format_utc_iso(utcnow() + timedelta(hours=settings.verifier_grace_hours))
        record_issues(session, station, [outcome.user], expiry, first_pull=False)
        verifier = schemas.OfflineVerifier(user_id=outcome.user.user_id,
                                           offline_verifier=outcome.user.offline_verifier,
                                           verifier_expires_at=expiry)
    return _response(outcome, proof, verifier)


@router.post("/auth/change-password", response_model=schemas.AuthCheckResponse,
             responses={401: {"model": schemas.ErrorBody}},
             summary="A user changes their own password (clears a forced change)")
def auth_change_password(body: schemas.ChangePasswordRequest, station: StationDep,
                         session: SessionDep,
                         settings: SettingsDep) -> schemas.AuthCheckResponse:
    outcome = change_password(session, user_id=body.user_id, old_password=body.old_password,
                              new_password=body.new_password, station=station.name,
                              threshold=settings.lockout_threshold)
    return _response(outcome)


def _response(outcome: AuthOutcome, proof: str | None = None,
              verifier: schemas.OfflineVerifier | None = None) -> schemas.AuthCheckResponse:
    return schemas.AuthCheckResponse(
        ok=outcome.ok, refusal=outcome.refusal,  # type: ignore[arg-type]
        attempts_left=outcome.attempts_left,
        user=user_out(outcome.user) if outcome.user is not None else None,
        signing_proof=proof, offline_verifier=verifier)
