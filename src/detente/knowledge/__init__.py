"""Knowledge as versioned data files. Each kind of file is loaded by exactly one module here."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from detente.errors import KnowledgeError


def data_path(*parts: str) -> Path:
    """Path of a bundled knowledge file (inside the installed package)."""
    return Path(str(resources.files("detente").joinpath("knowledge", "data", *parts)))


def load_yaml(path: str | Path, *, expect_version: int = 1) -> dict[str, Any]:
    """Read a knowledge YAML file; errors name the file and line."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text("utf-8"))
    except FileNotFoundError:
        raise KnowledgeError("knowledge file not found", source=str(p)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{p}:{mark.line + 1}" if mark else str(p)
        problem = getattr(exc, "problem", None) or str(exc)
        raise KnowledgeError(f"invalid YAML: {problem}", source=where) from None
    if not isinstance(data, dict):
        raise KnowledgeError("top level must be a mapping", source=str(p))
    version = data.get("version")
    if version != expect_version:
        raise KnowledgeError(f"unsupported version {version!r} (expected {expect_version})",
                             source=str(p))
    return data
