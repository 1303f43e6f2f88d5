"""One configuration object, loaded once and passed explicitly.

Defaults ship in ``default_config.toml`` (commented); a user file overrides any subset of keys.
"""

from __future__ import annotations

import copy
import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from detente.errors import ConfigError

ENV_CONFIG = "DETENTE_CONFIG"
ENV_DB = "DETENTE_DB"


def _defaults() -> dict[str, Any]:
    text = resources.files("detente").joinpath("default_config.toml").read_text("utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], override: dict[str, Any], where: str) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if key not in base:
            raise ConfigError(f"unknown setting {where}{key!r}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"setting {where}{key!r} must be a table")
            out[key] = _merge(base[key], value, f"{where}{key}.")
        else:
            out[key] = value
    return out


@dataclass(frozen=True)
class Config:
    """The settings, as nested dicts by section (``config.section("nlp")["models"]``)."""

    data: dict[str, Any] = field(default_factory=_defaults)
    path: str | None = None

    def section(self, name: str) -> dict[str, Any]:
        return self.data[name]

    def get(self, dotted: str) -> Any:
        section, _, key = dotted.partition(".")
        return self.data[section][key]

    def with_overrides(self, **dotted: Any) -> Config:
        """A copy with some settings changed: ``cfg.with_overrides(**{"pipeline.n_process": 2})``."""
        nested: dict[str, Any] = {}
        for key, value in dotted.items():
            section, _, name = key.partition(".")
            nested.setdefault(section, {})[name] = value
        return Config(_merge(self.data, nested, ""), self.path)

    def db_path(self, explicit: str | os.PathLike[str] | None = None) -> str:
        """The database: an explicit path, else ``$DETENTE_DB``, else the config's ``store.db``."""
        if explicit:
            return str(explicit)
        return os.environ.get(ENV_DB) or self.data["store"]["db"]


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Defaults, overridden by ``path`` or ``$DETENTE_CONFIG`` or ``./detente.toml`` if present."""
    candidate = path or os.environ.get(ENV_CONFIG)
    if candidate is None and Path("detente.toml").is_file():
        candidate = "detente.toml"
    if candidate is None:
        return Config()
    p = Path(candidate)
    try:
        user = tomllib.loads(p.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError("config file not found", source=str(p)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", source=str(p)) from None
    try:
        return Config(_merge(_defaults(), user, ""), str(p))
    except ConfigError as exc:
        raise ConfigError(exc.message, source=str(p)) from None
