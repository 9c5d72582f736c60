"""import_file(): read a file, check every record, then write the good ones into the store (or none with strict).

Decisions, all in one place:
- Nothing half-imported: every record is read and checked (offsets, span text, labels,
  status, annotator, relations) and every article resolved before anything is written; a
  bad record is listed line by line and left out, and with strict nothing is written.
- Articles are matched by id (if the corpus's text is the record's text), else by exact
  text; an article in no corpus is added to the store's imported articles, with the
  record's meta (title, source, published, url, path, handle).
- Each (article, annotator) is one atomic, fsync'd write of its store file, taken under
  that annotator's writer lock (a locked annotator: one clear error, nothing written).
  Each such write is one undo step ("import N spans from F"): `u` in the reader takes that
  article's import back as a whole, and the history stays linear, so undoing an earlier
  tag can never leave an imported relation pointing at a span that is gone.
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
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from chipread.errors import ImportFailed
from chipread.model import Article, ArticleState, Relation, Span, text_hash
from chipread.session import utc_now
from chipread.store import Change, check_annotator, file_meta

from .hashes import stable_id
from .incoming import Incoming, Problem, check, short
from .options import ImportOptions
from .registry import IMPORTERS, ImportContext
from .report import ImportReport

if TYPE_CHECKING:
    from chipread.workspace import Workspace


def import_file(
    ws: Workspace,
    path: str | Path,
    fmt: str = "jsonl",
    annotator: str | None = None,
    strict: bool = False,
    *,
    options: ImportOptions | None = None,
    clock: Callable[[], str] = utc_now,
) -> ImportReport:
    importer = IMPORTERS.get(fmt)
    if importer is None:
        raise ImportFailed(f"unknown import format {fmt!r} (choose from {', '.join(sorted(IMPORTERS))})")
    if annotator is not None:
        check_annotator(annotator)
    path = Path(path)
    report = ImportReport(fmt=fmt, path=str(path), strict=strict)

    good: list[Incoming] = []
    ignored: Counter = Counter()
    counts: Counter = Counter()
    for item in importer.read(path, ImportContext(ws, options or ImportOptions())):
        report.records += 1
        if isinstance(item, Problem):
            report.bad += 1
            report.problems.append(str(item))
            continue
        ignored.update(item.ignored)
        counts.update(item.counts)
        report.bad_lines += len(item.left_out)
        report.problems.extend(f"{item.where} {p}" for p in item.left_out)
        if item.skip:
            report.skipped[item.skip] += 1
            continue
        problems = check(item)
        if problems:
            report.bad += 1
            report.problems.extend(f"{item.where}: {p}" for p in problems)
            continue
        good.append(item)

    new_articles: dict[str, Article] = {}
    resolved: list[tuple[Incoming, Article]] = []
    for item in good:
        article = _resolve(ws, item, new_articles, path, report)
        if article is not None:
            resolved.append((item, article))

    for reason, n in sorted(report.skipped.items()):
        report.notes.append(f"left out {n} record(s) with {reason}")
    if ignored:
        parts = ", ".join(f"{kind} {n}" for kind, n in sorted(ignored.items()))
        report.notes.append(f"left out {sum(ignored.values())} result(s) that are not labelled text spans ({parts})")
    if importer.notes is not None:
        report.notes.extend(importer.notes(counts))
    if strict and (report.bad or report.bad_lines):
        return report

    groups: dict[tuple[str, str], list[Incoming]] = {}
    articles: dict[str, Article] = {}
    for item, article in resolved:
        articles[article.id] = article
        if item.annotator is None and not item.spans and not item.relations and item.status in (None, "todo"):
            continue  # an article and nothing else (an unannotated article exported with --all)
        who = annotator or item.annotator or ws.annotator
        groups.setdefault((article.id, who), []).append(item)

    for who in sorted({who for _, who in groups}):
        ws.store.require_writer(who, "import")
    used = {article_id for article_id, _ in groups} | {a.id for _, a in resolved}
    for article_id, article in new_articles.items():
        if article_id in used:
            ws.add_imported(article)
            report.articles_added += 1
    unknown: Counter = Counter()
    for (article_id, who), items in groups.items():
        _write(ws, articles[article_id], who, items, clock, report, unknown)
    report.imported = len(resolved)
    if unknown:
        parts = ", ".join(f"{label} {n}" for label, n in sorted(unknown.items()))
        report.notes.append(
            f"imported {sum(unknown.values())} span(s) with labels that are not in the label set "
            f"({parts}); add them to chipread.toml to tag them in the reader"
        )
    return report


def _resolve(
    ws: Workspace, item: Incoming, new: dict[str, Article], path: Path, report: ImportReport
) -> Article | None:
    """The store's article for a record: by id (same text), else by exact text, else a new imported one."""
    text = item.text
    aid = item.article_id.strip() if isinstance(item.article_id, str) else None
    if aid and aid in new:
        if new[aid].text == text:
            return new[aid]
        return _bad(report, item, f"article {short(aid)} appears earlier in this file with a different text")
    if aid and ws.has_article(aid):
        article = ws.get(aid)
        if article.text == text:
            return article
    info = ws.find_by_text(text)
    if info is not None:
        return ws.get(info.id)
    if aid and ws.has_article(aid):
        return _bad(
            report,
            item,
            f"article {short(aid)} has a different text in this corpus (changed since the "
            f"export?): its offsets would not fit",
        )
    new_id = aid or text_hash(text)
    existing = new.get(new_id)
    if existing is not None:
        return existing if existing.text == text else _bad(report, item, f"two texts with the id {short(new_id)}")
    article = _new_article(ws, new_id, text, item.meta, path)
    new[new_id] = article
    return article


def _bad(report: ImportReport, item: Incoming, message: str) -> None:
    report.bad += 1
    report.problems.append(f"{item.where}: {message}")
    return None


def _str(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _new_article(ws: Workspace, article_id: str, text: str, meta: dict, path: Path) -> Article:
    published = None
    if _str(meta, "published"):
        try:
            published = date.fromisoformat(_str(meta, "published")[:10])
        except ValueError:
            published = None
    handles = {info.handle for info in ws.infos()}
    handle = _str(meta, "handle") or article_id[:12]
    if handle in handles:
        handle = f"{handle}-{article_id[:6]}"
    first_line = text.strip().split("\n", 1)[0].strip()
    return Article(
        id=article_id,
        handle=handle,
        path=_str(meta, "path") or f"{path.name}",
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
    # One undoable step: `u` in the reader takes the whole import of this article back, and the
    # history stays linear (nothing the user undoes can leave a relation pointing at nothing).
    added = sum(1 for c in changes.values() if c.table == "spans" and c.before is None)
    file.apply(
        list(changes.values()),
        meta=file_meta(article, who),
        record="push",
        description=f"import {added} span{'s' if added != 1 else ''} from {Path(report.path).name}",
    )
