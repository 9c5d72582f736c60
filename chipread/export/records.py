"""The selected (article, annotator, annotations) records, streamed in a fixed order, per-article data built once."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chipread.errors import ArticleNotFound, ExportFailed, StoreCorrupt
from chipread.model import Article, ArticleInfo, Entity, Relation, Sentence, Span, Token
from chipread.store import file_name, read_article_file, reanchored

from .options import ExportOptions

if TYPE_CHECKING:
    from chipread.workspace import Workspace


@dataclass
class Stats:
    """What the selection left out or changed; turned into notes for the user (never silent)."""

    flagged: int = 0
    flagged_relations: int = 0
    label_spans: Counter = field(default_factory=Counter)
    label_relations: int = 0
    orphan_files: int = 0
    unreadable: list[str] = field(default_factory=list)
    missing_articles: list[str] = field(default_factory=list)
    copies_dropped: list[str] = field(default_factory=list)  # handles left out by --dedupe drop
    labels_seen: set = field(default_factory=set)
    # Articles whose work was exported against the text it was made on (the corpus text changed since).
    against_annotated: list[str] = field(default_factory=list)

    def notes(self, options: ExportOptions) -> list[str]:
        out = []
        if self.flagged:
            out.append(
                f"left out {self.flagged} span(s) whose text is no longer in the article (flagged when the text "
                f"changed; fix them in the reader)"
                + (f", and {self.flagged_relations} relation(s) attached to them" if self.flagged_relations else "")
            )
        if self.label_spans:
            parts = ", ".join(f"{label} {n}" for label, n in sorted(self.label_spans.items()))
            out.append(f"--label: left out {sum(self.label_spans.values())} span(s) with other labels ({parts})")
        if self.label_relations:
            out.append(f"--label: left out {self.label_relations} relation(s) whose head or child was filtered out")
        for label in options.labels:
            if label not in self.labels_seen:
                out.append(f"--label {label}: no exported span has this label")
        if self.orphan_files:
            out.append(
                f"{self.orphan_files} stored annotation file(s) belong to articles that are no longer in the corpus; not exported"
            )
        if self.against_annotated:
            shown = ", ".join(self.against_annotated[:5]) + (", ..." if len(self.against_annotated) > 5 else "")
            out.append(
                f"{len(self.against_annotated)} record(s) exported against the text they were annotated on, "
                f"not the article's current text, which changed where they have spans ({shown}); open them in "
                f"the reader to carry the work over and review the flagged spans"
            )
        out.extend(self.unreadable)
        out.extend(self.missing_articles)
        if self.copies_dropped:
            shown = ", ".join(self.copies_dropped[:5]) + (", ..." if len(self.copies_dropped) > 5 else "")
            n = len(self.copies_dropped)
            out.append(f"--dedupe: left out {n} wire {'copy' if n == 1 else 'copies'} of other articles ({shown})")
        return out


class ExportedArticle:
    """One article and what every record of it shares: tokens, sentences, entities, format caches."""

    __slots__ = ("article", "path", "cache", "copy_of", "_tokens", "_bounds", "_sentences", "_entities", "_ws")

    def __init__(self, article: Article, path: str, ws: Workspace) -> None:
        self.article = article
        self.path = path
        # Formats keep what they derive from the article alone here (e.g. the jsonl tokens), so
        # several annotators of one article cost one computation.
        self.cache: dict[str, Any] = {}
        # With --dedupe mark: {"article_id", "handle", "shared"} of the original it copies, or None; else absent.
        self.copy_of: dict[str, Any] | None | bool = False
        self._tokens: list[Token] | None = None
        self._bounds: tuple[Sequence[int], Sequence[int]] | None = None
        self._sentences: list[Sentence] | None = None
        self._entities: tuple[Entity, ...] | None = None
        self._ws = ws

    @property
    def text(self) -> str:
        return self.article.text

    def meta(self) -> dict[str, Any]:
        """The article's metadata as every format writes it: title, source, published (ISO), url, path, handle."""
        a = self.article
        meta = {
            "title": a.title,
            "source": a.source,
            "published": a.published.isoformat() if a.published else None,
            "url": a.url,
            "path": self.path,
            "handle": a.handle,
        }
        if self.copy_of is not False:
            meta["copy_of"] = self.copy_of
        return meta

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            from chipread.nlp import tokenize

            self._tokens = tokenize(self.article.text)
        return self._tokens

    @property
    def bounds(self) -> tuple[Sequence[int], Sequence[int]]:
        """(starts, ends) of the tokens: all that spans -> token indices need, without Token objects."""
        if self._bounds is None:
            if self._tokens is not None:
                self._bounds = ([t.start for t in self._tokens], [t.end for t in self._tokens])
            else:
                from chipread.nlp import token_bounds

                starts, ends, _, _ = token_bounds(self.article.text)
                self._bounds = (starts, ends)
        return self._bounds

    @bounds.setter
    def bounds(self, value: tuple[Sequence[int], Sequence[int]]) -> None:
        # A format that tokenized the text its own way (jsonl) hands the bounds over.
        self._bounds = value

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            from chipread.nlp import split_sentences

            self._sentences = split_sentences(self.article.text, self.tokens)
        return self._sentences

    @property
    def entities(self) -> tuple[Entity, ...]:
        if self._entities is None:
            analysis = self._ws.analyse(self.article)
            self._entities = tuple(analysis.entities)
            if self._tokens is None and analysis.text == self.article.text:
                # The analysis tokenized the text already: do not do it twice.
                self._tokens = list(analysis.tokens)
        return self._entities


