"""import_file(): read a file, check every record, then write the good ones into the store (or none with strict).

Decisions, all in one place:
- Nothing half-imported: every record is read and checked (offsets, span text, labels,
  status, annotator, relations) and every article resolved before anything is written; a
  bad record is listed line by line and left out, and with strict nothing is written.
- Imported text is untrusted like corpus text: it is sanitized the same way (escape sequences,
  control and bidi characters removed, newlines made one kind) with every span moved to the
  same characters, or the record is refused with a line when that cannot be exact; labels,
  ids and meta strings are checked or cleaned; a text over the corpus's size limit is refused.
- Streamed: the file is read twice, record by record (a pass that checks and resolves, then
  one that writes), so memory holds one (article, annotator) group at a time, not the file.
  A record that changed between the passes stops the import.
- Articles are matched by id (if the corpus's text is the record's text), else by exact
  text; an article in no corpus is added to the store's imported articles, with the
  record's meta (title, source, published, url, path, handle).
- Each (article, annotator) is one atomic, fsync'd write of its store file, taken under
  that annotator's writer lock (a locked annotator: one clear error, nothing written).
  Each such write is one undo step ("import N spans from F"): `u` in the reader takes that
  article's import back as a whole, and the history stays linear, so undoing an earlier
  tag can never leave an imported relation pointing at a span that is gone.
- An import cut off while writing (a full disk, Ctrl-C, SIGTERM) says what it had written:
  every write before it is whole, and importing the file again completes it.
- Merging into existing work: a span with a known id is kept if identical, replaced if not
  (the file wins); a span with a new id but the same offsets and label as an existing span
  is a duplicate and skipped (relations follow it); relations likewise. So importing the
  same file twice changes nothing, and a crash midway is repaired by importing again.
- Span and relation ids come from the file; where a format has none they are made stable
  from article, annotator, offsets and label. Status: taken from the record, except that an
  import never lowers an existing status to todo, and a record without one leaves the
  existing status as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from chipread.corpus.sanitize import clean_line
from chipread.errors import ChipreadError, ImportFailed, ImportInterrupted, Terminated
from chipread.model import Article, ArticleState, Relation, Span, text_hash, utc_now
from chipread.store import Change, check_annotator, file_meta

from .hashes import stable_id
from .incoming import Incoming, Problem, check, make_safe, short
from .options import ImportOptions
from .registry import IMPORTERS, ImportContext, Importer
from .report import ImportReport

if TYPE_CHECKING:
    from chipread.workspace import Workspace

# progress(stage, records done): stage "checked" during the first pass, "imported" during the second.
Progress = Callable[[str, int], None]


@dataclass
class _Target:
    """Where a good record goes, decided in the first pass (small: the text is not kept)."""

    article_id: str
    who: str | None  # None: the record brings only its article
    digest: str  # text_hash of the record's (sanitized) text, to see it unchanged in the second pass


def import_file(
    ws: Workspace,
    path: str | Path,
    fmt: str = "jsonl",
    annotator: str | None = None,
    strict: bool = False,
    *,
    options: ImportOptions | None = None,
    clock: Callable[[], str] = utc_now,
    progress: Progress | None = None,
) -> ImportReport:
    importer = IMPORTERS.get(fmt)
    if importer is None:
        raise ImportFailed(f"unknown import format {fmt!r} (choose from {', '.join(sorted(IMPORTERS))})")
    if annotator is not None:
        check_annotator(annotator)
    path = Path(path)
    report = ImportReport(fmt=fmt, path=str(path), strict=strict)

    # Pass 1: check every record and decide where it goes; nothing is written.
    targets: dict[int, _Target] = {}
    new_articles: dict[str, tuple[str, int]] = {}  # id -> (text hash, record number) of articles new to the store
    ignored: Counter = Counter()
    counts: Counter = Counter()
    context = ImportContext(ws, options or ImportOptions())
    for number, item in enumerate(_good(importer, path, context, report, ignored, counts, progress, "checked")):
        if item is None:
            continue
        article_id = _resolve(ws, item, new_articles, number, report)
        if article_id is None:
            continue
        bare = item.annotator is None and not item.spans and not item.relations and item.status in (None, "todo")
        who = None if bare else annotator or item.annotator or ws.annotator
        targets[number] = _Target(article_id, who, text_hash(item.text))

    for reason, n in sorted(report.skipped.items()):
        report.notes.append(f"left out {n} record(s) with {reason}")
    if ignored:
        parts = ", ".join(f"{kind} {n}" for kind, n in sorted(ignored.items()))
        report.notes.append(f"left out {sum(ignored.values())} result(s) that are not labelled text spans ({parts})")
    if importer.notes is not None:
        report.notes.extend(importer.notes(counts))
    if strict and (report.bad or report.bad_lines):
        return report
    report.imported = len(targets)

    writers = sorted({t.who for t in targets.values() if t.who is not None})
    for who in writers:
        ws.store.require_writer(who, "import")
    last: dict[tuple[str, str], int] = {}  # (article, annotator) -> the number of its last record
    needed: dict[str, int] = {}  # article -> the number of the last record that needs it
    for number, target in targets.items():
        needed[target.article_id] = number
        if target.who is not None:
            last[(target.article_id, target.who)] = number
    unknown: Counter = Counter()
    handles = {info.handle for info in ws.infos()}
    try:
        # Pass 2: the same records again, written group by group as each group's last record goes by.
        pending: dict[tuple[str, str], list[Incoming]] = {}
        articles: dict[str, Article] = {}
        for number, item in enumerate(_good(importer, path, context, None, None, None, progress, "imported")):
            target = targets.get(number)
            if target is None:
                continue
            if item is None or text_hash(item.text) != target.digest:
                raise ImportFailed(f"{path} changed while it was being imported; import it again")
            article = articles.get(target.article_id)
            if article is None:
                if target.article_id in new_articles:
                    article = _new_article(target.article_id, item.text, item.meta, path, handles)
                    ws.add_imported(article)
                    report.articles_added += 1
                else:
                    article = ws.get(target.article_id)
                articles[target.article_id] = article
            if needed[target.article_id] == number:
                del articles[target.article_id]  # memory holds the articles still to come, not every one
            if target.who is None:
                continue
            key = (target.article_id, target.who)
            pending.setdefault(key, []).append(item)
            if last[key] == number:
                counts = (report.spans_added, report.spans_updated, report.relations_added, report.duplicates)
                try:
                    _write(ws, article, target.who, pending.pop(key), clock, report, unknown)
                except BaseException:
                    # Not written: the counts of this article must not be in what the import says it wrote.
                    report.spans_added, report.spans_updated, report.relations_added, report.duplicates = counts
                    raise
                report.written += 1  # whole and durable: what an interrupted import says it wrote
                ws.store.release(article.id, target.who)
    except (ChipreadError, OSError, KeyboardInterrupt, Terminated) as exc:
        raise ImportInterrupted(exc, report.written_summary(len(last))) from None
    if unknown:
        parts = ", ".join(f"{label} {n}" for label, n in sorted(unknown.items()))
        report.notes.append(
            f"imported {sum(unknown.values())} span(s) with labels that are not in the label set "
            f"({parts}); add them to chipread.toml to tag them in the reader"
        )
    return report


def _good(
    importer: Importer,
    path: Path,
    context: ImportContext,
    report: ImportReport | None,
    ignored: Counter | None,
    counts: Counter | None,
    progress: Progress | None,
    stage: str,
) -> Iterator[Incoming | None]:
    """Every record of the file in order: checked and made safe, or None (a bad or skipped one). The first
    pass gives `report` (and the counters) to fill; the second passes None and only follows along."""
    done = 0
    for item in importer.read(path, context):
        done += 1
        if progress is not None:
            progress(stage, done)
        if report is not None:
            report.records += 1
        if isinstance(item, Problem):
            if report is not None:
                report.bad += 1
                report.problems.append(str(item))
            yield None
            continue
        if report is not None:
            ignored.update(item.ignored)
            counts.update(item.counts)
            report.bad_lines += len(item.left_out)
            report.problems.extend(f"{item.where} {p}" for p in item.left_out)
        if item.skip:
            if report is not None:
                report.skipped[item.skip] += 1
            yield None
            continue
        problems = check(item) or make_safe(item)
        if problems:
            if report is not None:
                report.bad += 1
                report.problems.extend(f"{item.where}: {p}" for p in problems)
            yield None
            continue
        yield item


def _resolve(
    ws: Workspace, item: Incoming, new: dict[str, tuple[str, int]], number: int, report: ImportReport
) -> str | None:
    """The id of the store's article for a record: by id (same text), else by exact text, else a new imported one."""
    text = item.text
    digest = text_hash(text)
    aid = item.article_id.strip() if isinstance(item.article_id, str) else None
    if aid and aid in new:
        if new[aid][0] == digest:
            return aid
        return _bad(report, item, f"article {short(aid)} appears earlier in this file with a different text")
    if aid and ws.has_article(aid):
        if ws.get(aid).text == text:
            return aid
    info = ws.find_by_text(text)
    if info is not None:
        return info.id
    if aid and ws.has_article(aid):
        return _bad(
            report,
            item,
            f"article {short(aid)} has a different text in this corpus (changed since the "
            f"export?): its offsets would not fit",
        )
    new_id = aid or digest
    existing = new.get(new_id)
    if existing is not None:
        return new_id if existing[0] == digest else _bad(report, item, f"two texts with the id {short(new_id)}")
    new[new_id] = (digest, number)
    return new_id


