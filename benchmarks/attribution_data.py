"""Attribution references for the benchmarks: brat folders (PolNeAR) and chipread jsonl, as scorer records."""

from __future__ import annotations

import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chipread.config import read_guidelines  # noqa: E402
from chipread.export.import_brat import brat_files  # noqa: E402
from chipread.guidelines import Guidelines  # noqa: E402
from chipread.nlp.attribution_scoring import Attribution  # noqa: E402


def _polnear() -> Path:
    """PolNeAR's folder: $CHIPREAD_POLNEAR, else shared/polnear beside the checkout (../shared/polnear) or beside
    the folder holding it (a git worktree one level down)."""
    if os.environ.get("CHIPREAD_POLNEAR"):
        return Path(os.environ["CHIPREAD_POLNEAR"])
    near = [up / "shared" / "polnear" for up in (ROOT.parent, ROOT.parent.parent)]
    return next((p for p in near if p.is_dir()), near[0])


POLNEAR = _polnear()
# PolNeAR's conventions: a direct quotation keeps its marks and the comma before the closing mark, a claim its
# "that", and each word belongs to one attribution. As chipread.toml states them: bench_keys writes this table
# into its config, so the keys and the scores are measured under the same conventions.
POLNEAR_TABLE = {"quote_marks": "in", "host_punctuation": "in", "complementizer": "in", "nesting": "flat"}
POLNEAR_GUIDELINES = read_guidelines(POLNEAR_TABLE, "PolNeAR's conventions")
_OPENING = "\"“‘'«„"


@dataclass(frozen=True)
class Reference:
    """One annotated text: its name, annotator, text, attributions, and (for brat) each one's cue."""

    name: str
    annotator: str
    text: str
    attributions: tuple[Attribution, ...]
    cues: tuple[tuple[tuple[int, int], ...] | None, ...] = ()


def brat_reference(folder: Path) -> list[Reference]:
    """Every .ann under folder whose E lines tie Content, Source and Cue (PolNeAR's scheme)."""
    found, _ = brat_files(folder)
    out = []
    for f in sorted(found, key=lambda f: str(f.ann)):
        if f.document is None:
            continue
        text, standoff = f.document.text, f.document.standoff
        attributions, cues = [], []
        for event in standoff.events:
            roles = dict(event.args)
            content = standoff.textbounds.get(roles.get("Content", ""))
            if content is None:
                continue
            source = standoff.textbounds.get(roles.get("Source", ""))
            cue = standoff.textbounds.get(roles.get("Cue", ""))
            frags = tuple(sorted(content.fragments))
            direct = text[frags[0][0] : frags[0][1]].lstrip()[:1] in _OPENING
            attributions.append(Attribution(frags, tuple(sorted(source.fragments)) if source else None, direct))
            cues.append(tuple(sorted(cue.fragments)) if cue else None)
        stem = re.sub(r"_[0-9a-f]{4}$", "", f.ann.stem)
        out.append(Reference(stem, f.annotator or "", text, tuple(attributions), tuple(cues)))
    return out


def jsonl_reference(path: Path) -> list[Reference]:
    """chipread jsonl export: each quote or claim span is an attribution, its source the actor it is linked to."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        spans = {s["id"]: s for s in record["spans"]}
        # Every actor a quote or claim is linked to ("Qin and Hayashi said"): naming any of them is right.
        source_of: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for rel in record.get("relations", []):
            child = spans.get(rel.get("child_id"))
            if child is not None:
                source_of[rel["head_id"]].append((child["start"], child["end"]))
        attributions = []
        for s in record["spans"]:
            if s["label"] not in ("quote", "claim"):
                continue
            src = tuple(sorted(source_of.get(s["id"], ()))) or None
            attributions.append(Attribution(((s["start"], s["end"]),), src, s["label"] == "quote"))
        handle = record.get("meta", {}).get("handle") or record["id"]
        out.append(Reference(handle, record.get("annotator", ""), record["text"], tuple(attributions)))
    return out


def one_per_text(references: list[Reference]) -> list[Reference]:
    """The first annotator's work on each text (PolNeAR has some texts annotated by several)."""
    seen, out = set(), []
    for r in references:
        if r.name not in seen:
            seen.add(r.name)
            out.append(r)
    return out


def load(reference: str) -> tuple[list[Reference], Guidelines, str]:
    """A reference named on the command line: polnear-dev, polnear-train, a brat folder or a jsonl file."""
    if reference.startswith("polnear-"):
        folder = POLNEAR / reference.removeprefix("polnear-")
        if not folder.is_dir():
            raise SystemExit(f"{folder} is not here: PolNeAR lives beside the project in ../shared/polnear")
        return one_per_text(brat_reference(folder)), POLNEAR_GUIDELINES, f"PolNeAR {reference[8:]}"
    path = Path(reference)
    if path.is_dir():
        return one_per_text(brat_reference(path)), POLNEAR_GUIDELINES, str(path)
    return jsonl_reference(path), Guidelines(), str(path)
