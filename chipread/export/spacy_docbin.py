"""spacy: a `.spacy` DocBin for `spacy train`: every span in doc.spans["sc"], non-overlapping ones in doc.ents.

spaCy is an optional extra (`pip install 'chipread[spacy]'`), imported only when this writer
runs. Each record is a Doc made by spacy.blank("en")'s tokenizer from the exact article
text, so `doc.text == text` and every offset is the same. chipread's own tokens are a
coarsening of spaCy's, so spans made in chipread always land on spaCy token boundaries
(`doc.char_span(start, end, label)` is never None); where a span imported from elsewhere (or
a machine entity) starts or ends inside a spaCy token, that doc's tokens are cut there
(see token_cuts), so no span is widened; counted.

- doc.spans["sc"]: all spans (the span categorizer's default key), in text order.
- doc.ents: the non-overlapping subset, chosen by the same rule as conll (longest first,
  then label priority), counted in the notes.
- doc.spans["entities"] with --entities: the machine highlights (OntoNotes labels).
- doc.user_data["chipread"]: article_id, annotator, status, meta (title, source, published,
  url, path, handle), span_ids (parallel to doc.spans["sc"]), and relations as
  {id, label, head, child, head_id, child_id} where head/child index doc.spans["sc"].

A DocBin is one serialized blob, so this format holds the export in memory until it is
written (use --split to cut it); the file is still written atomically.
"""

from __future__ import annotations

from chipread.errors import ExportFailed

from .overlaps import label_rank, non_overlapping, rule_text
from .records import Record
from .registry import ExportContext, Exporter, Writer, register_exporter
from .report import by_prefix, listing
from .token_cuts import cut_at_spans, spaces_after

SPANS_KEY = "sc"
ENTITIES_KEY = "entities"
USER_DATA_KEY = "chipread"


def _spacy():
    try:
        import spacy
        from spacy.tokens import Doc, DocBin
    except ImportError:
        raise ExportFailed("the spacy format needs spaCy: pip install 'chipread[spacy]'") from None
    return spacy, DocBin, Doc


class SpacyWriter(Writer):
    def __init__(self, out, ctx: ExportContext) -> None:
        super().__init__(out, ctx)
        spacy, DocBin, self.Doc = _spacy()
        self.nlp = spacy.blank("en")
        self.docbin = DocBin(store_user_data=True)
        self.rank = label_rank(ctx.labels)

    def _span(self, doc, start: int, end: int, label: str):
        span = doc.char_span(start, end, label=label)
        if span is None:
            # An edge in the space after a token (cuts cannot help): the tokens inside it.
            span = doc.char_span(start, end, label=label, alignment_mode="contract") or doc.char_span(
                start, end, label=label, alignment_mode="expand"
            )
            self.ctx.counters["spacy.misaligned"] += 1
        return span

    def _doc(self, record: Record):
        """spaCy's tokens of the text, cut where a span (or with --entities an entity) starts or ends inside one."""
        text = record.text
        doc = self.nlp.make_doc(text)
        bounds = [(s.start, s.end) for s in record.spans]
        if self.ctx.options.entities:
            bounds += [(e.start, e.end) for e in record.view.entities]
        starts = [t.idx for t in doc]
        ends = [t.idx + len(t) for t in doc]
        cuts = cut_at_spans(starts, ends, bounds)
        if cuts is None:
            return doc
        starts, ends, n = cuts
        self.ctx.counters["spacy.cut"] += n
        words = [text[a:b] for a, b in zip(starts, ends)]
        return self.Doc(self.nlp.vocab, words=words, spaces=spaces_after(text, starts, ends))

    def write(self, record: Record) -> None:
        doc = self._doc(record)
        spans = [self._span(doc, s.start, s.end, s.label) for s in record.spans]
        doc.spans[SPANS_KEY] = spans
        kept, dropped = non_overlapping([(sp.start, sp.end, sp.label_, sp) for sp in spans], self.rank)
        for sp in dropped:
            self.ctx.counters[f"spacy.overlap:{sp.label_}"] += 1
        doc.ents = kept
        if self.ctx.options.entities:
            doc.spans[ENTITIES_KEY] = [self._span(doc, e.start, e.end, e.label) for e in record.view.entities]
        index = {s.id: i for i, s in enumerate(record.spans)}
        doc.user_data[USER_DATA_KEY] = {
            "article_id": record.article.id,
            "annotator": record.annotator,
            "status": record.status,
            "meta": record.view.meta(),
            "span_ids": [s.id for s in record.spans],
            "relations": [
                {
                    "id": r.id,
                    "label": r.label,
                    "head": index[r.head],
                    "child": index[r.child],
                    "head_id": r.head,
                    "child_id": r.child,
                }
                for r in record.relations
            ],
        }
        self.docbin.add(doc)

    def close(self) -> None:
        self.out.write(self.docbin.to_bytes())

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        c = ctx.counters
        out = []
        dropped = by_prefix(c, "spacy.overlap:")
        if dropped:
            parts = listing(dropped)
            out.append(
                f"spacy: {sum(dropped.values())} overlapping span(s) kept in doc.spans['sc'] but not in "
                f"doc.ents ({parts}); rule: {rule_text(ctx.labels)}"
            )
        if c["spacy.cut"]:
            out.append(
                f"spacy: {c['spacy.cut']} span(s) start or end inside a spaCy token: their docs' tokens are cut at "
                f"the span edges, so every span is whole tokens"
            )
        if c["spacy.misaligned"]:
            out.append(
                f"spacy: {c['spacy.misaligned']} span(s) start or end in the space after a token: stored as the "
                f"tokens inside them"
            )
        return out


register_exporter(
    Exporter(
        "spacy",
        "spaCy DocBin (.spacy) for spacy train (needs spaCy)",
        ".spacy",
        SpacyWriter,
        binary=True,
        entities=True,
    )
)
