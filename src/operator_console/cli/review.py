"""``operator-console review list [--json]``: the batches waiting for QA at the plant server
(execution complete, under review, on hold, or blocked by a critical exception), each with
its state, how long it has waited, and its open items. Online: asks the plant server."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from operator_console.application.review import waiting_batches as _waiting
from operator_console.sync.http import PlantServerClient


def waiting_batches(client: PlantServerClient) -> list[dict[str, Any]]:
    return [asdict(b) for b in _waiting(client)]


def _waited(seconds: object) -> str:
    if not isinstance(seconds, int):
        return "-"
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m"


def render(batches: list[dict[str, Any]], as_json: bool) -> str:
    if as_json:
        return json.dumps(batches, ensure_ascii=False, indent=2)
    if not batches:
        return "no batches waiting for QA"
    lines = []
    for b in batches:
        items = b.get("open_items") or []
        lines.append(f"{b['batch_id']}\t{b['state']}\twaiting {_waited(b.get('waiting_seconds'))}"
                     f"\t{len(items)} open item(s)")
        lines += [f"  {i['kind']}: {i['reason']}" for i in items]
    return "\n".join(lines)
