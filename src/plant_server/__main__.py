"""Placeholder entry point until the plant-server package lands (issue: plant server and sync)."""

import sys


def main() -> int:
    print("plant-server: not built yet", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
