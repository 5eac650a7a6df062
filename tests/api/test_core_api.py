from __future__ import annotations

from typing import Any

from hearing_core.testing import ADMIN_PASSWORD


async def test_health_reports_database(client: Any) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"


async def test_openapi_and_offline_docs(client: Any) -> None:
    spec = await client.get("/schema/openapi.json")
    assert spec.status_code == 200
    assert "/api/v1/auth/login" in spec.json()["paths"]
    page = await client.get("/schema")
    assert page.status_code == 200
    assert "/static/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    asset = await client.get("/static/swagger-ui/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.content) > 100_000


async def test_protected_route_needs_token(client: Any) -> None:
    response = await client.get("/api/v1/users")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["title"] == "Not authenticated"


async def test_login_wrong_password_is_401_without_detail_leak(client: Any) -> None:
    bad_user = await client.post("/api/v1/auth/login", json={"username": "ghost", "password": "whatever-1"})
    bad_pass = await client.post("/api/v1/auth/login", json={"username": "admin", "password": "whatever-1"})
    assert bad_user.status_code == bad_pass.status_code == 401
    assert bad_user.json()["detail"] == bad_pass.json()["detail"]


async def test_login_me_logout(client: Any) -> None:
    login = await client.post("/api/v1/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
    assert login.status_code == 200
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    me = await client.get("/api/v1/auth/me", headers=headers)
    assert me.json()["roles"] == ["administrator"] and "users.manage" in me.json()["permissions"]
    assert (await client.post("/api/v1/auth/logout", headers=headers)).status_code == 200
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 401


async def test_tampered_token_rejected(client: Any, auth_headers: Any) -> None:
    headers = await auth_headers("administrator")
    token = headers["Authorization"].removeprefix("Bearer ")
    head, payload, signature = token.split(".")
    forged = f"{head}.{payload}.{signature[:-2]}{'AA' if not signature.endswith('AA') else 'BB'}"
    response = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


async def test_validation_errors_are_problem_details(client: Any, auth_headers: Any) -> None:
    headers = await auth_headers("administrator")
    missing = await client.post("/api/v1/users", headers=headers, json={"username": "x"})
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["message"].startswith("Object missing required field")
    rule = await client.post("/api/v1/users", headers=headers, json={"username": "x", "password": "short", "roles": ["clerk"]})
    assert rule.status_code == 422
    assert {e["field"] for e in rule.json()["errors"]} == {"username", "password"}
    assert "Traceback" not in rule.text


async def test_permission_denied_is_403(client: Any, auth_headers: Any) -> None:
    headers = await auth_headers("clerk")
    response = await client.post(
        "/api/v1/users", headers=headers, json={"username": "evil", "password": "password-1", "roles": ["administrator"]}
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "permission 'users.manage' is required for this action"


async def test_unknown_route_is_problem_404(client: Any, auth_headers: Any) -> None:
    response = await client.get("/api/v1/nothing-here", headers=await auth_headers("administrator"))
    assert response.status_code == 404
    assert response.json()["status"] == 404


async def test_every_route_is_public_or_declares_a_registered_permission(client: Any, hearing_app: Any) -> None:
    app = client.app
    public = set()
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if handler.opt.get("public"):
                public.add(route.path)
            elif handler.handler_name != "options_handler" and not route.path.startswith("/schema"):
                assert handler.opt.get("permission") in hearing_app.access.permissions, route.path
    assert {"/health", "/api/v1/auth/login"} <= public
