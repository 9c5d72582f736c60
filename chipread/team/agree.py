"""`chipread agree`: how far annotators agree, per label, per pair, on average and per article.

Which articles: those that two or more of the chosen annotators annotated (made a span or marked
done; skipped ones do not count). Per pair of annotators, over the articles both annotated:
span F1 with exact match (start, end and label) and with overlap (same label, one shared
character), Cohen's kappa over tokens (per label: inside a span of it or not; overall: the set
of labels covering the token), Krippendorff's alpha (nominal) on the same tokens, and relation
F1 (the same quote or claim attributed to the same actor, exactly or by overlap). Averages are
the mean over pairs, except alpha, which takes every annotator at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from chipread.model import Annotations, Token
from chipread.team.stats import (
    Extent,
    F1Counts,
    cohen_kappa,
    exact_counts,
    krippendorff_alpha,
    mean,
    overlap_counts,
    overlaps,
)
from chipread.team.tokens import categories, covering

RelationKey = tuple[Extent, Extent, str]  # head, child, relation label


@dataclass(frozen=True)
class Work:
    """One annotator's annotation of one article, as agreement sees it (flagged spans left out)."""

    extents: frozenset[Extent]
    relations: frozenset[RelationKey]
    cover: tuple[frozenset[str], ...]  # per token: the labels covering it
    _categories: dict[str | None, list[str]] = field(default_factory=dict, compare=False, repr=False)

    def categories(self, label: str | None) -> list[str]:
        """Per token: `label` or O (None: every label covering it); computed once per label."""
        found = self._categories.get(label)
        if found is None:
            found = self._categories[label] = categories(list(self.cover), label)
        return found

    @classmethod
    def of(cls, ann: Annotations, tokens: list[Token]) -> Work:
        live = {s.id: s for s in ann.spans if not s.flag}
        extents = frozenset((s.start, s.end, s.label) for s in live.values())
        relations = frozenset(
            (
                (live[r.head].start, live[r.head].end, live[r.head].label),
                (live[r.child].start, live[r.child].end, live[r.child].label),
                r.label,
            )
            for r in ann.relations
            if r.head in live and r.child in live
        )
        return cls(extents, relations, tuple(covering(tokens, extents)))


def annotated(ann: Annotations) -> bool:
    """Whether this counts as an annotation of the article: a span, or marked done (an empty one is an answer)."""
    if ann.status == "skipped":
        return False
    return any(not s.flag for s in ann.spans) or ann.status == "done"


@dataclass(frozen=True)
class Article:
    """An article two or more annotators annotated: its tokens and each one's work."""

    article_id: str
    handle: str
    tokens: int
    by: dict[str, Work]


@dataclass
class Scores:
    exact_f1: float | None = None
    overlap_f1: float | None = None
    kappa: float | None = None
    alpha: float | None = None

    def to_json(self) -> dict[str, float | None]:
        return {k: _round(v) for k, v in vars(self).items()}


@dataclass
class RelationScores:
    exact_f1: float | None = None
    overlap_f1: float | None = None

    def to_json(self) -> dict[str, float | None]:
        return {k: _round(v) for k, v in vars(self).items()}


@dataclass
class Pair:
    a: str
    b: str
    articles: int
    labels: dict[str, Scores]
    overall: Scores
    relations: RelationScores

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "articles": self.articles,
            "labels": {k: v.to_json() for k, v in self.labels.items()},
            "overall": self.overall.to_json(),
            "relations": self.relations.to_json(),
        }


@dataclass
class ArticleRow:
    article_id: str
    handle: str
    annotators: list[str]
    scores: Scores
    relations_f1: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "handle": self.handle,
            "annotators": self.annotators,
            **self.scores.to_json(),
            "relations_f1": _round(self.relations_f1),
        }


