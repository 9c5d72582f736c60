"""jsonl: one Prodigy-style task per article and annotator; the default format and the one that round-trips.

Schema (keys in this order, one JSON object per line, UTF-8):

- `id`: the article id; `text`: Article.text, the string every offset indexes (code points).
- `meta`: `title`, `source`, `published` (ISO date or null), `url`, `path` (relative to the
  corpus), `handle`, `article_id` (Prodigy shows `meta` in the corner of a task); with
  `--dedupe mark` also `copy_of`: the original a wire copy repeats (`article_id`, `handle`,
  `shared`: the share of this text found there), null for an original.
- `tokens`: `text`, `start`, `end`, `id`, `ws` (Prodigy's token format). `ws` is true when one
  space follows; any other whitespace (a newline, a second space) is a token of its own, as
  spaCy makes it, so `Doc(vocab, words=[t["text"]...], spaces=[t["ws"]...]).text == text`.
- `spans`: `start`, `end` (end exclusive), `label`, `text` (== text[start:end], always),
  `token_start`, `token_end` (inclusive, as in Prodigy: the tokens the span touches), `id`,
  `actor_id` (an actor span's canonical actor, see `chipread actors` and the actors format; null
  for other spans).
- `relations`: `head`, `child` are token indices: the LAST token of the head and child
  spans, as Prodigy's relations interface writes them (explosion/projects
  tutorials/rel_component/scripts/parse_data.py: "the 'head' and 'child' annotations refer
  to the end token in the span"); `head_span`/`child_span` carry `start`, `end`,
  `token_start`, `token_end`, `label`; then `label`, `id`, and the span ids `head_id`,
  `child_id`. The head is the quote or claim, the child the actor it is attributed to.
- `annotator` (null for an unannotated article written by --all), `status`.
- `entities` (only with --entities): machine highlights `start`, `end`, `label`, `text`,
  `source`, `value`.
- `answer`: "accept" for annotated records ("ignore" for a skipped article), null for an
  unannotated one (--all): Prodigy's db-in and train read it; use `--status done` to export
  finished work only.
- `_input_hash`, `_task_hash`: see chipread.export.hashes (sha256-based, signed 32-bit);
  `_annotator_id`: the annotator (null when none), as Prodigy names it.

Lines are built from pre-encoded pieces (the tokens of an article once for all its
annotators); they are byte-identical to json.dumps(record, ensure_ascii=False) except that
U+2028/U+2029 are escaped, so tools that split lines on them (str.splitlines, JavaScript)
cannot break a record. A test holds both promises.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate, chain
from json.encoder import encode_basestring as _esc
from typing import Any

from chipread.nlp import bounds_span, chunk_segment, part_segment, segment

from .actors import actor_ids
from .encode import escape_separators
from .hashes import input_hash, task_hash
from .records import ExportedArticle, Record
from .registry import ExportContext, Exporter, Writer, register_exporter
from .token_cuts import cut_at_spans, spaces_after

_ENTITY = '{{"start": {}, "end": {}, "label": {}, "text": {}, "source": {}, "value": {}}}'.format
_BOOL = ("false", "true")


def _str_or_null(value: str | None) -> str:
    return "null" if value is None else _esc(value)


def spacy_segment(segment: tuple[str, ...]) -> tuple[str, ...]:
    """A segment (token, gap, token, gap...) with every gap but a single space made a token of its own,
    as spaCy does: gaps are then "" or " ", so `ws` says exactly what follows a token and
    Doc(words, spaces).text == text. "said  it" gives said(ws) " " it; "end.\n\nNext" gives end . "\n\n" Next."""
    if all(gap in ("", " ") for gap in segment[1::2]):
        return segment
    out: list[str] = []
    for k in range(0, len(segment), 2):
        token, gap = segment[k], segment[k + 1]
        if gap in ("", " "):
            out += (token, gap)
        elif gap[0] == " ":
            out += (token, " ", gap[1:], "")
        else:
            out += (token, "", gap, "")
    return tuple(out)


def _template(segment: tuple[str, ...]) -> bytes:
    """The `tokens` items of one segment (token, gap, token, gap...) as a UTF-8 %-template, start, end
    and id left open: `{"text": "said", "start": %d, "end": %d, "id": %d, "ws": false}, {"text": ",", ...`."""
    segment = spacy_segment(segment)
    return ", ".join(_token_item(segment[k], bool(segment[k + 1])) for k in range(0, len(segment), 2)).encode("utf-8")


_TOKEN_TEMPLATE = '{{"text": {}, "start": %d, "end": %d, "id": %d, "ws": {}}}'


def _token_item(token: str, ws: bool) -> str:
    """One `tokens` item as a %-template, start, end and id left open (the token's own % signs doubled: "50%")."""
    return _TOKEN_TEMPLATE.format(_esc(token).replace("%", "%%"), _BOOL[ws])


def _lengths(segment: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(map(len, spacy_segment(segment)))


# A part that is one plain word ("Tokyo", followed by a space): its template and lengths without
# consulting the tokenizer. Letters and digits never need JSON escaping, nor %-escaping.
_WORD_HEAD = b'{"text": "'
_WORD_TAIL = b'", "start": %d, "end": %d, "id": %d, "ws": true}'


def _word_template(word: str) -> bytes:
    return _WORD_HEAD + word.encode("utf-8") + _WORD_TAIL


def _word_lengths(word: str) -> tuple[int, int]:
    return (len(word), 1)


class _Derived(dict):
    """Segment key -> make(the key's segment), memoised like the tokenizer's segment tables (and as
    bounded: once full, what it does not hold is computed each time)."""

    def __init__(
        self,
        segments: Callable[[str], tuple[str, ...]],
        make: Callable[[tuple[str, ...]], Any],
        word: Callable[[str], Any] | None = None,
    ) -> None:
        super().__init__()
        self.segments = segments
        self.make = make
        self.word = word  # for a key that is one plain word, if the table's keys have a space after them

    def __missing__(self, key: str) -> Any:
        if self.word is not None and key.isalnum():
            value = self.word(key)
        else:
            value = self.make(self.segments(key))
        if len(self) < _DERIVED_MAX:
            self[key] = value
        return value


_DERIVED_MAX = 32_768
_PART_TEMPLATES = _Derived(part_segment, _template, _word_template)
_CHUNK_TEMPLATES = _Derived(chunk_segment, _template)
_PART_LENGTHS = _Derived(part_segment, _lengths, _word_lengths)
_CHUNK_LENGTHS = _Derived(chunk_segment, _lengths)


def tokens_json(text: str) -> tuple[bytes, list[int], list[int]]:
    """(items, starts, ends): the items of the `tokens` array of text, UTF-8 (Prodigy's token format,
    exactly as json.dumps(ensure_ascii=False) writes it), and the token bounds.

    Works from the tokenizer's segments: every distinct word shape is encoded once, and one
    %-format per article fills in the numbers, instead of a dict and a json.dumps per token.
    """
    lead, parts, chunks = segment(text)
    lengths = chain(
        chain.from_iterable(map(_PART_LENGTHS.__getitem__, parts)),
        chain.from_iterable(map(_CHUNK_LENGTHS.__getitem__, chunks)),
    )
    pieces: list[bytes] = []
    if lead:
        # Leading whitespace is a token too (spaCy's way), so the tokens spell the whole text.
        lengths = chain((lead, 0), lengths)
        pieces.append(_template((text[:lead], "")))
    offsets = list(accumulate(lengths, initial=0))  # token start, end, next start, ...
    starts = offsets[0:-1:2]
    ends = offsets[1::2]
    n = len(ends)
    numbers = [0] * (3 * n)
    numbers[0::3] = starts
    numbers[1::3] = ends
    numbers[2::3] = range(n)
    pieces.extend(map(_PART_TEMPLATES.__getitem__, parts))
    pieces.extend(map(_CHUNK_TEMPLATES.__getitem__, chunks))
    return b", ".join(pieces) % tuple(numbers), starts, ends


def head_fields(view: ExportedArticle) -> tuple:
    """What the head of an article's lines says of it, in _head()'s order."""
    a = view.article
    return (
        a.id,
        a.text,
        a.title,
        a.source,
        a.published.isoformat() if a.published else None,
        a.url,
        view.path,
        a.handle,
        json.dumps(view.copy_of, ensure_ascii=False) if view.copy_of is not False else None,
    )


def head_work(fields: tuple) -> tuple[bytes, list[int], list[int], int]:
    """Everything a jsonl export derives from one article alone: the head of its lines
    (`{"id": ..., "text": ..., "meta": {...}, "tokens": [...], `, UTF-8), the token starts and
    ends, and the input hash (computed once per article, whatever the number of annotators)."""
    text = fields[1]
    items, starts, ends = tokens_json(text)
    return _head(fields, items), starts, ends, input_hash(text)


def _head(fields: tuple, items: bytes) -> bytes:
    """The head of a line: id, text, meta and the given `tokens` items."""
    article_id, text, title, source, published, url, path, handle, copy_of = fields
    marked = f', "copy_of": {copy_of}' if copy_of is not None else ""
    meta = (
        f'{{"title": {_esc(title)}, "source": {_str_or_null(source)}, "published": {_str_or_null(published)}, '
        f'"url": {_str_or_null(url)}, "path": {_esc(path)}, "handle": {_esc(handle)}, "article_id": {_esc(article_id)}'
        f"{marked}}}"
    )
    opening = escape_separators(f'{{"id": {_esc(article_id)}, "text": {_esc(text)}, "meta": {meta}, "tokens": [')
    if "\u2028" in text or "\u2029" in text:
        # They can be whitespace tokens of their own; only ever inside a JSON string, so escaping is exact.
        items = items.replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029")
    return b"".join((opening.encode("utf-8"), items, b"], "))


def head_with_tokens(view: ExportedArticle, starts: list[int], ends: list[int]) -> bytes:
    """The head of a line whose tokens are given (the article's, cut at a record's span edges)."""
    text = view.article.text
    ws = spaces_after(text, starts, ends)
    items = ", ".join(_token_item(text[a:b], w) % (a, b, i) for i, (a, b, w) in enumerate(zip(starts, ends, ws)))
    return _head(head_fields(view), items.encode("utf-8"))


def article_head(record: Record) -> bytes:
    """The head of the lines of the record's article, built once per article."""
    view = record.view
    cached = view.cache.get("jsonl")
    if cached is not None:
        return cached
    head, starts, ends, ih = head_work(head_fields(view))
    view.bounds = (starts, ends)
    view.cache["jsonl"] = head
    view.cache["jsonl_hash"] = ih
    return head


def record_tail(
    record: Record,
    counters: Counter,
    entities: bool = False,
    bounds: tuple[Sequence[int], Sequence[int]] | None = None,
    actor_of: Mapping[str, str] | None = None,
) -> str:
    """The rest of the record's line after its head: spans, relations, annotator, status, hashes.
    `bounds`: the line's token starts and ends (default: the article's); `actor_of`: actor span id ->
    its canonical actor (chipread.export.actors.actor_ids)."""
    actor_of = actor_of or {}
    view = record.view
    if "jsonl" not in view.cache:
        article_head(record)
    starts, ends = bounds if bounds is not None else view.bounds
    esc = _esc
    spans = []
    bounds = {}
    misaligned = 0
    for s in record.spans:
        start, end = s.start, s.end
        ts, te = bounds[s.id] = bounds_span(starts, ends, start, end)
        if starts[ts] != start or ends[te] != end:
            misaligned += 1
        spans.append(
            f'{{"start": {start}, "end": {end}, "label": {esc(s.label)}, "text": {esc(s.text)}, '
            f'"token_start": {ts}, "token_end": {te}, "id": {esc(s.id)}, "actor_id": {_str_or_null(actor_of.get(s.id))}}}'
        )
    if misaligned:
        counters["jsonl.misaligned"] += misaligned
    rels = []
    rel_keys = []
    for r in record.relations:
        h, c = record.span(r.head), record.span(r.child)
        hs, he = bounds[h.id]
        cs, ce = bounds[c.id]
        rels.append(
            f'{{"head": {he}, "child": {ce}, "head_span": {{"start": {h.start}, "end": {h.end}, "token_start": {hs}, '
            f'"token_end": {he}, "label": {esc(h.label)}}}, "child_span": {{"start": {c.start}, "end": {c.end}, '
            f'"token_start": {cs}, "token_end": {ce}, "label": {esc(c.label)}}}, "label": {esc(r.label)}, '
            f'"id": {esc(r.id)}, "head_id": {esc(r.head)}, "child_id": {esc(r.child)}}}'
        )
        rel_keys.append((h.start, h.end, c.start, c.end, r.label))
    ih = view.cache["jsonl_hash"]
    th = task_hash(ih, [(s.start, s.end, s.label) for s in record.spans], rel_keys)
    ent = ""
    if entities:
        items = ", ".join(
            _ENTITY(e.start, e.end, esc(e.label), esc(e.text), esc(e.source), _str_or_null(e.value))
            for e in view.entities
        )
        ent = f'"entities": [{items}], '
    who = record.annotator
    # Every line has every key (null where it does not apply): readers that infer a schema per block
    # (pyarrow, datasets) need the same keys in the first lines as in the last.
    # A skipped article is Prodigy's "ignore" (training must not read it as a text with nothing in it).
    if who is None:
        answer, annotator_id = "null", "null"
    else:
        answer, annotator_id = ('"ignore"' if record.status == "skipped" else '"accept"'), esc(who)
    return escape_separators(
        f'"spans": [{", ".join(spans)}], "relations": [{", ".join(rels)}], '
        f'"annotator": {_str_or_null(who)}, "status": {esc(record.status)}, {ent}"answer": {answer}, '
        f'"_input_hash": {ih}, "_task_hash": {th}, "_annotator_id": {annotator_id}}}\n'
    )


def record_head(record: Record, counters: Counter) -> tuple[bytes, tuple[Sequence[int], Sequence[int]]]:
    """The head of the record's line and its token bounds: the article's, shared by its records, unless a
    span starts or ends inside a token (imported from another tool): then the line's own tokens, cut there."""
    head = article_head(record)
    bounds = record.view.bounds
    cuts = cut_at_spans(*bounds, ((s.start, s.end) for s in record.spans))
    if cuts is None:
        return head, bounds
    starts, ends, n = cuts
    counters["jsonl.cut"] += n
    return head_with_tokens(record.view, starts, ends), (starts, ends)


def record_line(
    record: Record, counters: Counter, entities: bool = False, actor_of: Mapping[str, str] | None = None
) -> bytes:
    """The record's whole line, UTF-8."""
    head, bounds = record_head(record, counters)
    return head + record_tail(record, counters, entities, bounds, actor_of).encode("utf-8")


class JsonlWriter(Writer):
    def write(self, record: Record) -> None:
        head, bounds = record_head(record, self.ctx.counters)
        # The head (with the article's tokens, most of the bytes) is written as it is, not copied into a line.
        self.out.write(head)
        actor_of = actor_ids(self.ctx, record.annotator)
        tail = record_tail(record, self.ctx.counters, self.ctx.options.entities, bounds, actor_of)
        self.out.write(tail.encode("utf-8"))

    @staticmethod
    def notes(ctx: ExportContext) -> list[str]:
        out = []
        if ctx.counters["jsonl.cut"]:
            out.append(
                f"jsonl: {ctx.counters['jsonl.cut']} span(s) start or end inside a token (made in another tool and "
                f"imported): their lines' tokens are cut at the span edges, so every span is whole tokens"
            )
        if ctx.counters["jsonl.misaligned"]:
            out.append(
                f"jsonl: {ctx.counters['jsonl.misaligned']} span(s) start or end in the space after a token: start, "
                f"end and text are exact; token_start/token_end name the tokens inside them"
            )
        return out


register_exporter(
    Exporter(
        "jsonl", "Prodigy-style JSON lines (the default; imports back exactly)", ".jsonl", JsonlWriter, entities=True
    )
)
