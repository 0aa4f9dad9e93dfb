"""``plant-server`` / ``python -m plant_server`` entry point."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from operator_console.domain.identity import InvalidUserId
from plant_server.cli import CliError
from plant_server.cli_parser import build_parser
from plant_server.services.common import ServiceError


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except (CliError, ServiceError, InvalidUserId, ValueError) as exc:
        print(f"plant-server: error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"plant-server: error: database: {first}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    raise SystemExit(main())