class Record:
    """One annotator's exportable work on one article (annotator None: an unannotated article, --all)."""

    __slots__ = ("view", "annotator", "status", "spans", "relations", "_by_id")

    def __init__(
        self,
        view: ExportedArticle,
        annotator: str | None,
        status: str,
        spans: tuple[Span, ...],
        relations: tuple[Relation, ...],
    ) -> None:
        self.view = view
        self.annotator = annotator
        self.status = status
        self.spans = spans
        self.relations = relations
        self._by_id: dict[str, Span] | None = None

    @property
    def article(self) -> Article:
        return self.view.article

    @property
    def text(self) -> str:
        return self.view.article.text

    def span(self, span_id: str) -> Span:
        if self._by_id is None:
            self._by_id = {s.id: s for s in self.spans}
        return self._by_id[span_id]


@dataclass
class PlanEntry:
    info: ArticleInfo
    # (annotator, store file, the article id the file was written for: an older id if the text moved)
    sources: list[tuple[str, Path, str]]


def relative_path(ws: Workspace, path: str, base: str | None = None) -> str:
    """The article's path relative to the corpus: exports must not carry the user's folders, and stay byte-stable."""
    if base is None:
        base = corpus_base(ws)
    return path[len(base) :] if path.startswith(base) else path


def corpus_base(ws: Workspace) -> str:
    """The folder article paths are relative to, with a trailing separator (one stat: found once per export)."""
    root = Path(ws.corpus.root)
    return str(root if root.is_dir() else root.parent) + os.sep


def make_plan(ws: Workspace, options: ExportOptions, stats: Stats) -> list[PlanEntry]:
    """Which stored files belong to which article, in article handle order, then annotator: no file is parsed."""
    known = ws.store.annotators()
    if options.annotators:
        missing = [a for a in options.annotators if a not in known]
        if missing:
            have = ", ".join(known) if known else "none yet"
            raise ExportFailed(
                f"--annotator {missing[0]}: no annotations by {missing[0]!r} in {ws.store.root} (annotators: {have})"
            )
        chosen = sorted(set(options.annotators))
    else:
        chosen = known
    listings = {who: {p.name: p for p in ws.store.file_paths(who)} for who in chosen}
    used: dict[str, set[str]] = {who: set() for who in chosen}
    plan = []
    for info in sorted(ws.infos(), key=lambda i: (i.handle, i.id)):
        name = file_name(info.id)
        sources = []
        for who in chosen:
            path = listings[who].get(name)
            stored_id = info.id
            if path is None:
                # Work made on an older text of this article (its id changed): the workspace knows where it went.
                for owner, old_id in ws.moved_from(info.id):
                    if owner == who and file_name(old_id) in listings[who]:
                        path, stored_id = listings[who][file_name(old_id)], old_id
                        break
            if path is not None:
                used[who].add(path.name)
                sources.append((who, path, stored_id))
        plan.append(PlanEntry(info, sources))
    stats.orphan_files = sum(len(set(listings[w]) - used[w]) for w in chosen)
    if options.dedupe == "drop":
        copies = _copies(ws)
        stats.copies_dropped = [entry.info.handle for entry in plan if entry.info.id in copies]
        plan = [entry for entry in plan if entry.info.id not in copies]
    return plan


def _copies(ws: Workspace) -> dict[str, Any]:
    """article id -> the CopyLink to the original it copies (chipread.actors' corpus index)."""
    from chipread.actors.corpus_index import corpus_index

    return corpus_index(ws).copy_of


def _load(path: Path, stored_id: str, who: str, info: ArticleInfo, stats: Stats, skip_damaged: bool):
    """(annotations, hash of the text they were made on) of one stored file.

    A damaged file stops the export (a pipeline must not get a dataset with an article silently
    missing), unless the user asked to skip damaged files: then it is left out with a note (None).
    """
    try:
        ann, meta = read_article_file(path, stored_id, who)
    except StoreCorrupt as exc:
        if not skip_damaged:
            raise ExportFailed(
                f"{who}'s work on {info.handle} cannot be read: {exc.path} is damaged ({exc.problem}); nothing was "
                f"exported. Run `chipread doctor --fix`, or pass --skip-damaged to export the rest"
            ) from None
        stats.unreadable.append(f"skipped {who}'s work on {info.handle}: {exc}")
        return None
    return ann, meta.get("text_hash", "")


