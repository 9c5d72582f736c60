"""export(): the one function behind `chipread export` and the reader's export screen."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from chipread.errors import ExportFailed, StoreError
from chipread.model import STATUSES
from chipread.store import read_article_file

from .atomic import AtomicFile, AtomicFolder, StdoutTarget, commit_files, is_stdout
from .options import ExportOptions
from .records import Stats, iter_records, make_plan, selected_article_ids
from .registry import EXPORTERS, LEFT_OUT_RELATIONS, LEFT_OUT_SPANS, ExportContext
from .report import ExportReport
from .split import assign_splits, split_path

if TYPE_CHECKING:
    from chipread.workspace import Workspace

COMPANION = "\0companion"  # the key of the companion file among the targets (never a split name)


def export(
    ws: Workspace,
    fmt: str,
    output: str | Path = "-",
    options: ExportOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ExportReport:
    """Write the selected annotations as `fmt` to `output` ("-" is stdout); returns what was written and notes.

    Records stream from the store to the file one article at a time; files are written
    atomically (a temp file renamed over), and with a split every file is renamed in only
    once all are complete. `progress(articles_done, articles_planned)` is called per article (planned: the articles
    with stored work, or all with --all; a status filter can leave some out, so done may stop short).
    """
    options = options or ExportOptions()
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ExportFailed(f"unknown export format {fmt!r} (choose from {', '.join(sorted(EXPORTERS))})")
    for status in options.statuses:
        if status not in STATUSES:
            raise ExportFailed(f"unknown status {status!r} (use {', '.join(STATUSES)})")
    output = str(output)
    to_stdout = output in ("-", "") or is_stdout(output)
    if to_stdout and options.split:
        raise ExportFailed(
            "--split writes one file per split: give -o FILE (data.jsonl gives data.train.jsonl, data.dev.jsonl, ...)"
        )
    if to_stdout and exporter.folder:
        raise ExportFailed(f"{fmt} writes a folder of files: give -o FOLDER")
    if to_stdout and exporter.binary and sys.stdout.isatty():
        raise ExportFailed(f"{fmt} is a binary file: give -o FILE{exporter.extension}")

    if not to_stdout:
        _check_outside_data(ws, Path(output), exporter.folder)
    _check_labels(ws, options)

    report = ExportReport(fmt=fmt, output="-" if to_stdout else output)
    stats = Stats()
    plan = make_plan(ws, options, stats)
    ctx = ExportContext(ws=ws, options=options, labels=ws.labels)

    assignment: dict[str, str] | None = None
    names = [""]
    if options.split:
        assignment = assign_splits(selected_article_ids(ws, plan, options), options.split, options.seed)
        names = [name for name, _ in options.split]
        report.splits = {name: 0 for name in names}
    if to_stdout:
        targets = {"": StdoutTarget()}
    elif exporter.folder:
        # One folder swapped in whole; splits are its subfolders.
        targets = {"": AtomicFolder(Path(output))}
    else:
        targets = {name: AtomicFile(split_path(Path(output), name) if name else Path(output)) for name in names}

    writers = {}
    records = None
    extra = None
    try:
        opened = {key: target.open() for key, target in targets.items()}
        for name in names:
            if exporter.folder:
                sink = opened[""] / name if name else opened[""]
                sink.mkdir(exist_ok=True)
            else:
                sink = opened[name]
            writers[name] = exporter.writer(sink, ctx)
        last_article = None
        done = 0
        planned = (
            len(assignment)
            if assignment is not None
            else sum(1 for entry in plan if entry.sources or options.include_all)
        )
        records = iter_records(ws, plan, options, stats)
        for record in records:
            article_id = record.article.id
            name = assignment.get(article_id, "") if assignment is not None else ""
            writer = writers.get(name)
            if writer is None:
                # The store changed between the pass that dealt out the splits and this one (another
                # chipread saved a status): stop rather than leave the article out of every split.
                raise ExportFailed(
                    f"article {record.article.handle} was not in the selection a moment ago (the "
                    f"store changed during the export); nothing was written, run it again"
                )
            writer.write(record)
            report.records += 1
            report.spans += len(record.spans)
            report.relations += len(record.relations)
            if article_id != last_article:
                report.articles += 1
                done += 1
                last_article = article_id
                if assignment is not None:
                    report.splits[name] += 1
                if progress is not None:
                    progress(done, planned)
        for writer in writers.values():
            writer.close()
        # What the format could not hold (conll's relations and overlaps) is not counted as exported.
        report.spans -= ctx.counters[LEFT_OUT_SPANS]
        report.relations -= ctx.counters[LEFT_OUT_RELATIONS]
        extra = exporter.writer.companion(ctx)
        if extra is not None and not to_stdout and not exporter.folder:
            path = Path(output)
            targets[COMPANION] = companion = AtomicFile(path.with_name(path.stem + extra.suffix))
            companion.open().write(extra.data)
        files = [t for t in targets.values() if isinstance(t, AtomicFile)]
        if files:
            commit_files(files)  # the files of a split appear together or not at all
        for target in targets.values():
            if not isinstance(target, AtomicFile):
                target.commit()
    except BaseException:
        if records is not None:
            records.close()  # stops reading the store now, not when the traceback goes
        for target in targets.values():
            target.abort()
        raise
    report.files = [] if to_stdout else [t.name for t in targets.values()]
    report.notes = stats.notes(options) + exporter.writer.notes(ctx)
    if extra is not None:
        if to_stdout:
            report.notes.append(f"{fmt}: {extra.what} is written beside the file with -o FILE (not to stdout)")
        else:
            report.notes.append(f"{fmt}: wrote {extra.what} to {targets[COMPANION].name}: {extra.use}")
    if options.entities and not exporter.entities:
        report.notes.append(f"--entities: the {fmt} format has no place for machine entities; they were not written")
    if assignment is not None:
        for name, count in report.splits.items():
            if count == 0:
                report.notes.append(
                    f"--split: {name} is empty ({report.articles} article(s) are too few for its ratio)"
                )
    if report.records == 0:
        report.notes.append("nothing matched the selection: the output has no records")
    return report


def _check_labels(ws: Workspace, options: ExportOptions) -> None:
    """A --label that is neither in the label set nor on any stored span is a typo: an error before anything
    is written (an empty dataset would look like a successful export). Only such a label costs a look at the store."""
    unknown = [label for label in options.labels if label not in ws.labels]
    if not unknown:
        return
    stored: set[str] = set()
    for who in options.annotators or ws.store.annotators():
        for path in ws.store.file_paths(who):
            try:
                annotations, _ = read_article_file(path, "", who)
            except StoreError:
                continue  # a damaged file is reported by the export itself
            stored.update(s.label for s in annotations.spans)
    for label in unknown:
        if label not in stored:
            raise ExportFailed(
                f"--label {label}: no such label (the label set has {', '.join(ws.labels.names)}, and no stored "
                f"span has it either)"
            )


def _check_outside_data(ws: Workspace, output: Path, folder: bool) -> None:
    """An export must not land where chipread reads: in the store (it would be taken for a stray
    annotation file) or in the corpus folder as something the corpus loads (brat's .txt files)."""
    from chipread.corpus.folder import FORMATS

    where = output.resolve()
    store = Path(ws.store.root).resolve()
    if where == store or store in where.parents:
        raise ExportFailed(f"{output} is inside the annotation store {ws.store.root}; write the export elsewhere")
    # The files chipread reads (a .jsonl corpus, the config, the gazetteer) are never replaced by an export.
    for kept, what in (
        (ws.corpus.root, "the corpus"),
        (ws.config.path, "the config"),
        (ws.gazetteer_path, "the gazetteer"),
    ):
        if kept is not None and Path(kept).is_file() and where == Path(kept).resolve():
            raise ExportFailed(f"{output} is {what} ({kept}); write the export elsewhere")
    corpus = Path(ws.corpus.root).resolve()
    if corpus.is_dir() and (where == corpus or corpus in where.parents) and (folder or where.suffix.lower() in FORMATS):
        raise ExportFailed(
            f"{output} is inside the corpus {ws.corpus.root} and would be read as articles next time; "
            f"write the export elsewhere"
        )
