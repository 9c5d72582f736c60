"""Workspace: one corpus, its store, its config and one annotator: what the CLI and the TUI open."""

from __future__ import annotations

import getpass
import os
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chipread.config import Config, find_config, load_config, personal_annotator
from chipread.corpus import Corpus, default_corpus_path, open_corpus
from chipread.errors import ArticleNotFound, ChipreadError, StoreError
from chipread.model import Annotations, Article, ArticleInfo, LabelSet
from chipread.session import AnnotationSession
from chipread.store import (
    AnnotationStore,
    Change,
    check_annotator,
    file_meta,
    reanchored,
)
from chipread.store.article_file import annotations_from_tables, meta_from_tables
from chipread.store.layout import annotator_from_login, file_name
from chipread.store.storage import load_tables
from chipread.store.textmap import TextMap

if TYPE_CHECKING:
    from chipread.nlp import Analysis, Recognizer


def default_annotator(config: Config | None = None) -> str:
    """Who you are when --annotator does not say: see annotator_and_source()."""
    return annotator_and_source(config)[0]


def annotator_and_source(config: Config | None = None) -> tuple[str, str]:
    """Your annotator name and where it came from, the personal before the shared.

    $CHIPREAD_ANNOTATOR, else `annotator` in your personal config (~/.config/chipread/chipread.toml),
    else your login name; the corpus's (shared) chipread.toml names one only when none of these
    can: a team that shares that file must not write as one person.
    """
    name = os.environ.get("CHIPREAD_ANNOTATOR")
    if name:
        return name, "$CHIPREAD_ANNOTATOR"
    mine, path = personal_annotator()
    if mine:
        return mine, f"your config {path}"
    try:
        # Login names can hold spaces or a domain ("Ana Lima", "CORP\\ana"): make them a usable name.
        login = getpass.getuser()
    except (KeyError, OSError):
        login = ""
    if login:
        return annotator_from_login(login), "your login name"
    if config is not None and config.annotator:
        return config.annotator, f"the shared config {config.path}"
    return "annotator", "no name found"


def default_store_path(corpus: Path) -> Path:
    """annotations/ beside the corpus; for the copy of the seeds inside an installed package, the user's data folder."""
    corpus = corpus.resolve()
    package = Path(__file__).resolve().parent
    if package in corpus.parents or corpus == package:
        import platformdirs

        # On Linux $XDG_DATA_HOME/chipread or ~/.local/share/chipread, where earlier versions put it.
        return Path(platformdirs.user_data_dir("chipread", appauthor=False)) / "annotations"
    return corpus.parent / "annotations"


def locate(corpus: Path | None, db: Path | None, config: Path | None) -> tuple[Path, Config, Path]:
    """The corpus path, the config and the store path that these options (or their defaults) name."""
    corpus_path = Path(corpus) if corpus else default_corpus_path()
    if not corpus_path.exists():
        raise ChipreadError(f"corpus {corpus_path} does not exist")
    cfg = load_config(Path(config) if config else find_config(corpus_path))
    if not db and not config:
        _check_config_db(corpus_path, cfg)
    store_path = Path(db) if db else (cfg.db or default_store_path(corpus_path))
    return corpus_path, cfg, store_path


def _check_config_db(corpus: Path, cfg: Config) -> None:
    """A chipread.toml that came inside a corpus folder (a download, a colleague's repository) chooses
    where chipread writes only inside that folder; elsewhere takes the user's word: --db, or --config."""
    if cfg.db is None or cfg.path is None or not corpus.is_dir():
        return
    folder = corpus.resolve()
    if cfg.path.resolve().parent != folder:
        return  # beside the corpus: the user's own project file
    where = cfg.db.resolve()
    if where != folder and folder not in where.parents:
        raise ChipreadError(
            f"{cfg.path}: db = {cfg.db} is outside the corpus folder, and a chipread.toml inside a corpus may only "
            f"keep its store inside it; pass --db PATH to use that store (or --config {cfg.path} to trust this file)"
        )


