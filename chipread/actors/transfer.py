"""Reading an actors export back (`chipread import FILE --format actors`): the confirmed records, one write per annotator."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from chipread.errors import ImportFailed
from chipread.model import utc_now
from chipread.store import check_annotator

from .model import ActorRecord
from .registry import ActorRegistry

if TYPE_CHECKING:
    from chipread.workspace import Workspace


@dataclass
class ActorImport:
    records: int = 0
    imported: int = 0
    proposed: int = 0  # lines of proposed actors: chipread proposes them again, nothing to store
    problems: list[str] = field(default_factory=list)

    def summary(self, path: Path, strict: bool) -> str:
        if strict and self.problems:
            return f"imported nothing from {path}: {len(self.problems)} bad line(s) of {self.records} (--strict)"
        extra = f"; {self.proposed} proposed actor(s) left to be proposed again" if self.proposed else ""
        return f"imported {self.imported} confirmed actor(s) from {path}{extra}"


def _record(obj: object, where: str) -> tuple[str | None, ActorRecord] | str:
    if not isinstance(obj, dict):
        return f"{where}: expected a JSON object"
    aliases, pins = obj.get("aliases", []), obj.get("pins", [])
    if not isinstance(obj.get("id"), str) or not obj["id"].strip():
        return f'{where}: "id" must be a non-empty string'
    if not isinstance(obj.get("name"), str) or not obj["name"].strip():
        return f'{where}: "name" must be a non-empty string'
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        return f'{where}: "aliases" must be a list of names'
    if not isinstance(pins, list) or not all(isinstance(p, str) and p for p in pins):
        return f'{where}: "pins" must be a list of span ids'
    who = obj.get("annotator")
    if who is not None and not isinstance(who, str):
        return f'{where}: "annotator" must be a string'
    now = utc_now()
    kind = obj.get("kind") if isinstance(obj.get("kind"), str) else ""
    return who, ActorRecord(obj["id"], " ".join(obj["name"].split()), kind, tuple(aliases), tuple(pins), now, now)


def import_actors(ws: Workspace, path: Path, annotator: str | None = None, strict: bool = False) -> ActorImport:
    """Store the confirmed actors of an actors export, the file winning over records with the same id or names."""
    report = ActorImport()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ImportFailed(f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"cannot read {path}: {exc}") from None
    by_annotator: dict[str, list[ActorRecord]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        report.records += 1
        try:
            parsed = _record(json.loads(line), f"line {number}")
        except ValueError as exc:
            parsed = f"line {number}: not JSON ({exc})"
        if isinstance(parsed, str):
            report.problems.append(parsed)
            continue
        who, record = parsed
        if not record.aliases and not record.pins:
            report.proposed += 1
            continue
        by_annotator.setdefault(check_annotator(annotator or who or ws.annotator), []).append(record)
    if strict and report.problems:
        return report
    for who in sorted(by_annotator):
        ws.store.require_writer(who, "import")
        registry = ActorRegistry(ws.store, who)
        try:
            report.imported += registry.import_records(by_annotator[who], f"import actors from {path.name}")
        finally:
            registry.close()
    return report
