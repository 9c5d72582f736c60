"""brat: a folder of standoff files, `<annotator>/<article>.txt` + `.ann`, with annotation.conf and visual.conf.

brat's standoff format (brat.nlplab.org/standoff.html; nlplab/brat example-data):
`T1<TAB>label start end<TAB>text` for each span, `R1<TAB>label Arg1:T2 Arg2:T1` for each
relation (Arg1 the quote or claim, Arg2 the actor). The .txt is Article.text exactly, UTF-8,
so offsets (code points) index it. brat's .ann is line-based (brat splits it with
str.splitlines(): CR, LF, U+2028/U+2029, NEL, form feed, vertical tab and the separators
0x1c-0x1e all end a line), so a span that crosses one is written as brat writes one itself:
discontinuous fragments `start end;start end` split there, its text the fragments joined by a
space (counted in the notes). A fragment of only whitespace is left out; a span that starts or
ends with a line break loses it, and labels with spaces are written with '_' (both counted).

One subfolder per annotator (brat pairs a .ann with the .txt of the same name, so each
annotator needs their own copy); unannotated articles (--all) go to `_unannotated/`. The
`annotation.conf` at the top (brat looks for it in parent folders too) lists every label,
the relation types with their argument labels, and allows overlaps, which chipread has.
An article's status is not written: brat's standoff has no document-level record for it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from chipread.model import DEFAULT_RELATION, Span

from .brat_ann import LINE_BREAKS
from .labels import one_word
from .records import Record
from .registry import ExportContext, Exporter, Writer, register_exporter

UNANNOTATED = "_unannotated"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def fragments(text: str, span: Span) -> list[tuple[int, int]]:
    """The span cut at every line break brat's reader splits lines at (str.splitlines()), pieces of only
    whitespace left out: brat's discontinuous form, which chipread's brat import joins back."""
    out = []
    pos = span.start
    for line in text[span.start : span.end].splitlines(keepends=True):
        body = line.rstrip(LINE_BREAKS)
        if body.strip():
            out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def ann_text(record: Record, counters: Counter) -> str:
    text = record.text
    lines = []
    number = {}
    for i, s in enumerate(record.spans, 1):
        number[s.id] = i
        parts = fragments(text, s)
        if len(parts) > 1:
            counters["brat.fragments"] += 1
        if (parts[0][0], parts[-1][1]) != (s.start, s.end):
            counters["brat.trimmed"] += 1
        if one_word(s.label) != s.label:
            counters["brat.renamed"] += 1
        offsets = ";".join(f"{a} {b}" for a, b in parts)
        shown = " ".join(text[a:b] for a, b in parts)
        lines.append(f"T{i}\t{one_word(s.label)} {offsets}\t{shown}\n")
    for i, r in enumerate(record.relations, 1):
        if one_word(r.label) != r.label:
            counters["brat.renamed_relations"] += 1
        lines.append(f"R{i}\t{one_word(r.label)} Arg1:T{number[r.head]} Arg2:T{number[r.child]}\n")
    return "".join(lines)


class BratWriter(Writer):
    def __init__(self, out: Path, ctx: ExportContext) -> None:
        super().__init__(out, ctx)
        self.root: Path = out
        self.names: dict[str, set[str]] = {}
        self.labels: set[str] = set()
        self.relations: dict[str, tuple[set[str], set[str]]] = {}

    def _file_name(self, folder: str, record: Record) -> str:
        used = self.names.setdefault(folder, set())
        base = _UNSAFE.sub("_", record.article.handle).strip("._") or record.article.id
        name = base if base not in used else f"{base}-{record.article.id[:12]}"
        used.add(name)
        return name

    def write(self, record: Record) -> None:
        folder = record.annotator or UNANNOTATED
        target = self.root / folder
        target.mkdir(exist_ok=True)
        name = self._file_name(folder, record)
        (target / f"{name}.txt").write_bytes(record.text.encode("utf-8"))
        (target / f"{name}.ann").write_bytes(ann_text(record, self.ctx.counters).encode("utf-8"))
        for s in record.spans:
            self.labels.add(s.label)
        for r in record.relations:
            heads, children = self.relations.setdefault(r.label, (set(), set()))
            heads.add(record.span(r.head).label)
            children.add(record.span(r.child).label)

    def close(self) -> None:
        labels = self.ctx.labels
        names = list(labels.names) + sorted(self.labels - set(labels.names))
        relations = dict(self.relations)
        if labels.heads and labels.actors:
            heads, children = relations.setdefault(DEFAULT_RELATION, (set(), set()))
            heads.update(labels.heads)
            children.update(labels.actors)
        conf = ["# chipread export: the labels and relations of this collection\n", "[entities]\n"]
        conf += [f"{one_word(n)}\n" for n in names]
        conf.append("\n[relations]\n")
        for label in sorted(relations):
            heads, children = relations[label]
            arg1 = "|".join(sorted(one_word(h) for h in heads))
            arg2 = "|".join(sorted(one_word(c) for c in children))
            conf.append(f"{one_word(label)}\tArg1:{arg1}, Arg2:{arg2}\n")
        # chipread allows nested and crossing spans; brat refuses overlaps unless told.
        conf.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n")
        conf.append("\n[events]\n\n[attributes]\n")
        (self.root / "annotation.conf").write_bytes("".join(conf).encode("utf-8"))
        visual = ["[labels]\n"] + [f"{one_word(n)} | {n}\n" for n in names]
        visual.append("\n[drawing]\n")
        for label in labels.labels:
            visual.append(f"{one_word(label.name)}\tbgColor:{label.color}\n")
        (self.root / "visual.conf").write_bytes("".join(visual).encode("utf-8"))

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        c = ctx.counters
        out = []
        if c["brat.fragments"]:
            out.append(
                f"brat: {c['brat.fragments']} span(s) cross a line break; written as discontinuous fragments "
                f"split at the line breaks (brat's .ann is line-based; chipread's brat import joins them back)"
            )
        if c["brat.trimmed"]:
            out.append(
                f"brat: {c['brat.trimmed']} span(s) start or end with a line break; written without it (a brat "
                f"fragment cannot hold one)"
            )
        if c["brat.renamed"]:
            out.append(f"brat: {c['brat.renamed']} span(s) have labels with spaces; written with '_' instead")
        if c["brat.renamed_relations"]:
            out.append(
                f"brat: {c['brat.renamed_relations']} relation(s) have labels with spaces; written with '_' instead"
            )
        return out


register_exporter(
    Exporter("brat", "brat standoff folder (.txt + .ann per article, annotation.conf)", "", BratWriter, folder=True)
)
