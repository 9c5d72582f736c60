"""Reading a brat folder: every .ann with its .txt, one record per pair, types mapped to labels (brat_mapping).

Where a .ann finds its text and whose work it is:
- `STEM.ann` beside `STEM.txt` (brat's own layout): the annotator is --annotator, else yours; in
  chipread's own brat export (an annotation.conf that chipread wrote) the folder below it names
  the annotator, and `_unannotated/` holds articles only.
- `STEM_ANNOTATOR.ann` with `STEM.txt` beside it or in a sibling folder (PolNeAR:
  `text/STEM.txt` and `attributions/STEM_4e07.ann`): the suffix names the annotator.
Articles are matched to the corpus by their text, else added from the .txt (handle: STEM).

What becomes of each line: a T line is a span with its mapped label (several fragments
separated by whitespace alone, as brat splits a span at line breaks, are one span; other
fragments become one span each, or one span over the gaps with join_fragments); an R line is a
relation from Arg1 to Arg2; an E line becomes relations as its event rule says; attributes,
notes, normalisations and equivalences are counted and left out. A line that cannot be used
(offsets out of range, text that does not match, an unknown type, an id that names nothing)
is left out with one problem naming the file and line, and the rest of the file goes in;
--strict imports nothing if there is any.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from chipread.corpus import decode
from chipread.errors import ImportFailed
from chipread.guidelines import Guidelines
from chipread.model import DEFAULT_RELATION

from .brat_ann import BratDocument, Standoff, read_pair
from .brat_mapping import BratMapping, quotation_marks, resolve, role_name
from .incoming import Incoming, InRelation, InSpan, Problem
from .registry import ImportContext, Importer, register_importer
from .report import by_prefix, listing

CONF = "annotation.conf"
CHIPREAD_CONF = "# chipread export"  # the first line of the annotation.conf chipread's brat export writes
# The relation label chipread writes: known as written even where no annotation.conf declares it.
RELATION_LABELS = frozenset({DEFAULT_RELATION})
UNANNOTATED = "_unannotated"  # chipread's brat export: articles nobody annotated (--all)


@dataclass(frozen=True)
class BratFile:
    """One .ann found under a brat folder: its .txt, whose work it is, and its document (or why not)."""

    ann: Path
    txt: Path | None
    annotator: str | None  # from the file name's suffix or chipread's export layout; None: not said
    document: BratDocument | None
    problem: str | None  # why there is no document (no .txt, not UTF-8, too large)
    declared: frozenset[str] = frozenset()  # the types the collection's annotation.conf declares


def brat_files(path: Path) -> tuple[list[BratFile], list[Path]]:
    """Every .ann under path (a folder, or one .ann) read against its .txt, and the .txt files without a .ann.

    The reading that `import --format brat` does, for anything else that reads a brat folder (scoring and
    agreement benchmarks on PolNeAR): `brat_files(Path("../shared/polnear/dev"))`.
    """
    path = Path(path)
    if path.is_file() and path.suffix == ".ann":
        root, anns, texts = path.parent, [path], []
    elif path.is_dir():
        root = path
        anns, texts = _walk(path)
    elif not path.exists():
        raise ImportFailed(f"cannot read {path}: no such folder")
    else:
        raise ImportFailed(f"{path} is not a folder of .txt and .ann files (brat import reads a folder, or one .ann)")
    if not anns:
        raise ImportFailed(f"{path}: no .ann files in this folder or below it: nothing to import")
    confs: dict[Path, tuple[Path | None, frozenset[str], bool]] = {}
    paired: set[Path] = set()
    siblings: dict[Path, list[Path]] = {}
    out = []
    top = root.resolve()
    for ann in anns:
        found = _pair(ann, siblings)
        if isinstance(found, str):
            out.append(BratFile(ann, None, None, None, found))
            continue
        txt, annotator = found
        paired.add(txt.resolve())
        outside = next((p for p in (ann, txt) if p.is_symlink() and not p.resolve().is_relative_to(top)), None)
        if outside is not None:
            out.append(BratFile(ann, txt, annotator, None, f"{outside.name} is a link out of {root}: not read"))
            continue
        conf_dir, declared, ours = _collection(ann.parent, root, confs)
        if ours and annotator is None and conf_dir is not None:
            parts = ann.relative_to(conf_dir).parts
            annotator = None if len(parts) < 2 or parts[0] == UNANNOTATED else parts[0]
        try:
            doc = read_pair(txt, ann, decode.MAX_BYTES)
        except ValueError as exc:
            out.append(BratFile(ann, txt, annotator, None, str(exc), declared))
            continue
        out.append(BratFile(ann, txt, annotator, doc, None, declared))
    return out, [t for t in texts if t.resolve() not in paired]


def read(path: Path, ctx: ImportContext) -> Iterator[Incoming | Problem]:
    config = ctx.ws.config
    mapping = resolve(
        config.brat,
        config.path,
        ctx.options.maps,
        quote_extent=ctx.options.quote_extent,
        join_fragments=ctx.options.join_fragments,
    )
    root = Path(path) if Path(path).is_dir() else Path(path).parent
    files, unpaired = brat_files(Path(path))
    labels = frozenset(ctx.ws.labels.names)
    guidelines = config.guidelines if mapping.quote_extent == "guidelines" else None
    for f in files:
        where = _relative(f.ann, root)
        if f.document is None:
            yield Problem(where, f.problem or "cannot be read")
            continue
        yield _record(f.document, where, f.txt, root, f.annotator, mapping, f.declared | labels, guidelines)
    for txt in unpaired:
        yield Incoming(_relative(txt, root), None, skip="a .txt but no .ann")


def _walk(root: Path) -> tuple[list[Path], list[Path]]:
    """Every .ann and .txt under root, in name order (hidden folders skipped; links to folders not followed)."""
    anns, texts = [], []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(folder) / name
            if p.suffix in (".ann", ".txt"):
                (anns if p.suffix == ".ann" else texts).append(p)
    return anns, texts


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _pair(ann: Path, siblings: dict[Path, list[Path]]) -> tuple[Path, str | None] | str:
    """The .txt of a .ann and the annotator its name gives (None), or why there is none."""
    own = ann.with_suffix(".txt")
    if own.is_file():
        return own, None
    if "_" in ann.stem:
        base, suffix = ann.stem.rsplit("_", 1)
        if base and suffix:
            parent = ann.parent
            if parent not in siblings:
                up = parent.parent
                siblings[parent] = sorted(d for d in up.iterdir() if d.is_dir() and d != parent) if up != parent else []
            for folder in [parent, *siblings[parent]]:
                candidate = folder / f"{base}.txt"
                if candidate.is_file():
                    return candidate, suffix
            return f"no {own.name} beside it, nor {base}.txt beside it or in a sibling folder"
    return f"no {own.name} beside it"


def _collection(folder: Path, root: Path, cache: dict) -> tuple[Path | None, frozenset[str], bool]:
    """The nearest annotation.conf at or above folder (up to root): its folder, its types, and whether chipread wrote it."""
    if folder in cache:
        return cache[folder]
    conf = folder / CONF
    if conf.is_file():
        found = (folder, *_conf_types(conf))
    elif folder == root or root not in folder.parents:
        found = (None, frozenset(), False)
    else:
        found = _collection(folder.parent, root, cache)
    cache[folder] = found
    return found


def _conf_types(conf: Path) -> tuple[frozenset[str], bool]:
    """The entity, relation, event and attribute names an annotation.conf declares, and whether chipread wrote it."""
    try:
        text = conf.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset(), False
    names = set()
    section = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            continue
        if section in ("entities", "relations", "events", "attributes") and not stripped.startswith("<"):
            name = stripped.split()[0].lstrip("!")
            if name and "=" not in name:
                names.add(name)
    return frozenset(names), text.startswith(CHIPREAD_CONF)


def _pieces(text: str, fragments: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Fragments in text order, neighbours joined where only whitespace lies between them (brat's line split)."""
    ordered = sorted(fragments)
    out = [ordered[0]]
    for a, b in ordered[1:]:
        if not text[out[-1][1] : a].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _record(
    doc: BratDocument,
    where: str,
    txt: Path,
    root: Path,
    annotator: str | None,
    mapping: BratMapping,
    as_written: frozenset[str],
    guidelines: Guidelines | None = None,
) -> Incoming:
    text = doc.text
    standoff: Standoff = doc.standoff
    meta = {"handle": txt.stem, "path": _relative(txt, root)}
    rec = Incoming(where, text, None, meta, annotator)
    rec.left_out.extend(f"line {p.line}: {p.message}" for p in standoff.problems)
    counts = rec.counts
    if doc.converted:
        counts[f"converted:{_relative(txt, root)}: {doc.converted}"] += 1
    counts["multiline"] += standoff.multiline

    def unknown(line: int, ident: str, type_: str) -> None:
        rec.left_out.append(
            f"line {line}: {ident}: unknown type {type_!r} (known: {mapping.described}; "
            f"map it with --map {type_}=LABEL, or drop it with --map {type_}=)"
        )

    spans: dict[str, list[int]] = {}
    dropped: set[str] = set()
    for t in standoff.textbounds.values():
        if not mapping.known(t.type, as_written):
            unknown(t.line, t.id, t.type)
            continue
        rule = mapping.label(t.type)
        if rule is None:
            counts[f"dropped:{t.type}"] += 1
            dropped.add(t.id)
            continue
        pieces = _pieces(text, t.fragments)
        if len(pieces) > 1:
            if mapping.join_fragments:
                pieces = [(pieces[0][0], pieces[-1][1])]
                counts["joined"] += 1
            else:
                counts["split"] += 1
                counts["pieces"] += len(pieces)
        if any(not text[a:b].strip() for a, b in pieces):
            rec.left_out.append(f"line {t.line}: {t.id}: covers only whitespace")
            continue
        spans[t.id] = []
        for a, b in pieces:
            label = rule
            marks = quotation_marks(text, a, b) if isinstance(rule, tuple) or guidelines else None
            if isinstance(rule, tuple):
                label = rule[0] if marks else rule[1]
                counts[f"quote-test:{label}"] += 1
            extent = guidelines.quote_extent(text, *marks) if guidelines and marks else None
            if extent is not None and extent != (a, b):
                a, b = extent
                counts["reshaped"] += 1
            spans[t.id].append(len(rec.spans))
            rec.spans.append(InSpan(a, b, label, text[a:b]))

    def link(heads: list[str], children: list[str], label: str, line: int, ident: str) -> None:
        for h in heads:
            for c in children:
                if h not in standoff.textbounds or c not in standoff.textbounds:
                    counts["link-to-event"] += 1
                elif h in dropped or c in dropped:
                    counts["link-dropped"] += 1
                elif h not in spans or c not in spans:
                    counts["link-left-out"] += 1  # the span's own line was left out (listed)
                elif h == c:
                    rec.left_out.append(f"line {line}: {ident}: links a span to itself")
                else:
                    for hi in spans[h]:
                        for ci in spans[c]:
                            rec.relations.append(InRelation(hi, ci, label))

    for r in standoff.relations:
        if not mapping.known(r.type, as_written | RELATION_LABELS):
            unknown(r.line, r.id, r.type)
            continue
        label = mapping.label(r.type)
        if label is None:
            counts[f"dropped:{r.type}"] += 1
            continue
        if isinstance(label, tuple):
            rec.left_out.append(f"line {r.line}: {r.id}: a relation type cannot map to {'|'.join(label)!r}")
            continue
        (_, head), (_, child) = r.args
        link([head], [child], label, r.line, r.id)

    for e in standoff.events:
        if not mapping.known(e.type, as_written):
            unknown(e.line, e.id, e.type)
            continue
        event_rule = mapping.events.get(e.type)
        if event_rule is None or event_rule.head is None:
            counts[f"no-rule:{e.type}"] += 1
            continue
        heads = [ref for role, ref in e.args if role_name(role) == event_rule.head]
        children = [ref for role, ref in e.args if role_name(role) == event_rule.child]
        if not heads or not children:
            counts[f"no-role:{e.type}:{event_rule.child if heads else event_rule.head}"] += 1
            continue
        link(heads, children, event_rule.label, e.line, e.id)

    for a in standoff.attributes:
        counts[f"ignored:attribute {a.type}"] += 1
    for n in standoff.notes:
        counts[f"ignored:note ({n.type})"] += 1
    for kind, n in standoff.others.items():
        counts[f"ignored:{kind}"] += n
    return rec


