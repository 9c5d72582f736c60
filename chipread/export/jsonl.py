"""jsonl: one Prodigy-style task per article and annotator; the default format and the one that round-trips.

Schema (keys in this order, one JSON object per line, UTF-8):

- `id`: the article id; `text`: Article.text, the string every offset indexes (code points).
- `meta`: `title`, `source`, `published` (ISO date or null), `url`, `path` (relative to the
  corpus), `handle`, `article_id` (Prodigy shows `meta` in the corner of a task).
- `tokens`: `text`, `start`, `end`, `id`, `ws` (Prodigy's token format; whitespace is not a token).
- `spans`: `start`, `end` (end exclusive), `label`, `text` (== text[start:end], always),
  `token_start`, `token_end` (inclusive, as in Prodigy: the tokens the span touches), `id`.
- `relations`: `head`, `child` are token indices: the LAST token of the head and child
  spans, as Prodigy's relations interface writes them (explosion/projects
  tutorials/rel_component/scripts/parse_data.py: "the 'head' and 'child' annotations refer
  to the end token in the span"); `head_span`/`child_span` carry `start`, `end`,
  `token_start`, `token_end`, `label`; then `label`, `id`, and the span ids `head_id`,
  `child_id`. The head is the quote or claim, the child the actor it is attributed to.
- `annotator` (null for an unannotated article written by --all), `status`.
- `entities` (only with --entities): machine highlights `start`, `end`, `label`, `text`,
  `source`, `value`.
- `_input_hash`, `_task_hash`: see chipread.export.hashes (sha256-based, signed 32-bit).

Lines are built from pre-encoded pieces (the tokens of an article once for all its
annotators); they are byte-identical to json.dumps(record, ensure_ascii=False) except that
U+2028/U+2029 are escaped, so tools that split lines on them (str.splitlines, JavaScript)
cannot break a record. A test holds both promises.
"""

from __future__ import annotations

from collections import Counter
from json.encoder import encode_basestring as _esc

from .hashes import input_hash, task_hash
from .records import Record
from .registry import ExportContext, Exporter, Writer, register_exporter

_TOKEN = '{{"text": {}, "start": {}, "end": {}, "id": {}, "ws": {}}}'.format
_SPAN = '{{"start": {}, "end": {}, "label": {}, "text": {}, "token_start": {}, "token_end": {}, "id": {}}}'.format
_SIDE = '{{"start": {}, "end": {}, "token_start": {}, "token_end": {}, "label": {}}}'.format
_REL = '{{"head": {}, "child": {}, "head_span": {}, "child_span": {}, "label": {}, "id": {}, "head_id": {}, "child_id": {}}}'.format
_ENTITY = '{{"start": {}, "end": {}, "label": {}, "text": {}, "source": {}, "value": {}}}'.format
_BOOL = ("false", "true")


def _str_or_null(value: str | None) -> str:
    return "null" if value is None else _esc(value)


def article_head(record: Record) -> str:
    """`{"id": ..., "text": ..., "meta": {...}, "tokens": [...], ` for an article: built once per article."""
    view = record.view
    cached = view.cache.get("jsonl")
    if cached is not None:
        return cached
    a = view.article
    tokens = view.tokens
    token_json = ", ".join(
        map(_TOKEN, map(_esc, [t.text for t in tokens]), [t.start for t in tokens], [t.end for t in tokens],
            range(len(tokens)), [_BOOL[t.ws] for t in tokens])
    )
    meta = (
        f'{{"title": {_esc(a.title)}, "source": {_str_or_null(a.source)}, '
        f'"published": {_str_or_null(a.published.isoformat() if a.published else None)}, '
        f'"url": {_str_or_null(a.url)}, "path": {_esc(view.path)}, "handle": {_esc(a.handle)}, '
        f'"article_id": {_esc(a.id)}}}'
    )
    head = f'{{"id": {_esc(a.id)}, "text": {_esc(a.text)}, "meta": {meta}, "tokens": [{token_json}], '
    view.cache["jsonl"] = head
    view.cache["jsonl_hash"] = input_hash(a.text)
    return head


def record_line(record: Record, counters: Counter, entities: bool = False) -> str:
    head = article_head(record)
    tokens = record.view.tokens
    spans = []
    for s in record.spans:
        ts, te = record.token_bounds(s)
        if tokens[ts].start != s.start or tokens[te].end != s.end:
            counters["jsonl.misaligned"] += 1
        spans.append(_SPAN(s.start, s.end, _esc(s.label), _esc(s.text), ts, te, _esc(s.id)))
    rels = []
    rel_keys = []
    for r in record.relations:
        h, c = record.span(r.head), record.span(r.child)
        hs, he = record.token_bounds(h)
        cs, ce = record.token_bounds(c)
        rels.append(
            _REL(he, ce, _SIDE(h.start, h.end, hs, he, _esc(h.label)), _SIDE(c.start, c.end, cs, ce, _esc(c.label)),
                 _esc(r.label), _esc(r.id), _esc(r.head), _esc(r.child))
        )
        rel_keys.append((h.start, h.end, c.start, c.end, r.label))
    ih = record.view.cache["jsonl_hash"]
    th = task_hash(ih, [(s.start, s.end, s.label) for s in record.spans], rel_keys)
    ent = ""
    if entities:
        items = ", ".join(
            _ENTITY(e.start, e.end, _esc(e.label), _esc(e.text), _esc(e.source), _str_or_null(e.value))
            for e in record.view.entities
        )
        ent = f'"entities": [{items}], '
    line = (
        f'{head}"spans": [{", ".join(spans)}], "relations": [{", ".join(rels)}], '
        f'"annotator": {_str_or_null(record.annotator)}, "status": {_esc(record.status)}, {ent}'
        f'"_input_hash": {ih}, "_task_hash": {th}}}\n'
    )
    if "\u2028" in line or "\u2029" in line:
        line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return line


class JsonlWriter(Writer):
    def write(self, record: Record) -> None:
        self.out.write(record_line(record, self.ctx.counters, self.ctx.options.entities).encode("utf-8"))

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        n = ctx.counters["jsonl.misaligned"]
        if not n:
            return []
        return [f"{n} span(s) do not start or end on a token boundary (imported from elsewhere): their "
                f"offsets and text are exact, token_start/token_end cover the tokens they touch"]


register_exporter(Exporter("jsonl", "Prodigy-style JSON lines (the default; imports back exactly)", ".jsonl", JsonlWriter,
                           entities=True))
