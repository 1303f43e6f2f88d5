"""Import PETRARCH/TABARI actor and agent dictionaries into detente's actor YAML schema.

Actor dictionaries (``*.actors.txt``): an entry line ``NAME [CODE]`` or ``NAME`` followed by
``+SYNONYM`` lines and indented code lines ``[CODE]``, ``[CODE <date]``, ``[CODE >date]``,
``[CODE date-date]``; ``_`` joins words; ``#`` starts a comment; ``<!-- ... -->`` blocks are
comments. Agent dictionaries: ``PHRASE {PLURALS} [~SECTOR]`` (``~`` before = suffix to a
country code, after = prefix) and ``!CLASS! = A, B`` substitution lines.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from detente.actors.kb import slug
from detente.errors import KnowledgeError

_CODE_RE = re.compile(r"\[\s*([^\]\s]*)\s*([^\]]*)\]")


def _strip_comments(lines: list[str]) -> list[tuple[int, str]]:
    out, in_block = [], False
    for n, raw in enumerate(lines, 1):
        line = raw
        if in_block:
            if "-->" in line:
                in_block = False
            continue
        if re.match(r"\s*<!?\s*-?-?", line) and line.lstrip().startswith("<"):
            in_block = "-->" not in line and ">" not in line.split("<", 1)[1][:3]
            if "-->" not in line and not line.rstrip().endswith(">"):
                in_block = True
            continue
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append((n, line))
    return out


def _case(name: str) -> str:
    """PETRARCH writes names in capitals: keep acronyms ("U.S.", "IMF"), title-case the rest."""
    text = name.replace("_", " ").strip()
    return text if len(text.replace(".", "")) <= 4 else text.title()


def _date(text: str, where: str) -> str:
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise KnowledgeError(f"bad date {text!r} in code restriction", source=where)
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{19 if year > 30 else 20}{digits}"
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


def _role(code: str, restriction: str, where: str) -> dict[str, Any]:
    role: dict[str, Any] = {"title": code, "code": code, "country": code[:3] or None,
                            "sector": code[3:6] or None}
    r = restriction.strip()
    if r.startswith("<"):
        role["end"] = _date(r[1:], where)
    elif r.startswith(">"):
        role["start"] = _date(r[1:], where)
    elif "-" in r:
        a, b = r.split("-", 1)
        role["start"], role["end"] = _date(a, where), _date(b, where)
    elif r:
        raise KnowledgeError(f"bad code restriction {r!r}", source=where)
    return role


def import_actors(path: str | Path) -> list[dict[str, Any]]:
    """Entries (user-file schema, section ``actors``) from a PETRARCH ``.actors`` dictionary.

    Codes of three letters become states-like organisations; longer codes give country and
    sector; date-restricted codes become roles with start/end. Errors name file and line.
    """
    p = Path(path)
    try:
        lines = p.read_text("utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        raise KnowledgeError("dictionary not found", source=str(p)) from None
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for n, line in _strip_comments(lines):
        where = f"{p}:{n}"
        text = line.strip()
        if text.count("[") != text.count("]"):
            raise KnowledgeError("unbalanced [ ] in code", source=where)
        if text.startswith("+"):
            if current is None:
                raise KnowledgeError("synonym line before any entry", source=where)
            current["names"].append(_case(text[1:]))
            continue
        codes = _CODE_RE.findall(text)
        name = _CODE_RE.sub("", text).strip()
        if not name:
            if current is None:
                raise KnowledgeError("code line before any entry", source=where)
            current["_codes"] += [(c, r, where) for c, r in codes]
            continue
        current = {"name": _case(name), "names": [],
                   "_codes": [(c, r, where) for c, r in codes], "__line__": n}
        entries.append(current)
    return [_finish(e, p) for e in entries if e["_codes"]]


def _finish(entry: dict[str, Any], path: Path) -> dict[str, Any]:
    codes = [(c, r, w) for c, r, w in entry.pop("_codes") if c and c not in ("---", "+++")]
    entry.pop("__line__", None)
    out: dict[str, Any] = {"id": f"petrarch_{slug(entry['name'])}", "name": entry["name"],
                           "names": [n for n in entry["names"] if n]}
    plain = [c for c, r, _ in codes if not r.strip()]
    dated = [_role(c, r, w) for c, r, w in codes if r.strip()]
    code = plain[-1] if plain else (codes[-1][0] if codes else None)
    out["code"] = code
    out["country"] = code[:3] if code else None
    out["sector"] = (code[3:6] or None) if code else None
    if dated:
        out["kind"] = "person"
        out["roles"] = dated
    else:
        out["kind"] = "organization"
    return out


def import_agents(path: str | Path) -> list[dict[str, Any]]:
    """Agent phrases from a PETRARCH agents dictionary: {phrase, plurals, sector, position}."""
    p = Path(path)
    try:
        lines = p.read_text("utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        raise KnowledgeError("dictionary not found", source=str(p)) from None
    classes: dict[str, list[str]] = {}
    out = []
    for n, line in _strip_comments(lines):
        where = f"{p}:{n}"
        m = re.match(r"\s*(![A-Z]+!)\s*=\s*(.+)", line)
        if m:
            classes[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"\s*([^\[{]+?)\s*(\{[^}]*\})?\s*\[\s*([^\]]*)\]", line)
        if not m:
            raise KnowledgeError("agent line needs PHRASE [~CODE]", source=where)
        phrase, plurals, code = m.group(1), m.group(2) or "", m.group(3).strip()
        if "~" not in code:
            raise KnowledgeError(f"agent code {code!r} lacks '~'", source=where)
        position = "suffix" if code.startswith("~") else "prefix"
        expansions = [phrase]
        for cls, words in classes.items():
            if cls in phrase:
                expansions = [phrase.replace(cls, w) for w in words]
        for ph in expansions:
            out.append({"phrase": ph.replace("_", " ").strip().lower(),
                        "plurals": [w.replace("_", " ").lower()
                                    for w in plurals.strip("{}").split()],
                        "sector": code.replace("~", "").strip() or None,
                        "position": position})
    return out


def to_yaml(entries: list[dict[str, Any]]) -> str:
    """A user actor file (``version: 1`` + ``actors:``) for ``knowledge.actor_files``."""
    return yaml.safe_dump({"version": 1, "actors": entries}, sort_keys=False,
                          allow_unicode=True)


def agents_to_vocabulary(agents: list[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """Resolver vocabulary (``group_nouns``) from imported agents, and how many were skipped.

    detente's resolver matches one-word agent nouns ("militia", "clerics") after a demonym or
    country; multi-word PETRARCH agent phrases have no equivalent yet and are counted as skipped.
    """
    nouns: dict[str, str] = {}
    skipped = 0
    for agent in agents:
        words = [agent["phrase"], *agent.get("plurals", [])]
        if agent.get("sector") and all(" " not in w for w in words):
            for word in words:
                nouns.setdefault(word, agent["sector"])
        else:
            skipped += 1
    return {"version": 1, "group_nouns": nouns}, skipped
