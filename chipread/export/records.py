"""The selected (article, annotator, annotations) records, streamed in a fixed order, per-article data built once."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chipread.errors import ArticleNotFound, ExportFailed, StoreCorrupt
from chipread.model import Article, ArticleInfo, Entity, Relation, Sentence, Span, Token
from chipread.store import reanchored
from chipread.store.article_file import annotations_from_tables
from chipread.store.layout import file_name
from chipread.store.storage import load_tables

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
    labels_seen: set = field(default_factory=set)

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
        out.extend(self.unreadable)
        out.extend(self.missing_articles)
        return out


class ExportedArticle:
    """One article and what every record of it shares: tokens, sentences, entities, format caches."""

    __slots__ = ("article", "path", "cache", "_tokens", "_bounds", "_sentences", "_entities", "_ws")

    def __init__(self, article: Article, path: str, ws: Workspace) -> None:
        self.article = article
        self.path = path
        # Formats keep what they derive from the article alone here (e.g. the jsonl tokens), so
        # several annotators of one article cost one computation.
        self.cache: dict[str, Any] = {}
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
        return {
            "title": a.title,
            "source": a.source,
            "published": a.published.isoformat() if a.published else None,
            "url": a.url,
            "path": self.path,
            "handle": a.handle,
        }

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
                from chipread.nlp.tokenizer import token_bounds

                starts, ends, _, _ = token_bounds(self.article.text)
                self._bounds = (starts, ends)
        return self._bounds

    @bounds.setter
    def bounds(self, value: tuple[Sequence[int], Sequence[int]]) -> None:
        # A format that tokenized the text its own way (jsonl, maybe in a worker) hands the bounds over.
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
    return plan


def _load(path: Path, stored_id: str, who: str, article_id: str, stats: Stats):
    try:
        tables = load_tables(path)
    except StoreCorrupt as exc:
        stats.unreadable.append(f"skipped {who}'s work on {article_id}: {exc}")
        return None
    ann = annotations_from_tables(tables, stored_id, who)
    return ann


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
        ann = _load(path, stored_id, who, entry.info.id, stats)
        if ann is None:
            continue
        if options.statuses and ann.status not in options.statuses:
            continue
        out.append((who, ann))
    if not entry.sources and options.include_all and (not options.statuses or "todo" in options.statuses):
        out.append((None, None))
    return out


def iter_records(ws: Workspace, plan: Iterable[PlanEntry], options: ExportOptions, stats: Stats) -> Iterator[Record]:
    """Every selected record, article by article; one ExportedArticle (tokens...) per article."""
    labels = set(options.labels)
    base = None
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
        for who, ann in picked:
            if who is None:
                yield Record(view, None, "todo", (), ())
                continue
            yield _record(view, who, ann, labels, stats)


def _record(view: ExportedArticle, who: str, ann, labels: set[str], stats: Stats) -> Record:
    text = view.article.text
    spans = ann.spans
    if ann.article_id != view.article.id:
        spans = tuple(s.moved(article_id=view.article.id) for s in spans)
    spans = reanchored(spans, text)
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
