"""conll: IOB2 tags, one `token TAG` per line, a blank line between sentences, -DOCSTART- between records.

The layout spaCy's `spacy convert -c ner` and CoNLL-2003 readers take: the document
delimiter is the line `-DOCSTART- -X- O O` (spaCy's conll_ner_to_docs looks for exactly
that), columns are separated by one space, the first column is the token and the last the
tag. Tokens are chipread's (spaCy-compatible) tokens; sentences are chipread's, except that
a sentence break inside a span is not written (the entity stays whole).

IOB cannot hold overlapping spans: each record keeps the longest span first, then by label
priority (the label set's order: actor > claim > quote by default); the notes say how many
were left out and by which rule. A span that starts or ends inside a token (imported from
another tool) has that token cut at its edge, so no span is widened (counted; see token_cuts).
Relations have no place in IOB.
"""

from __future__ import annotations

from chipread.nlp import bounds_span

from .labels import one_word
from .overlaps import label_rank, non_overlapping, rule_text
from .records import Record
from .registry import ExportContext, Exporter, Writer, register_exporter
from .report import by_prefix, listing
from .token_cuts import cut_at_spans

DOCSTART = "-DOCSTART- -X- O O\n\n"


def record_bounds(record: Record, ctx: ExportContext) -> tuple[list[int], list[int]]:
    """The starts and ends of the record's tokens: the article's, cut where a span starts or ends inside one."""
    tokens = record.view.tokens
    starts, ends = [t.start for t in tokens], [t.end for t in tokens]
    cuts = cut_at_spans(starts, ends, ((s.start, s.end) for s in record.spans))
    if cuts is None:
        return starts, ends
    ctx.counters["conll.cut"] += cuts[2]
    return cuts[0], cuts[1]


def record_tags(record: Record, ctx: ExportContext, starts: list[int], ends: list[int]) -> list[str]:
    """The IOB2 tag of every token (starts, ends) of the record."""
    counters = ctx.counters
    items = []
    for s in record.spans:
        ts, te = bounds_span(starts, ends, s.start, s.end)
        if starts[ts] != s.start or ends[te] != s.end:
            counters["conll.widened"] += 1  # an edge in the space between tokens: no cut can help
        items.append((ts, te + 1, s.label, (ts, te, s.label)))
    kept, dropped = non_overlapping(items, label_rank(ctx.labels))
    counters["conll.relations"] += len(record.relations)
    for _, _, label in dropped:
        counters[f"conll.overlap:{label}"] += 1
    ctx.leave_out(len(dropped), len(record.relations))
    tags = ["O"] * len(starts)
    for ts, te, label in kept:
        if label != one_word(label):
            counters["conll.renamed"] += 1
        name = one_word(label)
        tags[ts] = "B-" + name
        for i in range(ts + 1, te + 1):
            tags[i] = "I-" + name
    return tags


class ConllWriter(Writer):
    def write(self, record: Record) -> None:
        text = record.text
        starts, ends = record_bounds(record, self.ctx)
        tags = record_tags(record, self.ctx, starts, ends)
        sentences = {s.start for s in record.view.sentences}
        lines = [DOCSTART]
        for i, (a, b) in enumerate(zip(starts, ends)):
            if i and a in sentences and not tags[i].startswith("I-"):
                lines.append("\n")
            lines.append(f"{text[a:b]} {tags[i]}\n")
        if starts:
            lines.append("\n")
        self.out.write("".join(lines).encode("utf-8"))

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        c = ctx.counters
        out = []
        dropped = by_prefix(c, "conll.overlap:")
        if dropped:
            parts = listing(dropped)
            out.append(
                f"conll: left out {sum(dropped.values())} overlapping span(s) ({parts}): IOB tags cannot "
                f"hold overlaps; rule: {rule_text(ctx.labels)}"
            )
        if c["conll.cut"]:
            out.append(
                f"conll: {c['conll.cut']} span(s) start or end inside a token: their documents' tokens are cut at "
                f"the span edges, so the tags hold the spans exactly"
            )
        if c["conll.widened"]:
            out.append(
                f"conll: {c['conll.widened']} span(s) start or end in the space between tokens: tagged on the tokens "
                f"inside them"
            )
        if c["conll.renamed"]:
            out.append(f"conll: {c['conll.renamed']} span(s) have labels with spaces; written with '_' instead")
        if c["conll.relations"]:
            out.append(
                f"conll: {c['conll.relations']} relation(s) not written (IOB has no place for them; "
                f"jsonl, doccano, labelstudio, brat and spacy keep them)"
            )
        return out


register_exporter(Exporter("conll", "IOB2 token-per-line (CoNLL-2003 layout) for NER trainers", ".conll", ConllWriter))
