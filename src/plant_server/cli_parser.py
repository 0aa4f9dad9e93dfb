"""The argument parser of ``plant-server`` (kept apart from the command implementations)."""

from __future__ import annotations

import argparse
import getpass

from operator_console.domain.demo_data import DEMO_STATION
from plant_server.config import default_db_url
from plant_server.services.demo import DEMO_ENDPOINT


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", default=None,
                        help="SQLAlchemy database URL, e.g. postgresql+psycopg://user@host/db "
                             f"(default: $PLANT_SERVER_DB or {default_db_url()})")
    return common


def _admin(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    admin = argparse.ArgumentParser(add_help=False, parents=[common])
    admin.add_argument("--actor", default=f"admin:{_os_user()}",
                       help="who makes the change, for the audit trail (default: %(default)s)")
    admin.add_argument("--reason", default="", help="why, for the audit trail")
    return admin


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    from plant_server import cli

    parser = argparse.ArgumentParser(prog="plant-server", description="Operator Console "
                                     "plant server: HTTP API, master data, administration.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _common()
    admin = _admin(common)

    p = sub.add_parser("serve", parents=[common], help="run the HTTP server")
    p.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="TCP port (default 8700)")
    p.add_argument("--log-level", default="info",
                   choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="server processes over the same database (default 1; see the README "
                        "on sizing)")
    p.add_argument("--max-in-flight", type=int, default=None, metavar="N",
                   help="requests one process works on at once; more are answered 503 with "
                        "Retry-After (default 8; the process holds N + 2 connections)")
    p.set_defaults(func=cli.cmd_serve)

    p = sub.add_parser("init-demo", parents=[common],
                       help="seed the demo users and master data (idempotent)")
    p.add_argument("--station", default=DEMO_STATION, help="station owning the demo bays")
    p.add_argument("--endpoint", default=DEMO_ENDPOINT,
                   help="OPC UA endpoint of the demo instrument channels")
    p.add_argument("--no-batches", action="store_true",
                   help="without the demo recipe and its executed batches (three finished "
                   "batches waiting for or past QA, and a completed batch with its process "
                   "data)")
    p.set_defaults(func=cli.cmd_init_demo)

    p = sub.add_parser("add-station", parents=[admin],
                       help="register a station and print a one-time enrollment code")
    p.add_argument("name", help="station name, as the console knows itself")
    p.add_argument("--minutes", type=int, default=60, help="code lifetime (default 60)")
    p.set_defaults(func=cli.cmd_add_station)

    p = sub.add_parser("security-events", parents=[common],
                       help="list security events (forgeries refused, stations behind the "
                            "server) for QA, newest first")
    p.add_argument("--station", default=None, help="only this station's")
    p.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    p.set_defaults(func=cli.cmd_security_events)

    p = sub.add_parser("conflicts", parents=[common], help="list open conflicts")
    p.add_argument("--all", action="store_true", help="include resolved conflicts")
    p.set_defaults(func=cli.cmd_conflicts)

    user = sub.add_parser("user", help="administer users")
    actions = user.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("add", parents=[admin], help="add a user (password prompted)")
    a.add_argument("user_id")
    a.add_argument("--name", required=True, help="printed name, exactly as it is written")
    a.add_argument("--language", choices=["ja", "en"], default="ja")
    a.add_argument("--badge", default=None, help="badge code")
    a.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    a = actions.add_parser("disable", parents=[admin], help="disable an account (never delete)")
    a.add_argument("user_id")
    a = actions.add_parser("unlock", parents=[admin], help="unlock a locked account")
    a.add_argument("user_id")
    a = actions.add_parser("reset-password", parents=[admin],
                           help="set a temporary password that must be changed at next login")
    a.add_argument("user_id")
    a.add_argument("--password-stdin", action="store_true",
                   help="read the temporary password from stdin (default: generate one)")
    a = actions.add_parser("grant-role", parents=[admin], help="grant a role")
    a.add_argument("user_id")
    a.add_argument("role", choices=["operator", "verifier", "qa", "administrator"])
    a = actions.add_parser("grant-qualification", parents=[admin],
                           help="record a qualification (training) for a procedure")
    a.add_argument("user_id")
    a.add_argument("procedure", help="procedure code, e.g. CASSETTE-LOAD")
    a.add_argument("--from", dest="valid_from", type=cli._date, default=None,
                   help="valid from (ISO date/time, UTC if no zone; default now)")
    a.add_argument("--until", dest="valid_until", type=cli._date, default=None,
                   help="valid until, exclusive (ISO date/time)")
    a.add_argument("--days", type=int, default=None, help="valid for N days from --from")
    a = actions.add_parser("stations", parents=[admin],
                           help="set the stations where a user works (offline verifiers go "
                                "only there)")
    a.add_argument("user_id")
    where = a.add_mutually_exclusive_group(required=True)
    where.add_argument("--allow", metavar="NAMES", help="comma-separated station names")
    where.add_argument("--any", action="store_true", help="every station (verifiers still "
                       "only where the user has logged in online)")
    user.set_defaults(func=cli.cmd_user)

    station = sub.add_parser("station", help="revoke or rotate a station's credential")
    acts = station.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = acts.add_parser("revoke", parents=[admin], help="revoke the credential now")
    a.add_argument("name")
    a = acts.add_parser("rotate", parents=[admin], help="revoke the credential and print a "
                        "one-time code to enroll again")
    a.add_argument("name")
    a.add_argument("--minutes", type=int, default=60, help="code lifetime (default 60)")
    station.set_defaults(func=cli.cmd_station)

    p = sub.add_parser("audit", help="verify the audit chains")
    acts = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = acts.add_parser("verify", parents=[common],
                        help="verify the server's chain and every station's")
    p.set_defaults(func=cli.cmd_audit)

    from plant_server import cli_recipes

    cli_recipes.add_parsers(sub, common, admin)
    return parser
