"""``/api/v1/system/plugins``: the list with the next start's state, enable and disable."""

from __future__ import annotations

from typing import Any

from hearing_core.settings import InstanceConfig


async def test_administrator_disables_and_enables_a_plugin(client: Any, auth_headers: Any, hearing_app: Any) -> None:
    admin = await auth_headers("administrator")
    off = await client.post("/api/v1/system/plugins/mediation/disable", headers=admin)
    assert off.status_code == 200, off.text
    assert off.json() == {"name": "mediation", "enabled_from_next_start": False, "disabled_plugins": ["mediation"],
                          "restart_needed": True}
    assert InstanceConfig.load(hearing_app.settings.config_path).get("disabled_plugins") == ["mediation"]
    rows = {r["name"]: r for r in (await client.get("/api/v1/system/plugins", headers=admin)).json()}
    assert rows["mediation"]["next_start_enabled"] is False and rows["mediation"]["restart_needed"] is True
    on = await client.post("/api/v1/system/plugins/mediation/enable", headers=admin)
    assert on.status_code == 200 and on.json()["disabled_plugins"] == []
    assert InstanceConfig.load(hearing_app.settings.config_path).get("disabled_plugins") == []


async def test_refusals_are_problem_details(client: Any, auth_headers: Any, hearing_app: Any) -> None:
    admin = await auth_headers("administrator")
    auditor = await auth_headers("auditor")
    unknown = await client.post("/api/v1/system/plugins/nothing-here/disable", headers=admin)
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/problem+json")
    core = await client.post("/api/v1/system/plugins/hearing_core.web.plugin/disable", headers=admin)
    assert core.status_code == 409
    bad = await client.post("/api/v1/system/plugins/a%20b/disable", headers=admin)
    assert bad.status_code == 400
    # The auditor may read the list but not change it.
    assert (await client.get("/api/v1/system/plugins", headers=auditor)).status_code == 200
    assert (await client.post("/api/v1/system/plugins/mediation/disable", headers=auditor)).status_code == 403
    assert InstanceConfig.load(hearing_app.settings.config_path).get("disabled_plugins", []) == []
