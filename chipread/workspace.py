"""Workspace: one corpus, its store, its config and one annotator: what the CLI and the TUI open."""

from __future__ import annotations

import getpass
import os
import threading
from collections import OrderedDict
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from chipread.config import Config, find_config, load_config
from chipread.corpus import Corpus, default_corpus_path, open_corpus
from chipread.errors import ArticleNotFound, ChipreadError
from chipread.model import Annotations, Article, ArticleInfo, ArticleState, LabelSet
from chipread.session import AnnotationSession
from chipread.store import AnnotationStore, check_annotator, reanchored
from chipread.store.layout import file_name

if TYPE_CHECKING:
    from chipread.nlp import Analysis, Recognizer


def default_annotator(config: Config | None = None) -> str:
    """$CHIPREAD_ANNOTATOR, else the config's annotator, else the login name."""
    name = os.environ.get("CHIPREAD_ANNOTATOR") or (config.annotator if config else None)
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = "annotator"
    return name


def default_store_path(corpus: Path) -> Path:
    """annotations/ beside the corpus; for the copy of the seeds inside an installed package, the user's data folder."""
    corpus = corpus.resolve()
    package = Path(__file__).resolve().parent
    if package in corpus.parents or corpus == package:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        return base / "chipread" / "annotations"
    return corpus.parent / "annotations"


def locate(corpus: Path | None, db: Path | None, config: Path | None) -> tuple[Path, Config, Path]:
    """The corpus path, the config and the store path that these options (or their defaults) name."""
    corpus_path = Path(corpus) if corpus else default_corpus_path()
    if not corpus_path.exists():
        raise ChipreadError(f"corpus {corpus_path} does not exist")
    cfg = load_config(Path(config) if config else find_config(corpus_path))
    store_path = Path(db) if db else (cfg.db or default_store_path(corpus_path))
    return corpus_path, cfg, store_path