def _bad(report: ImportReport, item: Incoming, message: str) -> None:
    report.bad += 1
    report.problems.append(f"{item.where}: {message}")
    return None


def _str(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _new_article(article_id: str, text: str, meta: dict, path: Path, handles: set[str]) -> Article:
    """An article new to the store, from a record's (cleaned) meta; its handle unique among `handles` (updated)."""
    published = None
    if _str(meta, "published"):
        try:
            published = date.fromisoformat(_str(meta, "published")[:10])
        except ValueError:
            published = None
    handle = _str(meta, "handle") or clean_line(article_id)[:12] or "imported"
    if handle in handles:
        handle = f"{handle}-{clean_line(article_id)[:6]}"
    handles.add(handle)
    first_line = text.strip().split("\n", 1)[0].strip()
    return Article(
        id=article_id,
        handle=handle,
        path=_str(meta, "path") or clean_line(path.name),
        title=_str(meta, "title") or first_line[:200],
        text=text,
        source=_str(meta, "source"),
        published=published,
        url=_str(meta, "url"),
    )


def _write(
    ws: Workspace,
    article: Article,
    who: str,
    items: list[Incoming],
    clock: Callable[[], str],
    report: ImportReport,
    unknown: Counter,
) -> None:
    """Merge the records of one (article, annotator) into its store file: one atomic write."""
    # Work made on an earlier text of this article is moved to its id first, so nothing is left behind.
    ws.adopt_moved(article, who)
    file = ws.store.article_file(article.id, who)
    current = file.annotations(article.id, who)
    spans = {s.id: s for s in current.spans}
    by_key = {(s.start, s.end, s.label): s.id for s in current.spans if not s.flag}
    relations = {r.id: r for r in current.relations}
    rel_keys = {(r.head, r.child, r.label): r.id for r in current.relations}
    state = current.state
    changes: dict[tuple[str, str], Change] = {}
    now = clock()

    def change(table: str, key: str, before, after) -> None:
        first = changes.get((table, key))
        changes[(table, key)] = Change(table, key, first.before if first else before, after)

    for item in items:
        ids: list[str] = []
        for s in item.spans:
            key = (s.start, s.end, s.label)
            span_id = s.id or stable_id(article.id, who, s.start, s.end, s.label)
            old = spans.get(span_id)
            if old is not None:
                ids.append(span_id)
                if (old.start, old.end, old.label, old.text, old.flag) == (
                    s.start,
                    s.end,
                    s.label,
                    article.text[s.start : s.end],
                    None,
                ):
                    report.duplicates += 1
                    continue
                new = old.moved(
                    start=s.start, end=s.end, label=s.label, text=article.text[s.start : s.end], updated=now, flag=None
                )
                report.spans_updated += 1
            elif key in by_key:
                ids.append(by_key[key])
                report.duplicates += 1
                continue
            else:
                new = Span(
                    span_id,
                    article.id,
                    s.start,
                    s.end,
                    s.label,
                    article.text[s.start : s.end],
                    who,
                    now,
                    now,
                    origin="import",
                )
                report.spans_added += 1
                ids.append(span_id)
            if new.label not in ws.labels:
                unknown[new.label] += 1
            change("spans", span_id, old.to_dict() if old else None, new.to_dict())
            if old is not None:
                by_key.pop((old.start, old.end, old.label), None)
            spans[span_id] = new
            by_key[key] = span_id
        for r in item.relations:
            head, child = ids[r.head], ids[r.child]
            rel_id = r.id or stable_id(article.id, who, "rel", head, child, r.label)
            old_rel = relations.get(rel_id)
            if old_rel is not None and (old_rel.head, old_rel.child, old_rel.label) == (head, child, r.label):
                report.duplicates += 1
                continue
            if old_rel is None and (head, child, r.label) in rel_keys:
                report.duplicates += 1
                continue
            rel = Relation(rel_id, article.id, head, child, r.label, who, now)
            if old_rel is None:
                report.relations_added += 1
            change("relations", rel_id, old_rel.to_dict() if old_rel else None, rel.to_dict())
            relations[rel_id] = rel
            rel_keys[(head, child, r.label)] = rel_id
        # No status in the file (doccano, Label Studio, a script): an existing status stands (work
        # marked done stays done); a new one is what the reader would say (in progress once tagged).
        if item.status is None and state is not None and (state.status != "todo" or not (item.spans or item.relations)):
            continue
        status = item.status or ("in_progress" if item.spans or item.relations else "todo")
        if state is None or (status != "todo" and status != state.status):
            new_state = ArticleState(article.id, who, status, now, article.text_hash)
            change("state", article.id, state.to_dict() if state else None, new_state.to_dict())
            state = new_state
    if not changes:
        return
    ws.keep_text(article)  # the text these offsets point into, kept before they are written
    # One undoable step: `u` in the reader takes the whole import of this article back, and the
    # history stays linear (nothing the user undoes can leave a relation pointing at nothing).
    added = sum(1 for c in changes.values() if c.table == "spans" and c.before is None)
    file.apply(
        list(changes.values()),
        meta=file_meta(article, who),
        record="push",
        description=f"import {added} span{'s' if added != 1 else ''} from {Path(report.path).name}",
    )
