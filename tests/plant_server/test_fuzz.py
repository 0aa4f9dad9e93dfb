"""Fuzzing every route with a real station credential (issue 13, point 15): whatever the
body, query or path, the server answers 2xx or 4xx, never 5xx. Hypothesis generates the
requests from the API's own shapes (field names kept, values anything JSON can carry,
lone surrogates and out-of-range numbers included) and from plain garbage."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.plant_server.helpers import API, StationClient

TEXT = st.text(st.characters(exclude_categories=()), max_size=12)
HEX = st.text("0123456789abcdef", min_size=64, max_size=64)
INTS = st.one_of(st.integers(-3, 3), st.integers(-(2**70), 2**70))
SCALARS = st.one_of(st.none(), st.booleans(), INTS, st.floats(allow_nan=False), TEXT)
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)


def _fields(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with (some of) the route's own field names and any values."""
    return st.fixed_dictionaries({}, optional={k: st.one_of(v, JSON) for k, v in
                                               fields.items()})


ENTRY = _fields(entry_id=TEXT, station_seq=INTS, kind=st.sampled_from(
    ["record", "signature", "audit", "x"]), payload=st.dictionaries(TEXT, JSON, max_size=6),
    payload_hash=HEX)
BODIES: dict[str, st.SearchStrategy[Any]] = {
    "/push": _fields(entries=st.lists(ENTRY, max_size=3)),
    "/auth/check": _fields(user_id=TEXT, password=TEXT, purpose=TEXT, content_hash=HEX,
                           meaning=st.sampled_from(["performed", "verified", "x"])),
    "/auth/change-password": _fields(user_id=TEXT, old_password=TEXT, new_password=TEXT),
    "/enroll": _fields(code=TEXT, station_name=TEXT),
    "/conflicts/{id}/resolve": _fields(resolved_by=TEXT, password=TEXT, resolution=TEXT),
}
REQUESTS = st.one_of(
    st.tuples(st.just("POST"), st.sampled_from(sorted(BODIES)), st.none(), st.none()).flatmap(
        lambda t: st.tuples(st.just(t[0]), st.just(t[1]), st.one_of(BODIES[t[1]], JSON),
                            st.one_of(INTS, TEXT))),
    st.tuples(st.sampled_from(["GET"]), st.sampled_from(["/pull", "/conflicts", "/health"]),
              st.none(), st.one_of(INTS, TEXT)),
)


def _send(station: StationClient, method: str, path: str, body: Any, extra: Any) -> int:
    url = API + path.replace("{id}", quote(str(extra), safe=""))
    params = {"cursor": str(extra), "status": str(extra)} if method == "GET" else None
    content = None if body is None else json.dumps(body, ensure_ascii=True).encode("ascii")
    response = station.http.request(method, url, headers={
        **station.headers, "content-type": "application/json"}, content=content, params=params)
    if response.status_code >= 400:
        assert len(response.content) < 2048, "refusals are brief, the input is not echoed"
    return response.status_code


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(request=REQUESTS)
def test_no_route_answers_5xx(station: StationClient, request: tuple[str, str, Any, Any]) -> None:
    method, path, body, extra = request
    assert _send(station, method, path, body, extra) < 500


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw=st.binary(max_size=64), path=st.sampled_from(sorted(BODIES)))
def test_garbage_bytes_are_4xx(station: StationClient, raw: bytes, path: str) -> None:
    response = station.http.post(API + path.replace("{id}", "1"), content=raw,
                                 headers={**station.headers, "content-type": "application/json"})
    assert 400 <= response.status_code < 500 or response.status_code == 200
