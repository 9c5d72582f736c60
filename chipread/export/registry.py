"""The export and import formats by name: what the CLI's --format offers and the TUI's export screen lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chipread.model import LabelSet
    from chipread.workspace import Workspace

    from .options import ExportOptions, ImportOptions


LEFT_OUT_SPANS = "export.left_out:spans"
LEFT_OUT_RELATIONS = "export.left_out:relations"


@dataclass
class ExportContext:
    """What writers share during one export: the workspace, the options, and counters that become notes."""

    ws: Workspace
    options: ExportOptions
    labels: LabelSet
    counters: Counter = field(default_factory=Counter)
    # What a format builds once per export and shares (the actors' grouping: chipread.export.actors).
    shared: dict[str, Any] = field(default_factory=dict)

    def leave_out(self, spans: int = 0, relations: int = 0) -> None:
        """A writer did not write these spans or relations of a record: the summary counts what was written."""
        self.counters[LEFT_OUT_SPANS] += spans
        self.counters[LEFT_OUT_RELATIONS] += relations


@dataclass(frozen=True)
class Companion:
    suffix: str  # replaces the output's suffix: data.json -> data.label-config.xml
    data: bytes
    what: str  # "the labeling config"
    use: str  # what to do with it, for the note


class Writer:
    """A streaming writer: write() each record as it comes, close() at the end (never the whole file in memory)."""

    def __init__(self, out: Any, ctx: ExportContext) -> None:
        self.out = out
        self.ctx = ctx

    def write(self, record: Any) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        """What this format changed or left out, from ctx.counters (several writers share them with --split)."""
        return []

    @staticmethod
    def companion(ctx: ExportContext) -> Companion | None:
        """A file the output needs beside it (Label Studio's labeling config): written with a file export,
        once for all its splits, and committed with it."""
        return None


@dataclass(frozen=True)
class Exporter:
    name: str
    summary: str
    extension: str
    writer: type[Writer]
    folder: bool = False
    binary: bool = False
    entities: bool = False


@dataclass
class ImportContext:
    """What a reader may use besides the path: the workspace (labels, config) and the import's options."""

    ws: Workspace
    options: ImportOptions


@dataclass(frozen=True)
class Importer:
    name: str
    summary: str
    read: Callable[[Any, ImportContext], Any]  # (path, ctx) -> records and problems
    # What the format counted while reading (Incoming.counts, summed over the file) as notes for the user.
    notes: Callable[[Counter], list[str]] | None = None


EXPORTERS: dict[str, Exporter] = {}
IMPORTERS: dict[str, Importer] = {}


def register_exporter(exporter: Exporter) -> Exporter:
    EXPORTERS[exporter.name] = exporter
    return exporter


def register_importer(importer: Importer) -> Importer:
    IMPORTERS[importer.name] = importer
    return importer


def _load_formats() -> None:
    # Each module registers itself; spaCy is imported only when the spacy writer runs.
    from . import (  # noqa: F401
        actors,
        brat,
        conll,
        csv_table,
        doccano,
        import_brat,
        import_doccano,
        import_jsonl,
        import_labelstudio,
        jsonl,
        labelstudio,
        spacy_docbin,
    )


_load_formats()