def selected_article_ids(ws: Workspace, plan: list[PlanEntry], options: ExportOptions) -> list[str]:
    """The ids of the articles an export will write (a first, light pass: what --split deals out)."""
    ids = []
    scratch = Stats()
    for entry in plan:
        if _statuses(entry, options, scratch):
            ids.append(entry.info.id)
    return ids


def _statuses(entry: PlanEntry, options: ExportOptions, stats: Stats) -> list:
    """(annotator, annotations) of the entry that pass the status filter; [(None, None)] for --all."""
    out = []
    for who, path, stored_id in entry.sources:
        loaded = _load(path, stored_id, who, entry.info, stats, options.skip_damaged)
        if loaded is None:
            continue
        ann, made_on = loaded
        if options.statuses and ann.status not in options.statuses:
            continue
        out.append((who, ann, made_on))
    if not entry.sources and options.include_all and (not options.statuses or "todo" in options.statuses):
        out.append((None, None, ""))
    return out


def iter_records(ws: Workspace, plan: Iterable[PlanEntry], options: ExportOptions, stats: Stats) -> Iterator[Record]:
    """Every selected record, article by article; one ExportedArticle (tokens...) per article."""
    labels = set(options.labels)
    base = None
    copies = _copies(ws) if options.dedupe == "mark" else None
    for entry in plan:
        picked = _statuses(entry, options, stats)
        if not picked:
            continue
        try:
            article = ws.get(entry.info.id)
        except ArticleNotFound as exc:
            stats.missing_articles.append(f"skipped article {entry.info.handle}: {exc}")
            continue
        if base is None:
            base = corpus_base(ws)
        view = ExportedArticle(article, relative_path(ws, article.path, base), ws)
        if copies is not None:
            link = copies.get(article.id)
            original = ws.resolve(link.original) if link is not None else None
            view.copy_of = (
                {"article_id": link.original, "handle": original.handle, "shared": round(link.shared, 3)}
                if link is not None
                else None
            )
        for who, ann, made_on in picked:
            if who is None:
                yield Record(view, None, "todo", (), ())
                continue
            yield _record(*_against(view, ann, made_on, ws, stats), who, ann, labels, stats)


def _against(
    view: ExportedArticle, ann, made_on: str, ws: Workspace, stats: Stats
) -> tuple[ExportedArticle, tuple[Span, ...]]:
    """The view a record is exported against, and its spans there: the article's text with the spans carried
    over to it, unless its work was made on another text (kept in the store) that they cannot all be
    carried from exactly; then the very text they were made on, and the spans as they are."""
    spans = _rekeyed(ann.spans, view.article.id)
    old_text = ws.text_made_on(made_on, view.article.text_hash)
    carried = reanchored(spans, view.article.text, old_text)
    if old_text is None or not spans:
        return view, carried
    was_flagged = {s.id for s in spans if s.flag}
    if all(not s.flag or s.id in was_flagged for s in carried):
        return view, carried
    stats.against_annotated.append(view.article.handle)
    return ExportedArticle(replace(view.article, text=old_text), view.path, ws), spans


def _rekeyed(spans: tuple[Span, ...], article_id: str) -> tuple[Span, ...]:
    if all(s.article_id == article_id for s in spans):
        return spans
    return tuple(s.moved(article_id=article_id) for s in spans)


def _record(view: ExportedArticle, spans: tuple[Span, ...], who: str, ann, labels: set[str], stats: Stats) -> Record:
    text = view.article.text
    kept = []
    gone: set[str] = set()
    filtered: set[str] = set()
    for s in spans:
        # The contract of every format: text[start:end] == span text. A span that cannot keep it is left out.
        if s.flag or not (0 <= s.start < s.end <= len(text)) or text[s.start : s.end] != s.text:
            stats.flagged += 1
            gone.add(s.id)
        elif labels and s.label not in labels:
            stats.label_spans[s.label] += 1
            filtered.add(s.id)
        else:
            stats.labels_seen.add(s.label)
            kept.append(s)
    by_id = {s.id: s for s in kept}
    relations = []
    for r in ann.relations:
        if r.head in by_id and r.child in by_id:
            relations.append(r)
        elif r.head in gone or r.child in gone:
            stats.flagged_relations += 1
        elif r.head in filtered or r.child in filtered:
            stats.label_relations += 1
        else:
            # A relation to a span that does not exist: the store is inconsistent; say so as a flagged one.
            stats.flagged_relations += 1
    relations.sort(
        key=lambda r: (by_id[r.head].start, by_id[r.head].end, by_id[r.child].start, by_id[r.child].end, r.label, r.id)
    )
    return Record(view, who, ann.status, tuple(kept), tuple(relations))