@dataclass
class AgreementReport:
    annotators: list[str]
    labels: list[str]
    articles: int = 0
    pairs: list[Pair] = field(default_factory=list)
    average: dict[str, Scores] = field(default_factory=dict)
    overall: Scores = field(default_factory=Scores)
    relations: RelationScores = field(default_factory=RelationScores)
    rows: list[ArticleRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "annotators": self.annotators,
            "articles": self.articles,
            "labels": self.labels,
            "average": {
                "labels": {k: v.to_json() for k, v in self.average.items()},
                "overall": self.overall.to_json(),
                "relations": self.relations.to_json(),
            },
            "pairs": [p.to_json() for p in self.pairs],
            "per_article": [r.to_json() for r in self.rows],
            "warnings": self.warnings,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _relation_match(x: RelationKey, y: RelationKey) -> bool:
    return x[2] == y[2] and overlaps(x[0], y[0]) and overlaps(x[1], y[1])


def _relation_overlap(a: Iterable[RelationKey], b: Iterable[RelationKey]) -> F1Counts:
    sa, sb = set(a), set(b)
    return F1Counts(
        len(sa),
        len(sb),
        sum(1 for x in sa if any(_relation_match(x, y) for y in sb)),
        sum(1 for y in sb if any(_relation_match(x, y) for x in sa)),
    )


def _of_label(extents: Iterable[Extent], label: str | None) -> list[Extent]:
    return [e for e in extents if label is None or e[2] == label]


def _pair_scores(articles: Sequence[Article], a: str, b: str, label: str | None) -> Scores:
    exact, overlap = F1Counts(), F1Counts()
    cats_a: list[str] = []
    cats_b: list[str] = []
    for article in articles:
        wa, wb = article.by[a], article.by[b]
        exact.add(exact_counts(_of_label(wa.extents, label), _of_label(wb.extents, label)))
        overlap.add(overlap_counts(_of_label(wa.extents, label), _of_label(wb.extents, label)))
        cats_a += wa.categories(label)
        cats_b += wb.categories(label)
    return Scores(exact.f1, overlap.f1, cohen_kappa(cats_a, cats_b), krippendorff_alpha(zip(cats_a, cats_b)))


def _alpha(articles: Sequence[Article], label: str | None) -> float | None:
    """Alpha with every annotator at once: a token's values are those of the annotators of its article."""

    def units() -> Iterable[list[str]]:
        for article in articles:
            per_coder = [work.categories(label) for work in article.by.values()]
            yield from (list(values) for values in zip(*per_coder))

    return krippendorff_alpha(units())


def _relations(articles: Sequence[Article], a: str, b: str) -> RelationScores:
    exact, overlap = F1Counts(), F1Counts()
    for article in articles:
        ra, rb = article.by[a].relations, article.by[b].relations
        exact.add(exact_counts(ra, rb))
        overlap.add(_relation_overlap(ra, rb))
    return RelationScores(exact.f1, overlap.f1)


def agreement(articles: Sequence[Article], annotators: Sequence[str], labels: Sequence[str]) -> AgreementReport:
    """Every figure of the report from the articles' works (pure: no store, no workspace)."""
    articles = [a for a in articles if sum(1 for name in annotators if name in a.by) >= 2]
    articles = [
        Article(a.article_id, a.handle, a.tokens, {n: w for n, w in a.by.items() if n in annotators}) for a in articles
    ]
    seen = {e[2] for a in articles for w in a.by.values() for e in w.extents}
    labels = [name for name in labels if name in seen] + sorted(seen - set(labels))
    report = AgreementReport(list(annotators), labels, len(articles))
    for a, b in combinations(annotators, 2):
        shared = [art for art in articles if a in art.by and b in art.by]
        if not shared:
            continue
        report.pairs.append(
            Pair(
                a,
                b,
                len(shared),
                {label: _pair_scores(shared, a, b, label) for label in labels},
                _pair_scores(shared, a, b, None),
                _relations(shared, a, b),
            )
        )
    for label in labels:
        report.average[label] = _average([p.labels[label] for p in report.pairs], _alpha(articles, label))
    report.overall = _average([p.overall for p in report.pairs], _alpha(articles, None))
    report.relations = RelationScores(
        mean(p.relations.exact_f1 for p in report.pairs), mean(p.relations.overlap_f1 for p in report.pairs)
    )
    for art in articles:
        names = [n for n in annotators if n in art.by]
        pairs = [(_pair_scores([art], a, b, None), _relations([art], a, b)) for a, b in combinations(names, 2)]
        scores = Scores(
            mean(s.exact_f1 for s, _ in pairs),
            mean(s.overlap_f1 for s, _ in pairs),
            mean(s.kappa for s, _ in pairs),
            _alpha([art], None),
        )
        report.rows.append(ArticleRow(art.article_id, art.handle, names, scores, mean(r.exact_f1 for _, r in pairs)))
    return report


def _average(scores: list[Scores], alpha: float | None) -> Scores:
    return Scores(
        mean(s.exact_f1 for s in scores),
        mean(s.overlap_f1 for s in scores),
        mean(s.kappa for s in scores),
        alpha,
    )
