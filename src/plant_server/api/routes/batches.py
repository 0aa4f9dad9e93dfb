"""QA review and release of batches (stations and QA workstations, online): the batches
waiting for QA, one batch's review, and the signed acts, each re-authenticated here."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse

from plant_server.api import schemas
from plant_server.api.convert import conflict_out
from plant_server.api.deps import SessionDep, SettingsDep, StationDep
from plant_server.services import release
from plant_server.services.review import batch_review
from plant_server.services.review_conflicts import resolve_batch_conflict

router = APIRouter()
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorBody} for code in (401, 403, 404, 409)}
BatchId = Annotated[str, Path(min_length=1, max_length=64)]
RecordId = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/batches/review", responses=_ERRORS, response_model=schemas.WaitingBatches,
            summary="Batches waiting for QA, each with its state and open items")
def waiting(station: StationDep, session: SessionDep,
            settings: SettingsDep) -> schemas.WaitingBatches:
    del station
    return schemas.WaitingBatches(batches=[s.as_dict() for s in release.waiting_for_qa(
        session, settings.release_approvers)])


@router.get("/batches/{batch_id}/review", responses=_ERRORS,
            response_model=schemas.BatchReviewOut,
            summary="One batch's review: what needs judgement first, then everything else")
def review(batch_id: BatchId, station: StationDep, session: SessionDep,
           settings: SettingsDep) -> schemas.BatchReviewOut:
    del station
    return schemas.BatchReviewOut(**batch_review(session, batch_id,
                                                 settings.release_approvers).as_dict())


def _answer(outcome: release.ActOutcome) -> Any:
    if outcome.act is None or outcome.status is None:
        # The failed password check is kept (it counts to lockout): a normal answer.
        return JSONResponse({"detail": outcome.refusal or "bad_credentials",
                             "message": "the password was not accepted",
                             "attempts_left": outcome.attempts_left}, status_code=403)
    return schemas.ActAnswer(act=outcome.act.as_dict(), status=outcome.status.as_dict())


@router.post("/batches/{batch_id}/exceptions/{exception_id}/disposition",
             responses=_ERRORS, response_model=schemas.ActAnswer,
             summary="Disposition an exception with a signed reason")
def disposition(batch_id: BatchId, exception_id: RecordId, body: schemas.ActRequest,
                station: StationDep, session: SessionDep,
                settings: SettingsDep) -> Any:
    return _answer(release.disposition_exception(
        session, batch_id, exception_id, user_id=body.user_id, password=body.password,
        reason=body.reason, via=f"station:{station.name}",
        threshold=settings.lockout_threshold, approvals_needed=settings.release_approvers))


@router.post("/batches/{batch_id}/audit-review", responses=_ERRORS,
             response_model=schemas.ActAnswer,
             summary="Record the audit-trail review, signed 'reviewed'")
def audit_review(batch_id: BatchId, body: schemas.ActRequest, station: StationDep,
                 session: SessionDep, settings: SettingsDep) -> Any:
    return _answer(release.review_audit_trail(
        session, batch_id, user_id=body.user_id, password=body.password, reason=body.reason,
        via=f"station:{station.name}", threshold=settings.lockout_threshold,
        approvals_needed=settings.release_approvers))


@router.post("/batches/{batch_id}/decision", responses=_ERRORS,
             response_model=schemas.ActAnswer,
             summary="Release (through the gate), reject, hold or resume, signed 'approved'")
def decision(batch_id: BatchId, body: schemas.DecisionRequest, station: StationDep,
             session: SessionDep, settings: SettingsDep) -> Any:
    return _answer(release.decide_batch(
        session, batch_id, body.decision, user_id=body.user_id, password=body.password,
        reason=body.reason, via=f"station:{station.name}",
        threshold=settings.lockout_threshold, approvals_needed=settings.release_approvers))


@router.post("/batches/{batch_id}/conflicts/{conflict_id}/resolve", responses=_ERRORS,
             response_model=schemas.ConflictResolved,
             summary="Resolve a conflict of the batch from its review: the QA person's own "
                     "password, checked here")
def resolve_conflict(batch_id: BatchId, conflict_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
                     body: schemas.ActRequest, station: StationDep, session: SessionDep,
                     settings: SettingsDep) -> Any:
    outcome = resolve_batch_conflict(
        session, batch_id, conflict_id, user_id=body.user_id, password=body.password,
        resolution=body.reason, via=f"station:{station.name}",
        threshold=settings.lockout_threshold, approvals_needed=settings.release_approvers)
    if outcome.conflict is None or outcome.status is None:
        return JSONResponse({"detail": outcome.refusal or "bad_credentials",
                             "message": "the password was not accepted",
                             "attempts_left": outcome.attempts_left}, status_code=403)
    return schemas.ConflictResolved(conflict=conflict_out(outcome.conflict),
                                    status=outcome.status.as_dict())