@dataclass(frozen=True)
class LibraryRow:
    """One article as the library and `chipread list` show it."""

    info: ArticleInfo
    status: str
    counts: dict[str, int]
    flagged: int = 0
    imported: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Workspace:
    corpus: Corpus
    store: AnnotationStore
    config: Config
    annotator: str
    readonly_reason: str | None = None
    ner: str = "builtin"
    gazetteer_path: Path | None = None
    _imported: dict[str, Article] = field(default_factory=dict)
    _corpus_ids: set[str] = field(default_factory=set)
    _moved: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _recognizer: Any = None
    _analyses: OrderedDict[tuple[str, str], Any] = field(default_factory=OrderedDict)
    _articles: OrderedDict[str, Article] = field(default_factory=OrderedDict)
    # The TUI analyses in a worker thread while the UI thread reads: one lock for the caches.
    _lock: threading.RLock = field(default_factory=threading.RLock)

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        corpus: Path | None = None,
        *,
        db: Path | None = None,
        annotator: str | None = None,
        config: Path | None = None,
        ner: str | None = None,
        gazetteer: Path | None = None,
        write: bool = True,
        use_cache: bool = True,
    ) -> Workspace:
        """Open everything a command needs. write=True claims the annotator's writer lock when free."""
        corpus_path, cfg, store_path = locate(corpus, db, config)
        name = check_annotator(annotator or default_annotator(cfg))
        opened = open_corpus(corpus_path, use_cache=use_cache)
        store = AnnotationStore(store_path, readonly=not write and not store_path.exists())
        reason = None
        if write and not store.claim(name):
            reason = store.lock_message(name)
        default_gazetteer = (corpus_path if corpus_path.is_dir() else corpus_path.parent) / "gazetteer.txt"
        ws = cls(
            corpus=opened,
            store=store,
            config=cfg,
            annotator=name,
            readonly_reason=reason,
            ner=ner or cfg.ner,
            gazetteer_path=gazetteer or cfg.gazetteer or (default_gazetteer if default_gazetteer.is_file() else None),
        )
        ws._corpus_ids = {info.id for info in opened}
        ws._imported = {a.id: a for a in store.imported_articles() if a.id not in ws._corpus_ids}
        ws._find_moved()
        return ws

    @property
    def labels(self) -> LabelSet:
        return self.config.labels

    @property
    def readonly(self) -> bool:
        return not self.store.can_write(self.annotator)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles ----------------------------------------------------------------------------

    def infos(self) -> list[ArticleInfo]:
        return list(self.corpus) + [a.info for a in self._imported.values()]

    def get(self, article_id: str) -> Article:
        if article_id in self._imported:
            return self._imported[article_id]
        # Going back and forth between articles must not re-read them (long ones cost tens of ms).
        with self._lock:
            article = self._articles.get(article_id)
            if article is None:
                article = self._articles[article_id] = self.corpus.get(article_id)
                if len(self._articles) > 16:
                    self._articles.popitem(last=False)
            else:
                self._articles.move_to_end(article_id)
            return article

    def resolve(self, ref: str) -> ArticleInfo:
        for article in self._imported.values():
            if ref in (article.id, article.handle):
                return article.info
        try:
            return self.corpus.resolve(ref)
        except ArticleNotFound:
            hits = [a.info for a in self._imported.values() if a.id.startswith(ref) or a.handle.startswith(ref)]
            if len(hits) == 1:
                return hits[0]
            raise

    def add_imported(self, article: Article) -> None:
        """An article that came with an import but is not in the corpus: kept in the store."""
        self.store.save_imported_article(article)
        self._imported[article.id] = article

    def has_article(self, article_id: str) -> bool:
        return article_id in self._imported or article_id in self._corpus_ids

    def find_by_text(self, text: str) -> ArticleInfo | None:
        from chipread.model import text_hash

        wanted = text_hash(text)
        for info in self.infos():
            if info.id == wanted:
                return info
        for info in self.infos():
            if info.chars == len(text) and self.get(info.id).text == text:
                return info
        return None

    # -- annotations -------------------------------------------------------------------------

    def session(self, article_id: str) -> AnnotationSession:
        article = self.get(article_id)
        if not self.readonly:
            self.adopt_moved(article, self.annotator)
        return AnnotationSession(self.store, article, self.annotator, self.labels)

    def annotations(self, article: Article, annotator: str) -> Annotations:
        """What `annotator` made on `article`, re-anchored in memory if the text changed since."""
        found = self.store.load(article.id, annotator)
        if not (found.spans or found.relations or found.state):
            for who, old_id in self._moved.get(article.id, ()):
                if who == annotator:
                    found = self.store.load(old_id, annotator)
                    found = Annotations(article.id, annotator, tuple(s.moved(article_id=article.id) for s in found.spans), found.relations, found.state)
                    break
        spans = reanchored(found.spans, article.text)
        if spans is found.spans:
            return found
        return Annotations(found.article_id, annotator, spans, found.relations, found.state)

    def annotated(self, annotator: str | None = None) -> Iterator[tuple[str, str]]:
        """(annotator, article_id) of every stored article file, for the current corpus ids."""
        for who, meta, _ in self.store.iter_files(annotator):
            yield who, meta["article_id"]

    def library(self, annotator: str | None = None) -> list[LibraryRow]:
        """Every article with this annotator's status and span counts per label."""
        who = annotator or self.annotator
        by_id: dict[str, Annotations] = {}
        for _, meta, ann in self.store.iter_files(who):
            by_id[meta["article_id"]] = ann
        for new_id, olds in self._moved.items():
            for owner, old_id in olds:
                if owner == who and new_id not in by_id and old_id in by_id:
                    by_id[new_id] = by_id[old_id]
        rows = []
        for info in self.infos():
            ann = by_id.get(info.id)
            counts = Counter(s.label for s in ann.spans) if ann else Counter()
            rows.append(
                LibraryRow(
                    info=info,
                    status=ann.status if ann else "todo",
                    counts={name: counts.get(name, 0) for name in self.labels.names} | {
                        k: v for k, v in counts.items() if k not in self.labels.names
                    },
                    flagged=sum(1 for s in ann.spans if s.flag) if ann else 0,
                    imported=info.id in self._imported,
                )
            )
        return rows

    # -- the moved-article bridge ----------------------------------------------------------------

    def moved_from(self, article_id: str) -> list[tuple[str, str]]:
        """(annotator, old article id) of stored work made on an earlier text of this article."""
        return list(self._moved.get(article_id, ()))

    def _find_moved(self) -> None:
        """Map stored files whose article text was edited (so its id changed) to the article now at that path.

        Only files named after an id the corpus no longer has are parsed, so this stays cheap.
        """
        known = {file_name(i) for i in self._corpus_ids | set(self._imported)}
        by_path = {info.path: info.id for info in self.corpus}
        by_handle = {info.handle: info.id for info in self.corpus}
        for who in self.store.annotators():
            for path in self.store.file_paths(who):
                if path.name in known:
                    continue
                try:
                    meta = self.store.article_meta(path)
                except ChipreadError:
                    continue  # a damaged file is reported where it is opened, and by `chipread doctor`
                old = meta.get("article_id")
                new = by_path.get(meta.get("path", "")) or by_handle.get(meta.get("handle", ""))
                if old and new and new != old:
                    self._moved.setdefault(new, []).append((who, old))

    def adopt_moved(self, article: Article, annotator: str) -> None:
        """Move an annotator's work from the article's old id to its new one (before anything writes to it;
        a session re-anchors it when opened). The caller holds the annotator's writer lock."""
        from chipread.store import Change

        for who, old_id in list(self._moved.get(article.id, ())):
            if who != annotator:
                continue
            target = self.store.article_file(article.id, annotator)
            if target.exists:
                continue
            old_file = self.store.article_file(old_id, annotator)
            old = old_file.annotations(old_id, annotator)
            changes = [Change("spans", s.id, None, s.moved(article_id=article.id).to_dict()) for s in old.spans]
            changes += [
                Change("relations", r.id, None, {**r.to_dict(), "article_id": article.id}) for r in old.relations
            ]
            if old.state:
                state = ArticleState(article.id, annotator, old.state.status, old.state.updated, old.state.text_hash)
                changes.append(Change("state", article.id, None, state.to_dict()))
            meta = {**old_file.meta(), "article_id": article.id, "previous_id": old_id}
            target.apply(changes, meta=meta, record=None)
            old_file.close()
            (self.store.root / annotator / file_name(old_id)).unlink(missing_ok=True)
            self._moved[article.id].remove((who, old_id))

    # -- nlp ---------------------------------------------------------------------------------

    @property
    def recognizer(self) -> Recognizer:
        with self._lock:
            if self._recognizer is None:
                from chipread.nlp import load_gazetteer, load_recognizer

                gazetteer = load_gazetteer(self.gazetteer_path) if self.gazetteer_path else None
                self._recognizer = load_recognizer(self.ner, gazetteer=gazetteer)
            return self._recognizer

    def analyse(self, article: Article) -> Analysis:
        """Tokens, sentences, entities and suggestions of an article, computed once per process (LRU)."""
        key = (article.id, article.text_hash)
        with self._lock:
            cached = self._analyses.get(key)
            if cached is not None:
                self._analyses.move_to_end(key)
                return cached
        from chipread.nlp import analyse

        result = analyse(article, self.recognizer)
        with self._lock:
            self._analyses[key] = result
            if len(self._analyses) > 32:
                self._analyses.popitem(last=False)
        return result

