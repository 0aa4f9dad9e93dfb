"""``plant-server`` command line: serve, seed demo data, administer users and stations.

Every subcommand takes ``--db URL`` (a SQLAlchemy URL; default: the SQLite file in the
platform data folder, or ``$PLANT_SERVER_DB``) and has ``--help``. Exit status 0 on success;
otherwise 1 (2 for usage errors) with one line ``plant-server: error: <reason>`` on stderr.
Administrative changes are written to the server's audit trail with ``--actor`` as the actor.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import secrets
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from plant_server.config import Settings
from plant_server.db import Database
from plant_server.models import SecurityEvent
from plant_server.services import stations, users
from plant_server.services.conflicts import list_conflicts
from plant_server.services.demo import init_demo
from plant_server.services.stations import add_station


class CliError(Exception):
    """A one-line reason for a non-zero exit."""


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(db_url=args.db, host=getattr(args, "host", None),
                             port=getattr(args, "port", None),
                             workers=getattr(args, "workers", None),
                             max_in_flight=getattr(args, "max_in_flight", None))


def _in_transaction(args: argparse.Namespace, work: Callable[[Session], str]) -> int:
    database = Database(_settings(args).db_url)
    try:
        with database.transaction() as session:
            message = work(session)
    finally:
        database.dispose()
    if message:
        print(message)
    return 0


def _read_password(args: argparse.Namespace, prompt: str) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(prompt)
        if getpass.getpass("Repeat: ") != password:
            raise CliError("the passwords do not match")
    if len(password) < 8:
        raise CliError("a password needs at least 8 characters")
    return password


def _date(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date/time: {text!r}") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


#: ``PLANT_SERVER_LOG_FILE``: write the server's log there, rotated by size (at most
#: ``LOG_BACKUPS + 1`` files of ``LOG_MAX_BYTES``) instead of to the terminal.
LOG_MAX_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 5


def setup_server_logging(path: str, level: str, *, max_bytes: int = LOG_MAX_BYTES,
                         backups: int = LOG_BACKUPS) -> logging.Handler:
    """The server's log into ``path``, rotated with a bounded total; uvicorn's loggers go
    there too (its access log per request only at debug level)."""
    from logging.handlers import RotatingFileHandler

    handler = RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    if level.lower() != "debug":
        logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
    return handler


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from plant_server.api.app import create_app

    settings = _settings(args)
    log_file = os.environ.get("PLANT_SERVER_LOG_FILE")
    options: dict[str, object] = {}
    if log_file:
        setup_server_logging(log_file, args.log_level)
        options["log_config"] = None  # keep the rotating handler set up above
    if settings.workers <= 1:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                    log_level=args.log_level, **options)  # type: ignore[arg-type]
        return 0
    # Several processes over one database: migrate once here, then each worker builds its
    # app from the environment (plant_server.api.asgi).
    Database(settings.db_url).dispose()
    os.environ.update({"PLANT_SERVER_DB": settings.db_url,
                       "PLANT_SERVER_MAX_IN_FLIGHT": str(settings.max_in_flight),
                       "PLANT_SERVER_LOCKOUT_THRESHOLD": str(settings.lockout_threshold)})
    uvicorn.run("plant_server.api.asgi:create_worker_app", factory=True, host=settings.host,
                port=settings.port, workers=settings.workers, log_level=args.log_level,
                **options)  # type: ignore[arg-type]
    return 0


def cmd_init_demo(args: argparse.Namespace) -> int:
    def seed(session: Session) -> str:
        added = init_demo(session, station=args.station, endpoint=args.endpoint,
                          batches=not args.no_batches)
        if not args.no_batches:
            # The console's recipe-run demo batches (fresh, midway, blocked), pinned to
            # the demo recipe for the station (services.demo_batches).
            from plant_server.services.demo_batches import init_demo_batches

            init_demo_batches(session, station=args.station)
        return f"demo data ready ({added} users added)"
    return _in_transaction(args, seed)


def cmd_add_station(args: argparse.Namespace) -> int:
    def work(session: Session) -> str:
        station, code = add_station(session, args.name, actor=args.actor, minutes=args.minutes)
        return (f"station {station.name}: one-time enrollment code {code} "
                f"(valid {args.minutes} minutes)")
    return _in_transaction(args, work)


def cmd_conflicts(args: argparse.Namespace) -> int:
    def work(session: Session) -> str:
        rows = list_conflicts(session, status=None if args.all else "open")
        lines = [f"{r.id}\t{r.status}\t{r.created_at}\t{r.kind}\t{r.station_name}"
                 f"\t{r.summary}" for r in rows]
        return "\n".join(lines) if lines else "no open conflicts" if not args.all \
            else "no conflicts"
    return _in_transaction(args, work)


def cmd_security_events(args: argparse.Namespace) -> int:
    def work(session: Session) -> str:
        stmt = select(SecurityEvent).order_by(SecurityEvent.id.desc()).limit(args.limit)
        if args.station:
            stmt = stmt.where(SecurityEvent.station_name == args.station)
        lines = [f"{e.id}\t{e.ts}\t{e.kind}\t{e.station_name or '-'}\t{e.entry_id or '-'}"
                 for e in session.scalars(stmt)]
        return "\n".join(lines) if lines else "no security events"
    return _in_transaction(args, work)


def cmd_user(args: argparse.Namespace) -> int:
    actor, reason = args.actor, args.reason
    if args.action == "add":
        password = _read_password(args, f"Password for {args.user_id}: ")
        return _in_transaction(args, lambda s: "added user " + users.create_user(
            s, actor=actor, user_id=args.user_id, printed_name=args.name, password=password,
            language=args.language, badge_code=args.badge, reason=reason).user_id)
    if args.action == "reset-password":
        temporary = (_read_password(args, "Temporary password: ") if args.password_stdin
                     else secrets.token_urlsafe(9))
        shown = "" if args.password_stdin else f"temporary password: {temporary}; "

        def reset(session: Session) -> str:
            user = users.reset_password(session, args.user_id, temporary, actor=actor,
                                        reason=reason)
            return f"password of {user.user_id} reset; {shown}it must be changed at next login"
        return _in_transaction(args, reset)
    if args.action == "disable":
        return _in_transaction(args, lambda s: "disabled " + users.disable_user(
            s, args.user_id, actor=actor, reason=reason).user_id)
    if args.action == "unlock":
        return _in_transaction(args, lambda s: "unlocked " + users.unlock_user(
            s, args.user_id, actor=actor, reason=reason).user_id)
    if args.action == "grant-role":
        return _in_transaction(args, lambda s: "granted " + users.grant_role(
            s, args.user_id, args.role, actor=actor, reason=reason).role + f" to {args.user_id}")
    if args.action == "stations":
        names = None if args.any else [n for n in args.allow.split(",") if n.strip()]

        def place(session: Session) -> str:
            user = users.set_allowed_stations(session, args.user_id, names, actor=actor,
                                              reason=reason)
            where = "any" if user.allowed_stations is None else ", ".join(user.allowed_stations)
            return f"stations of {user.user_id}: {where}"
        return _in_transaction(args, place)
    start = args.valid_from or datetime.now(UTC)
    until = args.valid_until or (start + timedelta(days=args.days) if args.days else None)
    return _in_transaction(args, lambda s: "granted qualification " + users.grant_qualification(
        s, args.user_id, args.procedure, actor=actor, reason=reason, valid_from=start,
        valid_until=until).procedure + f" to {args.user_id}")


def cmd_station(args: argparse.Namespace) -> int:
    if args.action == "revoke":
        return _in_transaction(args, lambda s: "revoked the credential of station " +
                               stations.revoke_station(s, args.name, actor=args.actor,
                                                       reason=args.reason).name)

    def rotate(session: Session) -> str:
        station, code = stations.rotate_station(session, args.name, actor=args.actor,
                                                reason=args.reason, minutes=args.minutes)
        return (f"station {station.name}: credential revoked; one-time enrollment code {code} "
                f"(valid {args.minutes} minutes) to enroll again")
    return _in_transaction(args, rotate)


def cmd_audit(args: argparse.Namespace) -> int:
    from plant_server.services.verify import verify_all

    database = Database(_settings(args).db_url)
    try:
        with database.transaction() as session:
            report = verify_all(session)
    finally:
        database.dispose()
    for line in report.lines:
        print(line)
    if not report.ok:
        raise CliError(f"audit verification failed: {report.problems} problem(s)")
    return 0
