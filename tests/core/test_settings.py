from __future__ import annotations

import os
from pathlib import Path

import pytest

from hearing_core.errors import StartupError
from hearing_core.settings import InstanceConfig, Settings


def test_defaults_use_sqlite_in_data_dir(tmp_path: Path) -> None:
    s = Settings.from_env({"HEARING_DATA_DIR": str(tmp_path)})
    assert s.data_dir == tmp_path
    assert s.database_url == f"sqlite:///{tmp_path / 'hearing.db'}"
    assert s.is_sqlite
    assert s.load_plugins is None
    assert s.rule_profile == "national"


def test_environment_overrides_config_file(tmp_path: Path) -> None:
    config = InstanceConfig.load(tmp_path / "config.toml")
    config.set("rule_profile", "guangdong")
    config.set("organ_name", "某某县信访局")
    config.set("disabled_plugins", ["review"])
    config.save()
    s = Settings.from_env({"HEARING_DATA_DIR": str(tmp_path), "HEARING_RULE_PROFILE": "shandong"})
    assert s.rule_profile == "shandong"
    assert s.organ_name == "某某县信访局"
    assert s.disabled_plugins == ("review",)


def test_load_plugins_env(tmp_path: Path) -> None:
    env = {"HEARING_DATA_DIR": str(tmp_path), "HEARING_LOAD_PLUGINS": "mediation, review"}
    assert Settings.from_env(env).load_plugins == ("mediation", "review")
    env["HEARING_LOAD_PLUGINS"] = ""
    assert Settings.from_env(env).load_plugins == ()


def test_invalid_config_is_a_startup_error(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("rule_profile = ", encoding="utf-8")
    with pytest.raises(StartupError, match="invalid TOML"):
        Settings.from_env({"HEARING_DATA_DIR": str(tmp_path)})


def test_secret_key_created_once_with_private_mode(tmp_path: Path) -> None:
    s = Settings.from_env({"HEARING_DATA_DIR": str(tmp_path)})
    first = s.ensure_secret_key().secret_key
    second = s.ensure_secret_key().secret_key
    assert first and first == second
    assert oct(os.stat(tmp_path / "secret.key").st_mode & 0o777) == "0o600"