@dataclass(frozen=True)
class LibraryRow:
    """One article as the library and `chipread list` show it."""

    info: ArticleInfo
    status: str
    counts: dict[str, int]
    flagged: int = 0
    imported: bool = False
    relations: int = 0
    note: str = ""  # shown under the title (adjudication progress in review)

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
    annotator_source: str = ""  # where the name came from: --annotator, $CHIPREAD_ANNOTATOR, your login name...
    gazetteer_path: Path | None = None
    # The annotator opens whatever it can: a damaged store file or a recognizer that does not load becomes
    # one line in `problems` (shown by the app) instead of an error; the CLI keeps failing with that line.
    tolerant: bool = False
    problems: list[str] = field(default_factory=list)
    _imported: dict[str, Article] = field(default_factory=dict)
    _imported_hashes: dict[str, str] = field(default_factory=dict)  # text hash -> imported article id
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
        claim: bool = True,
        use_cache: bool = True,
        tolerant: bool = False,
    ) -> Workspace:
        """Open everything a command needs.

        write=True may create the store; claim=True also takes the annotator's writer lock when free
        (the reader does; an import locks only the annotators it writes for). tolerant=True (the
        annotator): what cannot be read becomes a line in `problems` instead of an error.
        """
        corpus_path, cfg, store_path = locate(corpus, db, config)
        name, source = (annotator, "--annotator") if annotator else annotator_and_source(cfg)
        name = check_annotator(name)
        opened = open_corpus(corpus_path, use_cache=use_cache)
        store = AnnotationStore(store_path, readonly=not write and not store_path.exists())
        reason = None
        if write and claim and not store.claim(name):
            reason = store.lock_message(name)
        default_gazetteer = (corpus_path if corpus_path.is_dir() else corpus_path.parent) / "gazetteer.txt"
        ws = cls(
            corpus=opened,
            store=store,
            config=cfg,
            annotator=name,
            annotator_source=source,
            readonly_reason=reason,
            ner=ner or cfg.ner,
            gazetteer_path=gazetteer or cfg.gazetteer or (default_gazetteer if default_gazetteer.is_file() else None),
        )
        ws.tolerant = tolerant
        ws._corpus_ids = {info.id for info in opened}
        damaged: list[StoreError] | None = [] if tolerant else None
        ws._imported = {a.id: a for a in store.imported_articles(damaged=damaged) if a.id not in ws._corpus_ids}
        for exc in damaged or ():
            ws.problem(str(exc))
        ws._find_moved()
        return ws

    def become(self, annotator: str, source: str) -> None:
        """Work as `annotator` from now on (a browser session names its annotator after opening)."""
        name = check_annotator(annotator)
        self.annotator, self.annotator_source = name, source
        self.readonly_reason = None if self.store.claim(name) else self.store.lock_message(name)

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
        ann, made_on = self._stored(article.id, annotator)
        return _reanchored(ann, article.text, self.text_made_on(made_on, article.text_hash))

    def _stored(self, article_id: str, annotator: str) -> tuple[Annotations, str]:
        """This article's stored work, or the work made on an earlier text of it (re-keyed to its id),
        and the hash of the text it was made on."""
        file = self.store.article_file(article_id, annotator)
        found = file.annotations(article_id, annotator)
        if found.spans or found.relations or found.state:
            return found, file.meta().get("text_hash", "")
        for who, old_id in self._moved.get(article_id, ()):
            if who == annotator:
                old = self.store.article_file(old_id, annotator)
                return _rekeyed(old.annotations(old_id, annotator), article_id), old.meta().get("text_hash", "")
        return found, ""

    def text_made_on(self, made_on: str, current: str) -> str | None:
        """The kept text that work was made on, when it is not the article's current text (None: same, or unknown).

        An imported article's text is kept in the store with the article (it never changes), so it is not kept twice.
        """
        if not made_on or made_on == current:
            return None
        with self._lock:
            if len(self._imported_hashes) != len(self._imported):
                self._imported_hashes = {a.text_hash: a.id for a in self._imported.values()}
            imported = self._imported.get(self._imported_hashes.get(made_on, ""))
        return imported.text if imported is not None else self.store.text(made_on)

    def keep_text(self, article: Article) -> None:
        """Keep the text of an article that work is being written for (see AnnotationStore.keep_text)."""
        if article.id not in self._imported:
            self.store.keep_text(article.text)

    def library(self, annotator: str | None = None) -> list[LibraryRow]:
        """Every article with this annotator's status and span counts per label.

        Work stored against an older text (an edited article) is re-anchored in memory here too,
        so its flagged spans show in `list`, `stats` and `doctor` before the article is opened.
        """
        who = annotator or self.annotator
        stored: dict[str, tuple[Annotations, str]] = {}
        damaged: list[StoreError] | None = [] if self.tolerant else None
        for _, meta, ann in self.store.iter_files(who, damaged=damaged):
            stored[meta["article_id"]] = (ann, meta.get("text_hash", ""))
        for exc in damaged or ():
            self.problem(str(exc))
        for new_id, olds in self._moved.items():
            for owner, old_id in olds:
                if owner == who and new_id not in stored and old_id in stored:
                    ann, made_against = stored[old_id]
                    stored[new_id] = (_rekeyed(ann, new_id), made_against)
        rows = []
        for info in self.infos():
            ann, made_against = stored.get(info.id, (None, ""))
            if ann is not None and ann.spans and made_against != info.text_hash:
                ann = _reanchored(ann, self.get(info.id).text, self.text_made_on(made_against, info.text_hash))
            counts = Counter(s.label for s in ann.spans if not s.flag) if ann else Counter()
            rows.append(
                LibraryRow(
                    info=info,
                    status=ann.status if ann else "todo",
                    counts={name: counts.get(name, 0) for name in self.labels.names}
                    | {k: v for k, v in counts.items() if k not in self.labels.names},
                    flagged=sum(1 for s in ann.spans if s.flag) if ann else 0,
                    imported=info.id in self._imported,
                    relations=len(ann.relations) if ann else 0,
                )
            )
        return rows

    def annotators_of(self) -> dict[str, list[str]]:
        """Article id -> the annotators with a file for it (a listing of the store's folders; no file is read)."""
        by_file = {file_name(info.id): info.id for info in self.infos()}
        found: dict[str, list[str]] = {}
        for who in self.store.annotators():
            for path in self.store.file_paths(who):
                article_id = by_file.get(path.name)
                if article_id is not None:
                    found.setdefault(article_id, []).append(who)
        return found

    # -- the moved-article bridge ----------------------------------------------------------------

    def moved_from(self, article_id: str) -> list[tuple[str, str]]:
        """(annotator, old article id) of stored work made on an earlier text of this article."""
        return list(self._moved.get(article_id, ()))

    def _find_moved(self) -> None:
        """Map stored files whose article text was edited (so its id changed) to the article it now is.

        A file is adopted only with evidence: the article at its old path (or handle) must contain at
        least half of its spans' texts (or, with no spans, carry the same title). A path alone is not
        enough: a line removed from a .jsonl corpus shifts every later record's path. Only files named
        after an id the corpus no longer has are read, so this stays cheap.
        """
        known = {file_name(i) for i in self._corpus_ids | set(self._imported)}
        by_path = {info.path: info for info in self.corpus}
        by_handle = {info.handle: info for info in self.corpus}
        for who in self.store.annotators():
            for path in self.store.file_paths(who):
                if path.name in known:
                    continue
                try:
                    tables = load_tables(path)
                    meta = meta_from_tables(tables, path)
                    old = meta.get("article_id")
                    if not old:
                        continue
                    ann = annotations_from_tables(tables, old, who, path)
                except ChipreadError:
                    continue  # a damaged file is reported where it is opened, and by `chipread doctor`
                for info in (by_path.get(meta.get("path", "")), by_handle.get(meta.get("handle", ""))):
                    if info is not None and info.id != old and self._same_article(info, ann, meta):
                        self._moved.setdefault(info.id, []).append((who, old))
                        break

    def _same_article(self, info: ArticleInfo, ann: Annotations, meta: dict[str, Any]) -> bool:
        text = self.get(info.id).text
        old_text = self.text_made_on(meta.get("text_hash", ""), info.text_hash)
        if old_text is not None and TextMap(old_text, text).similarity() < 0.5:
            return False  # the text the work was made on is kept: most of it must still be there
        if not ann.spans:
            return bool(meta.get("title")) and meta.get("title") == info.title
        if old_text is not None:
            found = sum(1 for s in reanchored(ann.spans, text, old_text) if not s.flag)
        else:
            found = sum(1 for s in ann.spans if s.text and s.text in text)
        return found >= 1 and 2 * found >= len(ann.spans)

    def adopt_moved(self, article: Article, annotator: str) -> None:
        """Move an annotator's work from the article's old id to its new one (before anything writes to it;
        a session re-anchors it when opened). The caller holds the annotator's writer lock."""
        for who, old_id in list(self._moved.get(article.id, ())):
            if who != annotator:
                continue
            target = self.store.article_file(article.id, annotator)
            if target.exists:
                continue
            old_file = self.store.article_file(old_id, annotator)
            moved = _rekeyed(old_file.annotations(old_id, annotator), article.id)
            changes = [Change("spans", s.id, None, s.to_dict()) for s in moved.spans]
            changes += [Change("relations", r.id, None, r.to_dict()) for r in moved.relations]
            if moved.state:
                changes.append(Change("state", article.id, None, moved.state.to_dict()))
            # The old text's hash stays in the meta, so the session knows to re-anchor.
            meta = {**file_meta(article, annotator, old_file.meta().get("text_hash")), "previous_id": old_id}
            target.apply(changes, meta=meta, record=None)
            old_file.close()
            (self.store.root / annotator / file_name(old_id)).unlink(missing_ok=True)
            self._moved[article.id].remove((who, old_id))

    # -- nlp ---------------------------------------------------------------------------------

    def problem(self, line: str) -> None:
        with self._lock:
            if line not in self.problems:
                self.problems.append(line)

    @property
    def recognizer(self) -> Recognizer:
        """The configured recognizer with the gazetteer; tolerant, what of it loads (the built-in one at least)."""
        with self._lock:
            if self._recognizer is None:
                from chipread.nlp import load_gazetteer, load_recognizer

                gazetteer = None
                try:
                    gazetteer = load_gazetteer(self.gazetteer_path) if self.gazetteer_path else None
                except ChipreadError as exc:
                    if not self.tolerant:
                        raise
                    self.problem(f"{exc}; entities are found without the gazetteer")
                try:
                    self._recognizer = load_recognizer(self.ner, gazetteer=gazetteer)
                except ChipreadError as exc:
                    if not self.tolerant:
                        raise
                    self.problem(f"{exc}; entities are found by the built-in recognizer")
                    self._recognizer = load_recognizer("builtin", gazetteer=gazetteer)
            return self._recognizer

    def analyse(self, article: Article) -> Analysis:
        """Tokens, sentences, entities and suggestions of an article, computed once per process (LRU)."""
        key = (article.id, article.text_hash)  # one workspace, one config: the guidelines never vary
        with self._lock:
            cached = self._analyses.get(key)
            if cached is not None:
                self._analyses.move_to_end(key)
                return cached
        from chipread.nlp import analyse

        result = analyse(article, self.recognizer, self.config.guidelines)
        with self._lock:
            self._analyses[key] = result
            if len(self._analyses) > 32:
                self._analyses.popitem(last=False)
        return result


def _rekeyed(ann: Annotations, article_id: str) -> Annotations:
    """Annotations made under an article's old id, carried to its new one."""
    if ann.article_id == article_id:
        return ann
    return Annotations(
        article_id,
        ann.annotator,
        tuple(replace(s, article_id=article_id) for s in ann.spans),
        tuple(replace(r, article_id=article_id) for r in ann.relations),
        replace(ann.state, article_id=article_id) if ann.state else None,
    )


def _reanchored(ann: Annotations, text: str, old_text: str | None = None) -> Annotations:
    spans = reanchored(ann.spans, text, old_text)
    return ann if spans is ann.spans else replace(ann, spans=spans)
