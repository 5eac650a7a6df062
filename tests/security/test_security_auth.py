"""Authentication hardening: Argon2 cost, no username enumeration, throttling, logout and token voiding."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jwt
import pytest
from argon2 import extract_parameters
from security_support import asgi_client

from hearing_core.context import ServiceContext
from hearing_core.security import passwords
from hearing_core.security import service as users
from hearing_core.security.actor import SYSTEM
from hearing_core.testing import ADMIN_PASSWORD, login

SECRET = "test-secret-key-" + "x" * 32


def test_argon2_work_factor_meets_current_guidance(monkeypatch: pytest.MonkeyPatch) -> None:
    # OWASP / RFC 9106: Argon2id, at least m=19 MiB with t=2; we use the RFC's low-memory profile.
    # The suite runs with cheap test parameters; check what production uses.
    production = passwords.production_hasher()
    monkeypatch.setattr(passwords, "_hasher", production)
    params = extract_parameters(passwords.hash_password("a-long-password"))
    assert params.type.name == "ID"
    assert params.memory_cost >= 65536 and params.time_cost >= 3 and params.parallelism >= 1
    # The dummy hash used for unknown users costs exactly as much as a real one.
    assert extract_parameters(passwords._dummy_hash()) == params
    assert not passwords.needs_rehash(passwords.hash_password("a-long-password"))
    weak = passwords.PasswordHasher(time_cost=1, memory_cost=8192).hash("a-long-password")
    assert passwords.needs_rehash(weak)


async def test_unknown_user_and_wrong_password_look_and_cost_the_same(
    hearing_app: Any, admin_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    await users.create_user(admin_ctx, "wang", "password-123", ["clerk"])
    await users.create_user(admin_ctx, "gone", "password-123", ["clerk"])
    await users.set_active(admin_ctx, "gone", False)
    verified: list[str] = []
    real = passwords._hasher

    class CountingHasher:
        def verify(self, hash_: str, password: str) -> bool:
            verified.append(hash_)
            return real.verify(hash_, password)

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    monkeypatch.setattr(passwords, "_hasher", CountingHasher())
    async with asgi_client(hearing_app) as client:
        answers = []
        for name, password in [("wang", "wrong-password"), ("nobody", "wrong-password"), ("gone", "password-123")]:
            verified.clear()
            response = await client.post("/api/v1/auth/login", json={"username": name, "password": password})
            # Same work: exactly one Argon2 verification with a hash of the same cost.
            assert len(verified) == 1
            assert extract_parameters(verified[0]) == extract_parameters(passwords._dummy_hash())
            headers = {k: v for k, v in response.headers.items() if k not in {"date", "content-length"}}
            answers.append((response.status_code, response.json()["detail"], headers))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == 401 and answers[0][1] == "invalid username or password"


async def test_login_throttle_per_username_and_peer_address(make_app: Any) -> None:
    app = await make_app(extra={"login_max_failures": 3, "login_max_failures_per_address": 8})
    await users.create_user(ServiceContext(app, SYSTEM), "li", "password-123", ["clerk"])
    async with asgi_client(app, client_addr=("10.0.0.5", 4000)) as attacker:
        for _ in range(3):
            bad = await attacker.post(
                "/api/v1/auth/login",
                json={"username": "li", "password": "guess-guess"},
                headers={"X-Forwarded-For": "203.0.113.9"},
            )
            assert bad.status_code == 401
        # Even the right password is refused now, and a forged X-Forwarded-For does not help.
        blocked = await attacker.post(
            "/api/v1/auth/login",
            json={"username": "li", "password": "password-123"},
            headers={"X-Forwarded-For": "198.51.100.77"},
        )
        assert blocked.status_code == 429
        assert int(blocked.headers["retry-after"]) > 0
        assert blocked.json()["title"] == "Too many requests"
        # Unknown usernames are throttled identically (no enumeration through the limiter).
        for _ in range(3):
            assert (await attacker.post("/api/v1/auth/login", json={"username": "nobody", "password": "x-guess-1"})).status_code == 401
        assert (await attacker.post("/api/v1/auth/login", json={"username": "nobody", "password": "x-guess-1"})).status_code == 429
        # The per-address budget stops spraying many usernames from one machine.
        for i in range(2):
            assert (await attacker.post("/api/v1/auth/login", json={"username": f"spray{i}", "password": "x-guess-1"})).status_code == 401
        assert (await attacker.post("/api/v1/auth/login", json={"username": "spray9", "password": "x-guess-1"})).status_code == 429
    # The same user from another address is not locked out by the attacker.
    async with asgi_client(app, client_addr=("10.0.0.6", 4000)) as owner:
        assert (await owner.post("/api/v1/auth/login", json={"username": "li", "password": "password-123"})).status_code == 200


@pytest.mark.parametrize("store", ["database", "redis://127.0.0.1:6379/0"])
async def test_throttle_counts_are_shared_between_workers(make_app: Any, store: str) -> None:
    import uuid

    from hearing_core.security.throttle import LoginThrottle, TooManyAttempts

    app = await make_app(extra={"login_throttle_store": store, "login_max_failures": 4})
    # Two workers = two throttles built from the same settings, each with its own store client.
    worker_a, worker_b = LoginThrottle.from_app(app), LoginThrottle.from_app(app)
    name = f"user-{uuid.uuid4().hex[:8]}"  # Redis outlives the test: a fresh key each run
    try:
        await worker_a.failed(name, "10.1.1.1")
        await worker_b.failed(name, "10.1.1.1")
        await worker_a.failed(name, "10.1.1.1")
        await worker_b.check(name, "10.1.1.1")  # 3 of 4: still allowed
        await worker_b.failed(name, "10.1.1.1")
        for worker in (worker_a, worker_b):
            with pytest.raises(TooManyAttempts):
                await worker.check(name, "10.1.1.1")
        await worker_a.succeeded(name, "10.1.1.1")
        await worker_b.check(name, "10.1.1.1")
    finally:
        await worker_a.store.delete_all() if store == "database" else None
        await worker_a.close()
        await worker_b.close()


async def test_logout_revokes_and_account_changes_void_tokens(client: Any, admin_ctx: Any) -> None:
    await users.create_user(admin_ctx, "zhou", "password-123", ["registrar"])
    for change in ("logout", "reset_password", "disable", "set_roles"):
        headers = await login(client, "zhou", "password-123")
        assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200
        if change == "logout":
            assert (await client.post("/api/v1/auth/logout", headers=headers)).status_code == 200
        elif change == "reset_password":
            await users.reset_password(admin_ctx, "zhou", "password-456")
            await users.reset_password(admin_ctx, "zhou", "password-123")
        elif change == "disable":
            await users.set_active(admin_ctx, "zhou", False)
            await users.set_active(admin_ctx, "zhou", True)
        else:
            await users.set_roles(admin_ctx, "zhou", ["registrar", "clerk"])
        assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 401, change


async def test_forged_expired_and_wrong_algorithm_tokens_are_refused(client: Any, hearing_app: Any) -> None:
    headers = await login(client, "admin", ADMIN_PASSWORD)
    token = headers["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    now = dt.datetime.now(dt.UTC)
    forged = {
        "unsigned": jwt.encode(claims, key=None, algorithm="none"),
        "other algorithm": jwt.encode(claims, SECRET, algorithm="HS384"),
        "other key": jwt.encode(claims, "not-the-secret-" + "y" * 32, algorithm="HS256"),
        "expired": jwt.encode({**claims, "exp": int((now - dt.timedelta(minutes=1)).timestamp())}, SECRET, algorithm="HS256"),
        "other user": jwt.encode({**claims, "sub": "999"}, "not-the-secret-" + "y" * 32, algorithm="HS256"),
        "garbage": "a.b.c",
    }
    for label, value in forged.items():
        response = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {value}"})
        assert response.status_code == 401, label
        assert value not in response.text
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200


async def test_password_policy(admin_ctx: Any) -> None:
    with pytest.raises(users.ValidationFailed):
        await users.create_user(admin_ctx, "short", "seven77", ["clerk"])
    with pytest.raises(users.ValidationFailed):
        await users.reset_password(admin_ctx, "admin", "x" * 1025)


async def test_database_store_expiry_and_cleanup(hearing_app: Any) -> None:
    from hearing_core.security.stores import DatabaseStore
    from hearing_core.security.tables import StoreEntry

    store = DatabaseStore(hearing_app, namespace="t")
    await store.set("stale", "1", -1)  # already expired
    await store.set("forever", b"\x00\xffbytes")
    assert await store.get("stale") is None and not await store.exists("stale")
    assert await store.get("forever") == b"\x00\xffbytes" and await store.expires_in("forever") is None
    assert await store.increment("fresh", 60) == 1 and await store.increment("fresh", 60) == 2
    assert 0 < await store.expires_in("fresh") <= 60
    keys = {r["key"] for r in await StoreEntry.select(StoreEntry.key).run()}
    assert keys == {"t:forever", "t:fresh"}  # the expired row went when a new window started
    await store.delete_all()
    assert await StoreEntry.count().run() == 0
