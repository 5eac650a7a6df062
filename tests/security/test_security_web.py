"""Limits and browser-side protections: body and multipart limits, CORS, hosts, headers, CSRF, errors."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from typing import Any

import pytest
from security_support import asgi_client
from upload_probe import UploadProbe

from hearing_core.security import service as users
from hearing_core.testing import ADMIN_PASSWORD, login

ID_NUMBER = "440106199001011234"
MOBILE = "13812345678"


async def test_request_body_limit_is_413(make_app: Any) -> None:
    app = await make_app(max_request_body=20_000)
    async with asgi_client(app) as client:
        headers = await login(client, "admin", ADMIN_PASSWORD)
        big = {"username": "big", "password": "password-123", "roles": ["clerk"], "display_name": "x" * 50_000}
        response = await client.post("/api/v1/users", json=big, headers=headers)
        assert response.status_code == 413
        assert response.headers["content-type"].startswith("application/problem+json")
        small = await client.post("/api/v1/users", json={**big, "display_name": "小"}, headers=headers)
        assert small.status_code == 201


async def test_schema_length_limits_reject_oversized_fields(client: Any, auth_headers: Any) -> None:
    headers = await auth_headers("administrator")
    too_many_roles = {"username": "r1", "password": "password-123", "roles": ["clerk"] * 21}
    assert (await client.post("/api/v1/users", json=too_many_roles, headers=headers)).status_code == 400
    long_name = {"username": "r2", "password": "password-123", "roles": ["clerk"], "display_name": "名" * 101}
    assert (await client.post("/api/v1/users", json=long_name, headers=headers)).status_code == 400
    unknown = {"username": "r3", "password": "password-123", "roles": ["clerk"], "is_admin": True}
    assert (await client.post("/api/v1/users", json=unknown, headers=headers)).status_code == 400


async def test_multipart_file_size_and_part_count_limits(make_app: Any) -> None:
    app = await make_app(extra_plugins=[("upload_probe", UploadProbe())], max_upload_size=4096)
    async with asgi_client(app) as client:
        headers = await login(client, "admin", ADMIN_PASSWORD)
        ok = await client.post("/api/v1/probe/upload", files={"file": ("a.pdf", b"%PDF" + b"0" * 1000)}, headers=headers)
        assert ok.status_code == 200 and ok.json() == {"file": 1004}
        big = await client.post("/api/v1/probe/upload", files={"file": ("a.pdf", b"0" * 10_000)}, headers=headers)
        assert big.status_code == 413
    app2 = await make_app(extra_plugins=[("upload_probe", UploadProbe())], max_upload_size=10_000_000)
    async with asgi_client(app2) as client:
        headers = await login(client, "admin", ADMIN_PASSWORD)
        parts = {f"f{i}": str(i) for i in range(1001)}
        many = await client.post("/api/v1/probe/upload", data=parts, files={"file": ("a.txt", b"x")}, headers=headers)
        assert many.status_code in (400, 413)
        assert "Traceback" not in many.text


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("https://example.com", True),
        ("https://exampleXcom", False),
        ("https://example.x.com", False),
        ("https://example.com.evil.org", False),
        ("https://evilexample.com", False),
        ("http://example.com", False),
    ],
)
async def test_cors_accepts_only_the_exact_origin(make_app: Any, origin: str, allowed: bool) -> None:
    app = await make_app(cors_origins=("https://example.com",), allowed_hosts=("example.com",))
    async with asgi_client(app, base_url="http://example.com") as client:
        preflight = await client.options(
            "/api/v1/users",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"},
        )
        simple = await client.get("/health", headers={"Origin": origin})
    if allowed:
        assert preflight.headers.get("access-control-allow-origin") == origin
        assert simple.headers.get("access-control-allow-origin") == origin
    else:
        assert "access-control-allow-origin" not in preflight.headers
        assert "access-control-allow-origin" not in simple.headers


@pytest.mark.parametrize(
    ("host", "status"),
    [("example.com", 200), ("exampleXcom", 400), ("example.x.com", 400), ("evil.com", 400), ("www.example.com", 400)],
)
async def test_allowed_hosts_reject_look_alikes(make_app: Any, host: str, status: int) -> None:
    app = await make_app(allowed_hosts=("example.com",))
    async with asgi_client(app, base_url="http://example.com") as client:
        response = await client.get("/health", headers={"Host": host})
    assert response.status_code == status


async def test_security_headers_and_docs_csp(client: Any) -> None:
    api = await client.get("/health")
    assert api.headers["x-content-type-options"] == "nosniff"
    assert api.headers["x-frame-options"] == "DENY"
    assert api.headers["referrer-policy"] == "no-referrer"
    assert api.headers["content-security-policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in api.headers["content-security-policy"]
    denied = await client.get("/api/v1/users")
    assert denied.status_code == 401 and denied.headers["x-content-type-options"] == "nosniff"
    docs = await client.get("/schema")
    csp = docs.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1).split()
    assert "'self'" in script_src and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", docs.text, re.S)
    assert inline, "the Swagger page initialises itself with an inline script"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src
    for src in re.findall(r"<script[^>]*\bsrc=['\"]([^'\"]+)", docs.text):
        assert src.startswith("/static/"), src
    assert "frame-ancestors 'none'" in csp and "connect-src 'self'" in csp
    spec = await client.get("/schema/openapi.json")
    assert spec.status_code == 200 and spec.headers["x-content-type-options"] == "nosniff"


async def test_csrf_applies_to_cookie_sessions_only(client: Any, admin_ctx: Any) -> None:
    await users.create_user(admin_ctx, "web", "password-123", ["registrar"])
    logged_in = await client.post("/api/v1/auth/login", json={"username": "web", "password": "password-123", "cookie": True})
    assert logged_in.status_code == 200
    set_cookie = logged_in.headers["set-cookie"]
    assert "hearing_session=" in set_cookie and "HttpOnly" in set_cookie and "SameSite=strict" in set_cookie.replace("Strict", "strict")
    # The cookie alone authenticates reads ...
    me = await client.get("/api/v1/auth/me")
    assert me.status_code == 200 and me.json()["username"] == "web"
    csrf_token = client.cookies.get("hearing_csrf")
    assert csrf_token
    # ... but a state change without the CSRF header is refused (a forged cross-site form post).
    forged = await client.post("/api/v1/auth/logout")
    assert forged.status_code == 403
    assert (await client.get("/api/v1/auth/me")).status_code == 200  # still logged in
    wrong = await client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf_token[:-4] + "0000"})
    assert wrong.status_code == 403
    # A bearer-token client needs no CSRF token even when a session cookie is present.
    bearer = await login(client, "web", "password-123")
    assert (await client.post("/api/v1/auth/logout", headers=bearer)).status_code == 200
    good = await client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf_token})
    assert good.status_code == 200
    client.cookies.delete("hearing_session")
    assert (await client.get("/api/v1/auth/me")).status_code == 401


async def test_database_error_gives_no_sql_and_logs_no_personal_data(
    client: Any, admin_ctx: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from hearing_core.security.tables import User

    await users.create_user(admin_ctx, ID_NUMBER, "password-123", ["clerk"])
    headers = await login(client, "admin", ADMIN_PASSWORD)

    class NoDuplicateCheck:
        def where(self, *args: Any) -> NoDuplicateCheck:
            return self

        async def run(self) -> bool:
            return False

    # Skip the service's duplicate check so the insert hits the UNIQUE constraint (IntegrityError).
    monkeypatch.setattr(User, "exists", classmethod(lambda cls: NoDuplicateCheck()))
    caplog.set_level(logging.INFO)
    response = await client.post(
        "/api/v1/users", json={"username": ID_NUMBER, "password": "password-123", "roles": ["clerk"]}, headers=headers
    )
    assert response.status_code == 500
    body = response.json()
    assert set(body) == {"type", "status", "title", "detail", "error_id"}
    for leak in ("INSERT", "UNIQUE", "unique", "hearing_user", "Traceback", "IntegrityError", "Violation", ID_NUMBER):
        assert leak not in response.text
    assert body["error_id"] in caplog.text  # the administrator can find the traceback
    assert ID_NUMBER not in caplog.text


async def test_crlf_and_personal_data_never_reach_log_lines(
    client: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    headers = await login(client, "admin", ADMIN_PASSWORD)

    async def explode(ctx: Any, username: str) -> Any:
        raise RuntimeError(f"lookup of {username} failed, caller {MOBILE}")

    monkeypatch.setattr(users, "get_user", explode)
    caplog.set_level(logging.INFO)
    forged_path = "/api/v1/users/x%0D%0AINFO%20-%20hearing.auth%20-%20login%20of%20user%20'admin'"
    response = await client.patch(forged_path, json={"version": 1}, headers=headers)
    assert response.status_code == 500
    bad_login = await client.post("/api/v1/auth/login", json={"username": f"a\r\nINFO forged {ID_NUMBER}", "password": "x"})
    assert bad_login.status_code == 401
    assert ID_NUMBER not in bad_login.text
    lines = [r.getMessage() for r in caplog.records]
    assert any("unhandled error" in line and "\\r\\n" in line for line in lines)
    for record in caplog.records:
        message = record.getMessage()
        assert "\n" not in message and "\r" not in message
        assert MOBILE not in message and ID_NUMBER not in message
    assert MOBILE not in caplog.text and ID_NUMBER not in caplog.text
    assert "138****5678" in caplog.text  # masked in the traceback, still useful
    assert headers["Authorization"].split()[1] not in caplog.text


async def test_not_found_error_body_masks_an_id_number_in_the_path(client: Any, auth_headers: Any) -> None:
    response = await client.get(f"/api/v1/users/{ID_NUMBER}", headers=await auth_headers("administrator"))
    assert response.status_code == 404
    assert ID_NUMBER not in response.text and "440106********1234" in response.text


async def test_values_the_database_cannot_hold_are_400_not_500(make_app: Any, caplog: pytest.LogCaptureFixture) -> None:
    app = await make_app(extra_plugins=[("upload_probe", UploadProbe())])
    async with asgi_client(app) as client:
        headers = await login(client, "admin", ADMIN_PASSWORD)
        assert (await client.get("/api/v1/probe/users/1", headers=headers)).json() == {"username": "admin"}
        assert (await client.get("/api/v1/probe/users/99", headers=headers)).status_code == 404
        for value in (2**40, 2**70):  # beyond PostgreSQL's integer; beyond SQLite's 64 bits
            response = await client.get(f"/api/v1/probe/users/{value}", headers=headers)
            if value == 2**40 and app.db.is_sqlite:
                assert response.status_code == 404  # SQLite integers are 64-bit
                continue
            assert response.status_code == 400, response.text
            assert str(value) not in response.json()["detail"]
            assert "int32" not in response.text and "SQLite" not in response.text
    assert "unhandled error" not in caplog.text
