"""What an export selects and how it splits: the options the CLI and the TUI both pass to export()."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from chipread.errors import ExportFailed

_SPLIT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")


@dataclass(frozen=True)
class ExportOptions:
    """Empty tuples mean "no filter"."""

    annotators: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    entities: bool = False
    include_all: bool = False
    split: tuple[tuple[str, float], ...] | None = None
    seed: int = 0
    no_overlaps: bool = False  # doccano: only non-overlapping spans (for a project that refuses overlaps)


@dataclass(frozen=True)
class ImportOptions:
    """What an import may be told beyond the file: for brat, the type mapping and how spans are stored."""

    maps: tuple[str, ...] = ()  # --map values in order: preset names, TYPE=LABEL, .toml files
    quote_extent: str | None = None  # brat: "exact" (spans as in the .ann) or "guidelines"; None: the config's
    join_fragments: bool = False


def parse_split(text: str) -> tuple[tuple[str, float], ...]:
    """ "train=0.8,dev=0.1,test=0.1" -> (("train", 0.8), ...); ExportFailed (one line) if malformed."""
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    if not parts:
        raise ExportFailed("--split is empty; use e.g. train=0.8,dev=0.1,test=0.1")
    out: list[tuple[str, float]] = []
    for part in parts:
        name, eq, value = part.partition("=")
        name = name.strip()
        if not eq or not _SPLIT_NAME.match(name):
            raise ExportFailed(f"--split: {part!r} is not NAME=RATIO (e.g. train=0.8)")
        try:
            ratio = float(value)
        except ValueError:
            raise ExportFailed(f"--split: {value.strip()!r} is not a number (in {part!r})") from None
        if not math.isfinite(ratio) or ratio <= 0:
            raise ExportFailed(f"--split: the ratio of {name!r} must be above 0")
        if any(n == name for n, _ in out):
            raise ExportFailed(f"--split: {name!r} is given twice")
        out.append((name, ratio))
    total = sum(r for _, r in out)
    if abs(total - 1.0) > 1e-3:
        raise ExportFailed(f"--split: the ratios add up to {total:g}, not 1")
    return tuple(out)
