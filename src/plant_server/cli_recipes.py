"""``plant-server recipe import|approve|list|show`` and ``plant-server batch
create|list|show``. A password is read from a prompt or, with ``--password-stdin``, from the
first line of standard input; never from the command line."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from plant_server.cli import CliError, _in_transaction, _settings
from plant_server.cli_report import add_report_parser
from plant_server.db import Database
from plant_server.models import Batch
from plant_server.recipe_models import RecipeVersion
from plant_server.services import batches, recipes, release


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _recipe_line(row: RecipeVersion) -> str:
    return (f"{row.id}\t{row.recipe_id}\tv{row.version}\t{row.state}\t"
            f"{len(row.approvals)}/{recipes.APPROVALS_NEEDED} approvals\t{row.recipe_hash}")


def _read_file(path: str) -> tuple[str, str | None]:
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc
    suffix = file.suffix.lower()
    return text, "json" if suffix == ".json" else "yaml" if suffix in (".yaml", ".yml") \
        else None


def cmd_recipe(args: argparse.Namespace) -> int:
    if args.action == "import":
        text, fmt = _read_file(args.file)
        return _in_transaction(args, lambda s: "imported draft " + _recipe_line(
            recipes.import_recipe(s, text, actor=args.actor, fmt=fmt, reason=args.reason)))
    if args.action == "approve":
        return _approve(args)
    if args.action == "list":
        def listing(session: Session) -> str:
            rows = recipes.list_recipes(session)
            if args.json:
                return _dump([recipes.recipe_summary(r) for r in rows])
            return "\n".join(_recipe_line(r) for r in rows) or "no recipes"
        return _in_transaction(args, listing)

    def show(session: Session) -> str:
        row = recipes.get_recipe(session, args.ident)
        recipe = recipes.recipe_of(row)
        if args.json:
            return _dump({**recipes.recipe_summary(row), "content": row.content})
        lines = [_recipe_line(row), f"{recipe.name.en} / {recipe.name.ja}"]
        lines += ["\t".join(["", s.step_id, s.step_type.value, s.signature.policy.value,
                             s.parallel_group or "-", s.name.en]) for s in recipe.steps]
        lines += [f"  approved by {a.signer_id} ({a.printed_name}) at {a.signed_at}"
                  for a in row.approvals]
        return "\n".join(lines)
    return _in_transaction(args, show)


def _approve(args: argparse.Namespace) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {args.user} (approving): ")
    settings = _settings(args)
    database = Database(settings.db_url)
    try:
        # The check's outcome (a failed attempt counts to lockout) is committed either way.
        with database.transaction() as session:
            outcome = recipes.approve_recipe(session, args.ident, user_id=args.user,
                                             password=password,
                                             threshold=settings.lockout_threshold)
            line = _recipe_line(outcome.row)
    finally:
        database.dispose()
    if outcome.refusal is not None:
        left = "" if outcome.attempts_left is None else \
            f" ({outcome.attempts_left} attempts left)"
        raise CliError(f"not approved: {outcome.refusal}{left}")
    print(f"approved by {args.user}: {line}")
    return 0


def _batch_line(batch: Batch) -> str:
    pinned = (f"{batch.recipe_id} v{batch.recipe_version} {batch.recipe_hash}"
              if batch.recipe_id else "no recipe")
    return (f"{batch.batch_id}\t{batch.state}\t{batch.station_name or '-'}\t"
            f"{batch.patient_id}\t{pinned}")


def cmd_batch(args: argparse.Namespace) -> int:
    if args.action == "report":
        from plant_server.cli_report import cmd_report

        return cmd_report(args)
    if args.action == "create":
        return _in_transaction(args, lambda s: "created " + _batch_line(batches.create_batch(
            s, recipe=args.recipe, patient_id=args.patient, din=args.din, coi=args.coi,
            station=args.station, actor=args.actor, batch_id=args.batch_id,
            reason=args.reason)))
    if args.action in DECISIONS:
        return _decide(args)
    approvers = _settings(args).release_approvers
    if args.action == "list":
        def listing(session: Session) -> str:
            rows = batches.list_batches(session, args.station)
            if args.json:
                return _dump([{**batches.batch_summary(b), **_gate_json(session, b, approvers)}
                              for b in rows])
            return "\n".join(_batch_line(b) for b in rows) or "no batches"
        return _in_transaction(args, listing)

    def show(session: Session) -> str:
        batch = batches.get_batch(session, args.batch_id)
        summary: dict[str, Any] = {**batches.batch_summary(batch),
                                   **_gate_json(session, batch, approvers)}
        if args.json:
            return _dump(summary)
        lines = [f"{k}: {v}" for k, v in summary.items() if k not in ("open_items",
                                                                      "disposition")]
        lines += [f"open: {i['kind']}: {i['reason']}" for i in summary["open_items"]]
        if summary["disposition"]:
            d = summary["disposition"]
            lines.append(f"disposition: {d['target']} by {d['signer_id']} ({d['printed_name']})"
                         f" at {d['signed_at']}: {d['reason']}")
        return "\n".join(lines)
    return _in_transaction(args, show)


DECISIONS = ("release", "reject", "hold", "resume")


def _gate_json(session: Session, batch: Batch, approvers: int) -> dict[str, object]:
    status = release.batch_status(session, batch, approvers) if batch.recipe_hash else None
    if status is None:
        return {"open_items": [], "disposition": None, "waiting_seconds": None}
    out = status.as_dict()
    return {k: out[k] for k in ("state", "open_items", "disposition", "waiting_seconds",
                                "approvals_needed", "approvals")}


def _decide(args: argparse.Namespace) -> int:
    """Release (through the gate), reject, hold or resume, re-authenticated: the QA person's
    password from a prompt or stdin, checked like any (failures count to lockout)."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {args.user} ({args.action}): ")
    settings = _settings(args)
    database = Database(settings.db_url)
    try:
        with database.transaction() as session:
            outcome = release.decide_batch(
                session, args.batch_id, args.action, user_id=args.user, password=password,
                reason=args.reason, via="plant-server-cli",
                threshold=settings.lockout_threshold,
                approvals_needed=settings.release_approvers)
    except release.GateRefusedError as exc:
        lines = "\n".join(f"  {i.kind.value}: {i.reason}" for i in exc.items)
        raise CliError(f"release refused, {len(exc.items)} open item(s):\n{lines}") from exc
    finally:
        database.dispose()
    if outcome.refusal is not None or outcome.status is None:
        left = "" if outcome.attempts_left is None else \
            f" ({outcome.attempts_left} attempts left)"
        raise CliError(f"not {args.action}d: {outcome.refusal}{left}")
    print(f"{args.batch_id}: {args.action} signed by {args.user}; state "
          f"{outcome.status.state}")
    return 0


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser, admin: argparse.ArgumentParser) -> None:
    recipe = sub.add_parser("recipe", help="master recipes: import, approve, list, show")
    actions = recipe.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("import", parents=[admin], help="store a recipe file (JSON or "
                           "YAML) as a draft")
    a.add_argument("file", help="the recipe file (.json, .yaml or .yml)")
    a = actions.add_parser("approve", parents=[common], help="approve a draft as a QA person "
                           "(two different people make it effective)")
    a.add_argument("ident", metavar="ID", help="row number or RECIPE_ID:VERSION")
    a.add_argument("--user", required=True, help="the approving QA person's user ID")
    a.add_argument("--password-stdin", action="store_true",
                   help="read the password from stdin (default: prompt)")
    a = actions.add_parser("list", parents=[common], help="every version of every recipe")
    a.add_argument("--json", action="store_true")
    a = actions.add_parser("show", parents=[common], help="one recipe version and its steps")
    a.add_argument("ident", metavar="ID",
                   help="row number, RECIPE_ID:VERSION, or RECIPE_ID (its effective version)")
    a.add_argument("--json", action="store_true")
    recipe.set_defaults(func=cmd_recipe)

    batch = sub.add_parser("batch", help="batches made from an effective recipe")
    actions = batch.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("create", parents=[admin], help="create a batch for a patient "
                           "and a station from an effective recipe")
    a.add_argument("--recipe", required=True, help="RECIPE_ID (its effective version), "
                   "RECIPE_ID:VERSION or row number")
    a.add_argument("--patient", required=True, help="patient ID")
    a.add_argument("--din", required=True, help="donation identification number (13 chars)")
    a.add_argument("--coi", required=True, help="chain-of-identity ID (ISBT 128, CH...)")
    a.add_argument("--station", required=True, help="the station that runs the batch")
    a.add_argument("--batch-id", default=None, help="batch ID (default: B-<year>-<n>)")
    a = actions.add_parser("list", parents=[common], help="list batches with their state")
    a.add_argument("--station", default=None, help="only this station's")
    a.add_argument("--json", action="store_true")
    a = actions.add_parser("show", parents=[common], help="one batch: state, open items "
                           "(the release gate) and disposition")
    a.add_argument("batch_id")
    a.add_argument("--json", action="store_true")
    helps = {"release": "release the batch (refused, with every reason, while anything is "
                        "open)", "reject": "reject the batch", "hold": "put the batch on hold",
             "resume": "take a held batch back into review"}
    for name in DECISIONS:
        a = actions.add_parser(name, parents=[common], help=helps[name] + "; a QA person "
                               "who did no part of the batch, password checked here")
        a.add_argument("batch_id")
        a.add_argument("--user", required=True, help="the QA person's user ID")
        a.add_argument("--reason", required=True, help="why (part of the signed act)")
        a.add_argument("--password-stdin", action="store_true",
                       help="read the password from stdin (default: prompt)")
    add_report_parser(actions, common)
    batch.set_defaults(func=cmd_batch)
