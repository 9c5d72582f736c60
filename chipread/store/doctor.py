"""Checking a store for damage, and moving damaged files aside while salvaging what still reads."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from chipread.errors import StoreCorrupt
from chipread.store.atomic import TMP_SUFFIX, atomic_write
from chipread.store.storage import dump_tables, load_tables

_TABLE_LINE = re.compile(r'^"([^"]+)": \{$')
_RECORD_LINE = re.compile(r'^"([^"]+)": (\{.*\}),?\}?,?$')


@dataclass(frozen=True)
class Problem:
    path: Path
    kind: str  # "damaged" or "leftover"
    detail: str


def scan(root: Path) -> list[Problem]:
    """Every damaged store file and every leftover temporary file under `root`."""
    problems: list[Problem] = []
    if not root.is_dir():
        return problems
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        if path.name.endswith(TMP_SUFFIX):
            problems.append(Problem(path, "leftover", "unfinished write from an interrupted process"))
        elif path.suffix == ".json" and not path.name.startswith(".") and "backup-" not in str(path.parent.name):
            try:
                if path.parent.name == "_imported" or path.name == "store.json":
                    json.loads(path.read_text(encoding="utf-8"))
                else:
                    load_tables(path)
            except StoreCorrupt as exc:
                problems.append(Problem(path, "damaged", str(exc).split(" (", 1)[-1].split(")", 1)[0]))
            except (ValueError, UnicodeDecodeError) as exc:
                problems.append(Problem(path, "damaged", f"not valid JSON ({exc})"))
    return problems


def salvage(path: Path) -> dict[str, dict[str, object]]:
    """The records of a damaged store file that still parse, line by line (chipread writes one per line)."""
    tables: dict[str, dict[str, object]] = {}
    current: str | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        table = _TABLE_LINE.match(line)
        if table:
            current = table.group(1)
            tables.setdefault(current, {})
            continue
        record = _RECORD_LINE.match(line)
        if record and current is not None:
            try:
                value = json.loads(record.group(2))
            except ValueError:
                continue
            if isinstance(value, dict):
                tables[current][record.group(1)] = value
    return tables


def fix(problem: Problem) -> str:
    """Repair one problem without destroying anything; returns what was done, in one line."""
    if problem.kind == "leftover":
        problem.path.unlink(missing_ok=True)
        return f"removed {problem.path} (a write that never completed)"
    aside = problem.path.with_name(f"{problem.path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    problem.path.rename(aside)
    if problem.path.parent.name == "_imported" or problem.path.name == "store.json":
        return f"moved {problem.path} to {aside}"
    tables = salvage(aside)
    count = sum(len(rows) for name, rows in tables.items() if name in ("spans", "relations"))
    if tables:
        atomic_write(problem.path, dump_tables(tables))
    return f"moved {problem.path} to {aside}; salvaged {count} spans and relations into a new file"
