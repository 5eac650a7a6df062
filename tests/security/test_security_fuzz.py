"""Schemathesis fuzzing of /schema/openapi.json: no 5xx, every response conforms to the schema.

Cases are generated with Hypothesis from the app's own OpenAPI document (valid
and invalid data for every operation), then sent through httpx in the test's
event loop (so the same database pool serves them on SQLite and PostgreSQL),
once as an administrator and once without credentials. A bounded number of
examples per operation keeps the run well under a minute.
"""

from __future__ import annotations

import uuid
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from security_support import asgi_client

#: Examples per operation, shrunk as domains add routes so the run stays near a minute.
MAX_EXAMPLES_PER_OPERATION = 8
TOTAL_BUDGET = 500
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


def generate_cases(schema: Any, mode: GenerationMode, per_operation: int) -> list[Any]:
    """Draw up to ``per_operation`` cases for each operation (generation only, nothing is sent here)."""
    cases: list[Any] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        drawn: list[Any] = []

        @settings(
            max_examples=per_operation,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def collect(case: Any) -> None:
            drawn.append(case)  # noqa: B023 - called at once, inside this iteration

        collect()
        cases.extend(drawn[:per_operation])
    return cases


def _request_kwargs(case: Any, headers: dict[str, str]) -> dict[str, Any]:
    data = case.as_transport_kwargs(base_url="http://testserver.local", headers=headers)
    kwargs: dict[str, Any] = {
        "method": data["method"],
        "url": data["url"],
        "headers": data.get("headers") or {},
        "params": data.get("params"),
        "cookies": data.get("cookies") or None,
    }
    if "json" in data:
        kwargs["json"] = data["json"]
    elif "data" in data:
        kwargs["content"] = data["data"] if isinstance(data["data"], bytes | str) else None
    return kwargs


async def test_fuzz_api_as_administrator_and_anonymous(make_app: Any) -> None:
    # A tight per-address login budget keeps Argon2 work (0.1-0.5 s per guess) bounded.
    app = await make_app(extra={"login_max_failures_per_address": 3, "login_max_failures": 2})
    async with asgi_client(app) as client:
        spec = (await client.get("/schema/openapi.json")).json()
        schema = schemathesis.openapi.from_dict(spec)
        operations = sum(1 for _ in schema.get_all_operations())
        per_operation = max(3, min(MAX_EXAMPLES_PER_OPERATION, TOTAL_BUDGET // max(operations, 1)))
        cases = generate_cases(schema, GenerationMode.POSITIVE, per_operation) + generate_cases(
            schema, GenerationMode.NEGATIVE, max(2, per_operation // 2)
        )
        assert len({(c.method, c.path) for c in cases}) >= 10
        print(f"fuzz: {len(cases)} cases over {len({(c.method, c.path) for c in cases})} operations")
        jwt_auth = client.app.state["jwt_auth"]
        failures: list[str] = []
        sent = 0
        for as_admin in (True, False):
            for case in cases:
                headers: dict[str, str] = {}
                if as_admin:
                    # A fresh token each time: a fuzzed logout must not end the run's session.
                    token = jwt_auth.create_token(identifier="1", token_extras={"tv": 0}, token_unique_jwt_id=uuid.uuid4().hex)
                    headers["Authorization"] = f"Bearer {token}"
                response = await client.request(**_request_kwargs(case, headers))
                sent += 1
                try:
                    case.validate_response(response, checks=CHECKS)
                except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collected and reported
                    failures.append(f"{case.method} {case.formatted_path} admin={as_admin}: {str(exc)[:600]}")
    assert not failures, f"{len(failures)} of {sent} requests failed:\n" + "\n".join(failures[:10])
    assert sent >= 4 * operations
