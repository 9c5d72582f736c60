"""Datasets out and in: one module per format behind a registry; export() and import_file() serve the CLI and the TUI."""

from __future__ import annotations

from .exporting import export
from .features import jsonl_features
from .importing import import_file
from .options import ExportOptions, ImportOptions, parse_split
from .registry import EXPORTERS, IMPORTERS, Exporter, Importer
from .report import ExportReport, ImportReport

__all__ = [
    "EXPORTERS",
    "IMPORTERS",
    "ExportOptions",
    "ExportReport",
    "Exporter",
    "ImportOptions",
    "ImportReport",
    "Importer",
    "export",
    "import_file",
    "jsonl_features",
    "parse_split",
]
