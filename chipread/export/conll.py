"""conll: IOB2 tags, one `token TAG` per line, a blank line between sentences, -DOCSTART- between records.

The layout spaCy's `spacy convert -c ner` and CoNLL-2003 readers take: the document
delimiter is the line `-DOCSTART- -X- O O` (spaCy's conll_ner_to_docs looks for exactly
that), columns are separated by one space, the first column is the token and the last the
tag. Tokens are chipread's (spaCy-compatible) tokens; sentences are chipread's, except that
a sentence break inside a span is not written (the entity stays whole).

IOB cannot hold overlapping spans: each record keeps the longest span first, then by label
priority (the label set's order: actor > claim > quote by default); the notes say how many
were left out and by which rule. A span that does not start or end on a token boundary is
widened to the tokens it touches, and counted. Relations have no place in IOB.
"""

from __future__ import annotations

from collections import Counter

from .labels import one_word
from .overlaps import label_rank, non_overlapping, rule_text
from .records import Record
from .registry import ExportContext, Exporter, Writer, register_exporter

DOCSTART = "-DOCSTART- -X- O O\n\n"


def record_tags(record: Record, ctx: ExportContext) -> list[str]:
    """The IOB2 tag of every token of the record's article."""
    counters = ctx.counters
    tokens = record.view.tokens
    items = []
    for s in record.spans:
        ts, te = record.token_bounds(s)
        if tokens[ts].start != s.start or tokens[te].end != s.end:
            counters["conll.widened"] += 1
        items.append((ts, te + 1, s.label, (ts, te, s.label)))
    kept, dropped = non_overlapping(items, label_rank(ctx.labels))
    counters["conll.relations"] += len(record.relations)
    for _, _, label in dropped:
        counters[f"conll.overlap:{label}"] += 1
    tags = ["O"] * len(tokens)
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
        tokens = record.view.tokens
        tags = record_tags(record, self.ctx)
        starts = {s.start for s in record.view.sentences}
        lines = [DOCSTART]
        for i, t in enumerate(tokens):
            if i and t.start in starts and not tags[i].startswith("I-"):
                lines.append("\n")
            lines.append(f"{t.text} {tags[i]}\n")
        if tokens:
            lines.append("\n")
        self.out.write("".join(lines).encode("utf-8"))

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        c = ctx.counters
        out = []
        dropped = Counter({k.split(":", 1)[1]: v for k, v in c.items() if k.startswith("conll.overlap:") and v})
        if dropped:
            parts = ", ".join(f"{label} {n}" for label, n in sorted(dropped.items()))
            out.append(
                f"conll: left out {sum(dropped.values())} overlapping span(s) ({parts}): IOB tags cannot "
                f"hold overlaps; rule: {rule_text(ctx.labels)}"
            )
        if c["conll.widened"]:
            out.append(
                f"conll: {c['conll.widened']} span(s) not on token boundaries were widened to the tokens they touch"
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
