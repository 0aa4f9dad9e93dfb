"""Command line of the Operator Console.

``operator-console`` starts the GUI; subcommands serve technicians working without it. Heavy
modules are imported inside the functions that need them so that the login window and quick
commands start fast.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path


def _data_dir_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, default=None,
        help="folder holding the station's database (default: the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="operator-console",
        description="Operator Console: cleanroom workstation for cell-therapy manufacturing.",
    )
    parser.add_argument("--demo", action="store_true",
                        help="start with a fresh demo data folder, demo users and simulator")
    parser.add_argument("--lang", choices=("ja", "en"), default=None,
                        help="language of the login screen (users' own choice applies after)")
    parser.add_argument("--idle-lock", type=int, default=None, metavar="SECONDS",
                        help="lock the screen after this many idle seconds")
    _data_dir_arg(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("seed-demo", help="create the demo users and data without a window")
    _data_dir_arg(p)

    p = sub.add_parser("audit", help="audit trail tools")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = audit_sub.add_parser("verify", help="re-compute the audit trail's hash chain")
    _data_dir_arg(v)

    p = sub.add_parser("records", help="list electronic records, export a batch record")
    rec_sub = p.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    r = rec_sub.add_parser("list", help="list records with their signatures")
    r.add_argument("--batch", default=None, help="only this batch")
    r.add_argument("--json", action="store_true", help="machine-readable JSON output")
    _data_dir_arg(r)
    r = rec_sub.add_parser("export", help="export a batch record as PDF (and JSON)")
    r.add_argument("--batch", required=True, help="the batch to export")
    r.add_argument("--pdf", type=Path, required=True, metavar="FILE", help="PDF file to write")
    r.add_argument("--json", type=Path, default=None, metavar="FILE",
                   help="also write the machine-readable export to this file")
    r.add_argument("--lang", choices=("ja", "en"), default="ja",
                   help="language of the PDF (default: ja)")
    _data_dir_arg(r)
    r = rec_sub.add_parser("report", help="the batch report (a certified copy) from this "
                           "station's data: PDF and its JSON twin")
    r.add_argument("--batch", required=True, help="the batch (made from a master recipe)")
    r.add_argument("--pdf", type=Path, required=True, metavar="FILE", help="PDF file to write")
    r.add_argument("--json", type=Path, required=True, metavar="FILE",
                   help="the JSON twin (the content whose SHA-256 every page carries)")
    r.add_argument("--lang", choices=("ja", "en"), default="ja",
                   help="the reader's language (default: ja)")
    _data_dir_arg(r)

    p = sub.add_parser("batch", help="the station's batches: steps, step records, exceptions")
    bat_sub = p.add_subparsers(dest="batch_command", metavar="ACTION", required=True)
    r = bat_sub.add_parser("list", help="list the station's batches and where each stands")
    r.add_argument("--json", action="store_true", help="machine-readable JSON output")
    _data_dir_arg(r)
    r = bat_sub.add_parser("show", help="one batch: recipe, steps with records, exceptions")
    r.add_argument("batch_id", metavar="ID", help="the batch ID, e.g. B-2026-0142")
    r.add_argument("--json", action="store_true", help="machine-readable JSON output")
    r.add_argument("--lang", choices=("ja", "en"), default="en",
                   help="language of the exceptions' sentences (default: en)")
    _data_dir_arg(r)

    p = sub.add_parser("screenshots", help="render every screen in Japanese and English to PNG")
    p.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    _data_dir_arg(p)

    p = sub.add_parser("config", help="show or change a station setting (audited)")
    p.add_argument("key", nargs="?", help="setting name; omit to list all settings")
    p.add_argument("value", nargs="?", help="new value; omit to show the current one")
    p.add_argument("--reason", default="", help="why, for the audit trail")
    _data_dir_arg(p)

    p = sub.add_parser("enroll", help="enroll this station with the plant server")
    p.add_argument("--server", required=True, help="plant server URL, e.g. http://plant:8700")
    p.add_argument("--code-stdin", action="store_true",
                   help="read the one-time enrollment code (plant-server add-station NAME "
                        "prints it) from standard input; default: prompt for it. It is never "
                        "taken from the command line, where every local user could see it")
    _data_dir_arg(p)

    p = sub.add_parser("sync", help="push waiting entries and pull master data")
    p.add_argument("--once", action="store_true", required=True,
                   help="sync once and exit (the GUI syncs continuously)")
    _data_dir_arg(p)

    p = sub.add_parser("review", help="QA review at the plant server (online)")
    review_sub = p.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    r = review_sub.add_parser("list", help="batches waiting for QA with their open items")
    r.add_argument("--json", action="store_true", help="as JSON")
    _data_dir_arg(r)

    p = sub.add_parser("self-test", help="check this installation headless (database, "
                       "translations, fonts, main window) and exit 0 when it works")
    p.add_argument("--verbose", action="store_true", help="print the traceback of a failure")

    sub.add_parser("scan-check", help="show what a barcode label says", add_help=False)
    sub.add_parser("simulate", help="run the OPC UA instrument simulator", add_help=False)
    return parser


def _fail(message: str, code: int = 1) -> int:
    print(f"operator-console: {message}", file=sys.stderr)
    return code


def _resolve_data_dir(arg: Path | None) -> Path:
    from operator_console.config import default_data_dir

    return (arg or default_data_dir()).expanduser().resolve()


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from operator_console.services import open_services

    services = open_services(_resolve_data_dir(args.data_dir))
    from operator_console.demo import seed_demo, seed_demo_records

    added = seed_demo(services.db, services.audit)
    services.close()
    services = open_services(_resolve_data_dir(args.data_dir))
    records = seed_demo_records(services)
    from operator_console.demo_cassettes import seed_demo_master_data

    seed_demo_master_data(services)
    from operator_console.demo_batches import seed_demo_batches

    seed_demo_batches(services)
    services.close()
    print(f"demo data ready in {services.db.data_dir} ({added} users added, "
          f"{records} records added)")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from operator_console.cli.audit_verify import run

    return run(_resolve_data_dir(args.data_dir))


def cmd_records(args: argparse.Namespace) -> int:
    from operator_console.cli.records import run

    return run(args, _resolve_data_dir(args.data_dir))


def cmd_batch(args: argparse.Namespace) -> int:
    from operator_console.cli.batches import run

    return run(args, _resolve_data_dir(args.data_dir))


def cmd_screenshots(args: argparse.Namespace) -> int:
    from operator_console.ui.shell.screenshots import write_screenshots

    files = write_screenshots(args.out, data_dir=args.data_dir)
    print(f"wrote {len(files)} screenshots to {args.out}")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from operator_console.services import open_services
    from operator_console.store.settings import DEFAULTS, get_setting, set_setting

    services = open_services(_resolve_data_dir(args.data_dir), keyring=True)
    try:
        if args.key is None:
            with services.db.read() as s:
                for key in DEFAULTS:
                    print(f"{key} = {get_setting(s, key)}")
            return 0
        if args.key not in DEFAULTS:
            return _fail(f"unknown setting {args.key!r}; known: {', '.join(DEFAULTS)}")
        if args.value is None:
            with services.db.read() as s:
                print(get_setting(s, args.key))
            return 0
        with services.db.transaction() as s:
            set_setting(s, services.audit, args.key, args.value, actor="technician",
                        reason=args.reason)
        print(f"{args.key} = {args.value}")
        return 0
    finally:
        services.close()


def cmd_enroll(args: argparse.Namespace) -> int:
    from operator_console.services import open_services
    from operator_console.sync.credentials import KeyringCredentialStore, KeyringUnavailableError
    from operator_console.sync.station import enroll

    _warn_if_plain_http(args.server)
    try:
        store = KeyringCredentialStore()
    except KeyringUnavailableError as exc:
        return _fail(f"cannot keep the station credential: {exc}")
    code = (sys.stdin.readline() if args.code_stdin
            else getpass.getpass("One-time enrollment code: ")).strip()
    if not code:
        return _fail("no enrollment code given")
    services = open_services(_resolve_data_dir(args.data_dir), keyring=True)
    try:
        station = enroll(services, args.server, code, store)
    finally:
        services.close()
    print(f"station {station} enrolled with {args.server}; credential kept in "
          f"{store.describe()}")
    return 0


def _warn_if_plain_http(url: str) -> None:
    from operator_console.sync.http import insecure_url

    if insecure_url(url):
        print(f"operator-console: WARNING: {url} is plain http to a non-loopback address: "
              "credentials, passwords and records cross the network unencrypted; use https",
              file=sys.stderr)


def cmd_sync(args: argparse.Namespace) -> int:
    from operator_console.services import open_services
    from operator_console.sync.credentials import KeyringCredentialStore, KeyringUnavailableError
    from operator_console.sync.engine import get_state
    from operator_console.sync.station import sync_once

    try:
        store = KeyringCredentialStore()
    except KeyringUnavailableError as exc:
        return _fail(f"cannot read the station credential: {exc}")
    services = open_services(_resolve_data_dir(args.data_dir), keyring=True)
    try:
        _warn_if_plain_http(get_state(services.db, "server_url") or "")
        print(sync_once(services, store))
    finally:
        services.close()
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from operator_console.cli.review import render, waiting_batches
    from operator_console.services import open_services
    from operator_console.sync.credentials import KeyringCredentialStore, KeyringUnavailableError
    from operator_console.sync.station import client_for

    try:
        store = KeyringCredentialStore()
    except KeyringUnavailableError as exc:
        return _fail(f"cannot read the station credential: {exc}")
    services = open_services(_resolve_data_dir(args.data_dir))
    try:
        client = client_for(services, store)
        try:
            print(render(waiting_batches(client), args.json))
        finally:
            client.close()
    finally:
        services.close()
    return 0


def cmd_self_test(args: argparse.Namespace) -> int:
    from operator_console.selftest import run_self_test

    return run_self_test(verbose=args.verbose)


def cmd_gui(args: argparse.Namespace) -> int:
    from operator_console.ui.shell.launcher import launch

    return launch(args)


PASSTHROUGH: dict[str, Callable[[list[str]], int]] = {}


def _passthrough(name: str, argv: list[str]) -> int:
    if name == "scan-check":
        from operator_console.cli.scan_check import run as scan_check

        return scan_check(argv)
    from operator_console.cli.simulate import run as simulate

    return simulate(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in ("scan-check", "simulate"):
        return _passthrough(args_list[0], args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        "seed-demo": cmd_seed_demo,
        "screenshots": cmd_screenshots,
        "config": cmd_config,
        "enroll": cmd_enroll,
        "sync": cmd_sync,
        "records": cmd_records,
        "batch": cmd_batch,
        "review": cmd_review,
        "self-test": cmd_self_test,
        None: cmd_gui,
    }
    try:
        if args.command == "audit":
            return cmd_audit_verify(args)
        return handlers[args.command](args)
    except KeyboardInterrupt:
        from operator_console.cli.messages import INTERRUPTED, tr

        return _fail(tr(INTERRUPTED), 130)
    except Exception as exc:  # one-line reason, non-zero exit
        if _disk_full(exc):
            from operator_console.cli.messages import DISK_FULL, tr

            return _fail(tr(DISK_FULL))
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return _fail(f"{type(exc).__name__}: {first}")


def _disk_full(exc: BaseException) -> bool:
    """SQLite's "database or disk is full", or an OS "no space left" (ENOSPC), however
    wrapped (SQLAlchemy keeps the original in ``orig`` / ``__cause__``)."""
    import errno

    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, OSError) and seen.errno == errno.ENOSPC:
            return True
        if "database or disk is full" in str(seen):
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__
    return False


if __name__ == "__main__":
    sys.exit(main())