def notes(c: Counter) -> list[str]:
    out = [f"brat: {k.split(':', 1)[1]}" for k in sorted(c) if k.startswith("converted:") and c[k]]
    dropped = by_prefix(c, "dropped:")
    if dropped:
        out.append(
            f"brat: left out {sum(dropped.values())} annotation(s) of types the mapping drops ({listing(dropped)})"
        )
    tested = by_prefix(c, "quote-test:")
    if tested:
        out.append(f"brat: spans mapped by the quotation test (direct quotation or not): {listing(tested)}")
    if c["reshaped"]:
        out.append(
            f"brat: {c['reshaped']} direct quotation(s) stored with the extent [guidelines] gives a quote "
            f"(--quote-extent guidelines), not as written in the .ann"
        )
    if c["split"]:
        out.append(
            f"brat: {c['split']} discontinuous span(s) imported as {c['pieces']} spans, one per fragment (chipread "
            f"spans are contiguous; --join-fragments makes one span over the gaps), each with the span's links"
        )
    if c["joined"]:
        out.append(
            f"brat: {c['joined']} discontinuous span(s) imported as one span each, over the text between their fragments"
        )
    if c["multiline"]:
        out.append(
            f"brat: {c['multiline']} T line(s) had line breaks in their text (brat itself cannot read them); "
            f"read whole, their text matches the offsets"
        )
    no_rule = by_prefix(c, "no-rule:")
    if no_rule:
        out.append(
            f"brat: {sum(no_rule.values())} event(s) link nothing by their rule ({listing(no_rule)}); their spans are kept"
        )
    no_role = by_prefix(c, "no-role:")
    if no_role:
        parts = ", ".join(f"{k.split(':')[0]} without {k.split(':')[1]} {v}" for k, v in sorted(no_role.items()))
        out.append(
            f"brat: {sum(no_role.values())} event(s) lack a role their rule links ({parts}); their spans are kept"
        )
    if c["link-dropped"]:
        out.append(f"brat: left out {c['link-dropped']} link(s) to spans of types the mapping drops")
    if c["link-left-out"]:
        out.append(f"brat: left out {c['link-left-out']} link(s) to spans whose lines were left out (listed above)")
    if c["link-to-event"]:
        out.append(f"brat: left out {c['link-to-event']} link(s) to events (chipread links spans)")
    ignored = by_prefix(c, "ignored:")
    if ignored:
        out.append(f"brat: left out {sum(ignored.values())} line(s) chipread has no place for ({listing(ignored)})")
    return out


register_importer(Importer("brat", "brat standoff folder (.txt + .ann pairs; PolNeAR's layout too)", read, notes))
