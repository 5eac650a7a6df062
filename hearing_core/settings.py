"""Instance settings (实例配置).

Settings are read once, by whoever creates the app (the API factory, the CLI, a
test), from the environment and the instance's ``config.toml``; nothing reads
environment variables at import time, so tests can build as many differently
configured apps as they like (a pitfall litestar-fullstack and Datasette hit).

Precedence: explicit arguments > environment variables > ``config.toml`` > defaults.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hearing_core.errors import StartupError

__all__ = ["InstanceConfig", "Settings", "default_data_dir"]

ENV_PREFIX = "HEARING_"


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where an instance keeps its database, config and files.

    ``$HEARING_DATA_DIR`` if set, else ``$XDG_DATA_HOME/hearing`` (``~/.local/share/hearing``).
    """
    env = os.environ if environ is None else environ
    if env.get("HEARING_DATA_DIR"):
        return Path(env["HEARING_DATA_DIR"]).expanduser()
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "hearing"


@dataclass
class InstanceConfig:
    """The administrator-edited part of the configuration, persisted in ``config.toml``.

    Kept separate from :class:`Settings` because the CLI writes it back (``hearing
    plugins disable``, ``hearing profiles use``) while environment variables are read-only.
    """

    path: Path
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> InstanceConfig:
        if not path.exists():
            return cls(path=path, data={})
        try:
            with path.open("rb") as fh:
                return cls(path=path, data=tomllib.load(fh))
        except tomllib.TOMLDecodeError as exc:
            raise StartupError(f"{path}: invalid TOML: {exc}") from exc

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self.data[key] = value

    def save(self) -> None:
        import tomli_w  # only the commands that write config need it

        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".toml.tmp")
        tmp.write_text(tomli_w.dumps(self.data), encoding="utf-8")
        # Atomic replace: a crash never leaves a half-written config behind.
        tmp.replace(self.path)


@dataclass(frozen=True)
class Settings:
    """Everything an instance needs to start. Immutable; use :meth:`replace`."""

    data_dir: Path
    database_url: str
    #: ``None`` = load every installed plugin; a tuple = only these (empty = none).
    load_plugins: tuple[str, ...] | None = None
    disabled_plugins: tuple[str, ...] = ()
    trace_plugins: bool = False
    rule_profile: str = "national"
    #: Secret for signing tokens. Generated and stored in the data dir when absent.
    secret_key: str = ""
    #: Name of the bureau (organ) printed on documents, e.g. "某某县信访局".
    organ_name: str = "县信访局"
    allowed_hosts: tuple[str, ...] = ("*",)
    cors_origins: tuple[str, ...] = ()
    max_request_body: int = 10 * 1024 * 1024
    max_upload_size: int = 50 * 1024 * 1024
    token_lifetime_minutes: int = 8 * 60
    debug: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def config_path(self) -> Path:
        return self.data_dir / "config.toml"

    @property
    def files_dir(self) -> Path:
        """Content-addressed store for attachments and generated documents."""
        return self.data_dir / "files"

    @property
    def templates_dir(self) -> Path:
        """Administrator overrides of document templates."""
        return self.data_dir / "templates"

    def replace(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from the environment and the instance config file."""
        env = dict(os.environ if environ is None else environ)
        data_dir = Path(overrides.pop("data_dir", None) or default_data_dir(env)).expanduser()
        config = InstanceConfig.load(data_dir / "config.toml")

        def pick(name: str, default: Any) -> Any:
            if name in overrides:
                return overrides.pop(name)
            env_name = ENV_PREFIX + name.upper()
            if env_name in env:
                return env[env_name]
            return config.get(name, default)

        database_url = pick("database_url", f"sqlite:///{data_dir / 'hearing.db'}")
        load = overrides.pop("load_plugins", None)
        if load is None and "HEARING_LOAD_PLUGINS" in env:
            load = tuple(p.strip() for p in env["HEARING_LOAD_PLUGINS"].split(",") if p.strip())
        settings = cls(
            data_dir=data_dir,
            database_url=str(database_url),
            load_plugins=tuple(load) if load is not None else None,
            disabled_plugins=tuple(config.get("disabled_plugins", ())),
            trace_plugins=_truthy(pick("trace_plugins", False)),
            rule_profile=str(pick("rule_profile", "national")),
            secret_key=str(pick("secret_key", "")),
            organ_name=str(pick("organ_name", "县信访局")),
            allowed_hosts=_tuple(pick("allowed_hosts", ("*",))),
            cors_origins=_tuple(pick("cors_origins", ())),
            max_request_body=int(pick("max_request_body", 10 * 1024 * 1024)),
            max_upload_size=int(pick("max_upload_size", 50 * 1024 * 1024)),
            token_lifetime_minutes=int(pick("token_lifetime_minutes", 8 * 60)),
            debug=_truthy(pick("debug", False)),
            extra={k: v for k, v in config.data.items()},
        )
        if overrides:
            settings = settings.replace(**overrides)
        return settings

    def ensure_secret_key(self) -> Settings:
        """Return settings with a secret key, creating ``secret.key`` once per instance.

        The key file is created with mode 0600; rotating it (deleting the file)
        invalidates every issued token, which is the documented rotation procedure.
        """
        if self.secret_key:
            return self
        path = self.data_dir / "secret.key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".secret.{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48))
            try:
                # link() is atomic and refuses to overwrite: when two workers start at
                # once, exactly one key wins and both read the complete file.
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        return self.replace(secret_key=path.read_text().strip())


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def _tuple(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return tuple(str(v) for v in value)
