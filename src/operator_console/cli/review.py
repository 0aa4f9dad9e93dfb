"""``operator-console review list [--json]``: the batches waiting for QA at the plant server
(execution complete, under review, on hold, or blocked by a critical exception), each with
its state, how long it has waited, and its open items. Online: asks the plant server."""

from __future__ import annotations

import json
from typing import Any

from operator_console.sync.http import BadResponseError, PlantServerClient


def waiting_batches(client: PlantServerClient) -> list[dict[str, Any]]:
    status, body = client.answer("GET", "/batches/review")
    batches = body.get("batches")
    if status != 200 or not isinstance(batches, list):
        raise BadResponseError(f"the plant server did not list the batches (HTTP {status})")
    return [b for b in batches if isinstance(b, dict)]


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
