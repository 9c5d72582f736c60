"""The cleaning pipeline: a page becomes a headline, body paragraphs, metadata, and a record of what was cut."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from chipread.corpus import boilerplate, metadata
from chipread.corpus.boilerplate import RANK_HINT, RANK_MASTHEAD, RANK_WIRE, Found
from chipread.corpus.paras import (
    ABBREVIATIONS,
    FUNCTION_WORDS,
    Hints,
    Para,
    ends_sentence,
    is_prose,
    last_word,
    sentence_spans,
    split_plain,
)
from chipread.corpus.sanitize import clean_line, sanitize
from chipread.corpus.splice import DocumentWords, find_spliced
from chipread.model import Removed

# Bump whenever a rule changes what comes out: cached articles from older rules are then re-read.
CLEANER_VERSION = "1"

FORMATS = ("txt", "md", "html")

_MERGED = "_merged"  # joined into the paragraph before it; not a removal

# Scrapers splice other stories' headlines into text they ran together: only long paragraphs are searched.
SPLICE_MIN_WORDS = 120

_TITLE_MAX = 140
_TITLE_WORD_CUT = 100


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The result of cleaning one page."""

    title: str
    text: str
    source: str | None = None
    published: date | None = None
    url: str | None = None
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()


def clean_page(raw: str, *, name: str = "", fmt: str = "txt") -> Cleaned:
    """Clean one scraped page (fmt: txt, md or html). Pure: no I/O, the same input gives the same output."""
    return clean_document(raw, fmt=fmt, name=name)


def clean_document(raw: str, *, fmt: str = "txt", name: str = "", hints: Hints | None = None) -> Cleaned:
    """clean_page, plus metadata stated outside the page (a JSONL record's title, source, date, url)."""
    text, dropped = sanitize(raw)
    warnings = []
    if dropped:
        warnings.append(f"removed {dropped} terminal escape sequence(s) or control character(s)")
    if fmt == "html":
        from chipread.corpus import html

        paras, page = html.extract(text)
    elif fmt == "md":
        from chipread.corpus import markdown

        paras, page = markdown.extract(text)
    elif fmt == "txt":
        paras, page = split_plain(text), Hints()
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if hints:
        page.headline = hints.headline or page.headline
        page.source = hints.source or page.source
        page.published = hints.published or page.published
        page.url = hints.url or page.url
        page.warnings.extend(hints.warnings)
    return _Cleaner(paras, page, name).run(warnings)


class _Cleaner:
    def __init__(self, paras: list[Para], hints: Hints, name: str) -> None:
        self.paras = paras
        self.hints = hints
        self.name = name
        self.sources: list[tuple[int, str]] = []
        if hints.source:
            self.sources.append((RANK_HINT, hints.source))
        self.published: date | None = None
        self.updated: date | None = None
        self.url: str | None = None
        self.found: dict[int, Found] = {}  # by id() of the paragraph
        self.origin: dict[int, Para] = {}  # a piece of a split paragraph -> the paragraph it came from

    # -- the pipeline -------------------------------------------------------------------------

    def run(self, warnings: list[str]) -> Cleaned:
        self._classify()
        self._follow_labels()
        self._cookie_buttons()
        kept = self._kept()
        if kept:
            self._leading_date(kept[0])
        self._join()
        kept = self._kept()
        first, last = _prose_bounds(kept)
        nav = self._nav_blocks(kept, first, last)
        head, head_text = self._headline(kept, first, nav)
        self._top(kept, first, head, nav)
        self._bottom(kept, last, nav)
        self._links(kept, head)
        self._captions_before_credits(head)
        body = [p for p in self._kept() if p is not head]
        if body:
            self._leading_date(body[0])
            self._dateline(body[0])
        body = self._fix_body(body)
        return self._result(head_text, body, warnings)

    def _kept(self) -> list[Para]:
        return [p for p in self.paras if p.kind is None]

    def _note(self, found: Found) -> None:
        if found.source:
            self.sources.append((found.rank, found.source))
        if found.published and not self.published:
            self.published = found.published
        if found.updated and not self.updated:
            self.updated = found.updated
        if found.url and not self.url:
            self.url = found.url

    # -- paragraphs that are furniture on their own ------------------------------------------

    def _classify(self) -> None:
        for p in self.paras:
            if p.heading == 1:
                continue
            found = boilerplate.classify(p)
            if found:
                p.kind = found.kind
                self.found[id(p)] = found
                self._note(found)

    def _follow_labels(self) -> None:
        # "Tags:" or "Read also:" alone: the short lines after it are its tags or headlines.
        for i, p in enumerate(self.paras):
            found = self.found.get(id(p))
            if not found or not found.label_only:
                continue
            kind = "tags" if p.kind == "tags" else "related_headline"
            limit = 1 if kind == "tags" else 8
            for q in self.paras[i + 1 :]:
                if q.kind is not None and q.kind != "related_headline":
                    if q.kind in ("read_also", "tags", "navigation", "share"):
                        break
                    continue
                if limit == 0 or not _listed_headline(q, tags=kind == "tags"):
                    break
                q.kind = kind
                limit -= 1

    def _cookie_buttons(self) -> None:
        near_notice = set()
        for i, p in enumerate(self.paras):
            if p.kind == "cookie":
                near_notice.update(range(i - 3, i + 4))
        for i, p in enumerate(self.paras):
            if p.kind == "cookie_button":
                mentions = "cookie" in p.text.lower()
                p.kind = "cookie" if mentions or i in near_notice else None

    def _leading_date(self, p: Para) -> None:
        # "date 2023-05-29 China has called on ...": a date stamp glued to the first paragraph.
        match = _LEADING_DATE.match(p.text)
        if not match:
            return
        value = metadata.parse_date(match.group("date"))
        if not value:
            return
        p.notes.append(Removed("date", match.group().strip()))
        p.set(p.text[match.end() :])
        self.published = self.published or value

    # -- lines broken mid-sentence -------------------------------------------------------------

    def _join(self) -> None:
        kept = self._kept()
        current = None
        for p in kept:
            if current is not None and _continues(current, p):
                current.set(f"{current.text} {p.text}")
                current.notes.extend(p.notes)
                p.notes = []
                p.kind = _MERGED
                continue
            current = p

    # -- menus, mastheads and the headline at the top ----------------------------------------

    def _nav_blocks(self, kept: list[Para], first: int, last: int) -> set[int]:
        """Blocks (one blank-line block of text, one HTML list) that are mostly menu items."""
        outside = kept[:first] + kept[last + 1 :] if first < len(kept) else kept
        blocks: dict[int, list[Para]] = {}
        for p in outside:
            blocks.setdefault(p.block, []).append(p)
        nav = set()
        for number, members in blocks.items():
            short = [p for p in members if _menu_item(p)]
            if len(short) < 3 or len(short) < 0.6 * len(members):
                continue
            at = kept.index(members[0])
            if at and _introduces_list(kept[at - 1]):
                continue
            nav.add(number)
        return nav

    def _headline(self, kept: list[Para], first: int, nav: set[int]) -> tuple[Para | None, str | None]:
        hint = self.hints.headline
        if hint:
            for p in kept[: max(first, 0) + 3][:12]:
                if _same_headline(p.text, hint):
                    return p, p.text
            return None, clean_line(hint)
        top = kept[:first]
        for i, p in enumerate(top):
            if _menu_line(p.text) or self._masthead(top, i, nav) or not _headline_like(p):
                continue
            if p.block in nav and not _last_of_block(top, i):
                continue
            return p, p.text
        return None, None

    def _masthead(self, top: list[Para], i: int, nav: set[int]) -> bool:
        """An outlet's name above the headline: beside a menu, in capitals, or named again below."""
        p = top[i]
        words = p.text.split()
        if p.item or p.link_only or not 1 <= len(words) <= 5:
            return False
        if not all(w[0].isupper() or not w[0].isalpha() for w in words):
            return False
        later = [q for q in top[i + 1 :] if _headline_like(q)]
        known = {boilerplate.normalized(name) for _, name in self.sources}
        evidence = (
            (p.block in nav and not p.bullet and _beside_bullets(top, i))
            or (p.text.isupper() and any(len(w) > 3 for w in words) and bool(later))
            or boilerplate.normalized(p.text) in known
        )
        if evidence:
            p.kind = "masthead"
            self.sources.append((RANK_MASTHEAD, metadata.normalize_source(p.text) or p.text))
        return evidence

    def _top(self, kept: list[Para], first: int, head: Para | None, nav: set[int]) -> None:
        top = kept[:first]
        before = kept[: kept.index(head)] if head in kept else []
        for p in top:
            if p is head or p.kind is not None:
                continue
            in_menu = p.block in nav and (_menu_item(p) or (p in before and not is_prose(p) and p.words <= 15))
            if in_menu or _menu_line(p.text):
                p.kind = "navigation"
        if head is None:
            return
        # Whatever is left above the headline and is not prose is site furniture.
        for p in before:
            if p.kind is None and not is_prose(p) and p.words <= 15:
                p.kind = "navigation"
        # A standfirst printed above the headline reads on below it: the text starts with the headline.
        index = self.paras.index(head)
        above = [i for i, p in enumerate(self.paras[:index]) if p.kind is None]
        if above:
            self.paras.insert(above[0], self.paras.pop(index))

    def _bottom(self, kept: list[Para], last: int, nav: set[int]) -> None:
        if last < 0:
            return
        tail = kept[last + 1 :]
        for p in tail:
            if p.kind is None and (p.block in nav or _menu_line(p.text)):
                p.kind = "navigation"
        # A footer menu: three or more short lines after the article, unless a line ending in ":" lists them.
        intro = kept[last]
        run: list[Para] = []
        for p in [*tail, None]:
            if p is not None and p.kind is None and _menu_item(p):
                run.append(p)
                continue
            if len(run) >= 3 and not _introduces_list(intro):
                for q in run:
                    q.kind = "navigation"
            run = []
            if p is not None and p.kind is None:
                intro = p

    def _links(self, kept: list[Para], head: Para | None) -> None:
        # Paragraphs that are nothing but a link: a headline of another story, or a menu entry.
        for p in kept:
            if p.kind is not None or p is head or not p.link_only or p.heading == 1:
                continue
            if is_prose(p) and ends_sentence(p.text) and not p.text.endswith("?"):
                continue
            p.kind = "related_headline" if p.words >= 3 else "navigation"

    def _captions_before_credits(self, head: Para | None) -> None:
        # "A worker at the plant." then "PHOTO: REUTERS": the line before a named credit is its caption.
        after_head = None
        if head is not None:
            later = [p for p in self.paras[self.paras.index(head) + 1 :] if p.kind is None]
            after_head = later[0] if later else None
        previous: Para | None = None
        for p in self.paras:
            found = self.found.get(id(p)) if p.kind == "credit" else None
            if found and found.names_credit and not found.glued and previous is not None:
                if (
                    previous.kind is None
                    and previous is not head
                    and previous is not after_head
                    and previous.words <= 50
                    and not previous.heading
                    and not boilerplate.reports_speech(previous.text)
                ):
                    previous.kind = "caption"
            if p.kind is None:
                previous = p
            elif p.kind != _MERGED:
                previous = None

    # -- inside body paragraphs ----------------------------------------------------------------

    def _dateline(self, p: Para) -> None:
        match = _DATELINE.match(p.text) or _CAPS_DATELINE.match(p.text)
        if not match:
            return
        p.notes.append(Removed("dateline", match.group().strip()))
        agency = match.groupdict().get("agency")
        if agency:
            name = metadata.normalize_source(agency)
            if name:
                self.sources.append((RANK_WIRE, name))
        p.set(p.text[match.end() :])

    def _fix_body(self, body: list[Para]) -> list[Para]:
        words = DocumentWords("\n".join(p.text for p in body))
        out: list[Para] = []
        for p in body:
            if p.bullet and is_prose(p):
                p.notes.append(Removed("bullet", p.bullet))
                p.bullet = ""
            tail = boilerplate.split_credit_tail(p.text)
            if tail:
                p.set(tail[0])
                p.notes.append(Removed("credit", tail[1]))
            out.extend(self._unsplice(p, words) if not p.heading and p.words >= SPLICE_MIN_WORDS else [p])
        if out:
            last = out[-1]
            tail = boilerplate.split_wire_tail(last.text)
            if tail and last_word(tail[0]).rstrip(".") not in ABBREVIATIONS:
                last.set(tail[0])
                self.origin.get(id(last), last).notes.append(Removed("wire_credit", tail[1]))
                name = metadata.normalize_source(tail[1])
                if name:
                    self.sources.append((RANK_WIRE, name))
        for p in out:
            p.set(_tidy(p.text))
        return [p for p in out if p.text]

    def _unsplice(self, p: Para, words: DocumentWords) -> list[Para]:
        spans = find_spliced(p.text, words)
        if not spans:
            return [p]
        # Each spliced headline sat between two paragraphs of the original: split there.
        pieces: list[Para] = []
        start = 0
        for cut_start, cut_end in spans:
            pieces.append(Para(p.text[start:cut_start].strip(), block=p.block))
            p.notes.append(Removed("related_headline", p.text[cut_start:cut_end].strip()))
            start = cut_end
        pieces.append(Para(p.text[start:].strip(), block=p.block))
        for piece in pieces:
            self.origin[id(piece)] = p
        return pieces

    # -- the result ----------------------------------------------------------------------------

    def _result(self, head_text: str | None, body: list[Para], warnings: list[str]) -> Cleaned:
        paragraphs = [p.full for p in body]
        if head_text:
            head_text = clean_line(head_text)
        if head_text:
            title = head_text
            paragraphs.insert(0, head_text)
        else:
            title = _derive_title(paragraphs[0] if paragraphs else "", self.name)
        text = "\n\n".join(paragraphs)
        removed = list(self.hints.removed)
        for p in self.paras:
            found = self.found.get(id(p))
            if p.kind == "credit" and found and found.glued:
                removed.append(Removed("caption", found.glued))
                removed.append(Removed("credit", p.full[len(found.glued) :].strip()))
            elif p.kind and p.kind != _MERGED:
                removed.append(Removed(p.kind, p.full))
            removed.extend(p.notes if p.kind in (None, _MERGED) else ())
        published = self.hints.published or self.published or self.updated
        return Cleaned(
            title=title,
            text=text,
            source=_best_source(self.sources),
            published=published,
            url=self.hints.url or self.url,
            removed=tuple(removed),
            warnings=tuple(warnings + self.hints.warnings),
        )


# -- helpers ---------------------------------------------------------------------------------------

_LEADING_DATE = re.compile(
    r"^\s*(?:(?:date|dated|published|posted|updated|first published)\s*:?\s*)?"
    r"(?P<date>\d{4}-\d{2}-\d{2}|(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})|(?:\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}))"
    r"(?:\s*[|·•,:–—-]\s*|\s+)(?=[A-Z\"“‘'])",
    re.IGNORECASE,
)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "TOKYO, May 31 (Reuters) - ", "WASHINGTON (AP) — ", "(Reuters) - "
_DATELINE = re.compile(
    rf"^(?:[A-Z][\w.'’-]*(?:[ ,/]+[A-Z][\w.'’-]*){{0,3}},?\s+)?(?:{_MONTHS}\s+\d{{1,2}},?\s*)?"
    r"\((?P<agency>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2})\)\s*[-–—]+\s*(?=\S)"
)
# "BEIJING — ", "SAN FRANCISCO, Calif. -- ": an all-capitals place and a dash before a new sentence.
_CAPS_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]{2,}(?:[ /]+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?: \d{1,2})?)?\s*[-–—]{1,2}\s+(?=[A-Z\"“])"
)
_MENU_SEPARATORS = re.compile(r"\s+(?:\||›|»|>|/|·|•)\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w\"”’)\]%])\s+([,.;:!?])(?=\s|$)")
_SPACES = re.compile(r"\s{2,}")
_UNTIDY = re.compile(r" [ ,.;:!?]")  # spaces only: tabs and newlines are gone from paragraphs by now
_CLOSERS = "\"'”’)]»›"


def _prose_bounds(kept: list[Para]) -> tuple[int, int]:
    prose = [i for i, p in enumerate(kept) if is_prose(p) and not p.heading]
    if not prose:
        return len(kept), -1
    return prose[0], prose[-1]


def _continues(a: Para, b: Para) -> bool:
    """Whether b carries on the sentence a left unfinished (a scrape broke it across lines)."""
    if a.heading or b.heading or a.link_only or b.link_only or b.item or b.bullet:
        return False
    if a.item and a.words < 6:
        return False
    text = a.text
    if ends_sentence(text) or text.endswith(":") or not b.text:
        return False
    if re.match(r"[a-z][a-z'’-]*\b", b.text):
        return True
    if not (b.text[0].isalnum() or b.text[0] in "\"“‘'("):
        return False
    if text.endswith((",", ";", "–", "—")):
        return True
    return a.words >= 3 and last_word(text) in FUNCTION_WORDS


def _menu_item(p: Para) -> bool:
    return not (p.heading or p.words > 5 or len(p.text) > 50 or ends_sentence(p.text) or p.text.endswith(":"))


def _introduces_list(p: Para) -> bool:
    return p.text.endswith(":") and p.words >= 3 and p.kind is None


def _menu_line(text: str) -> bool:
    """'Home | News | Business', 'Home › Tech › Semiconductors': a one-line menu or breadcrumb."""
    parts = _MENU_SEPARATORS.split(text)
    if len(parts) < 3:
        return False
    return all(0 < len(part.split()) <= 4 and not ends_sentence(part) for part in parts)


def _headline_like(p: Para) -> bool:
    if p.item or (p.link_only and not p.heading):
        return False
    n = p.words
    text = p.text
    if n < 3 or n > 30 or len(text) > 250:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"):
        return False
    stripped = text.rstrip(_CLOSERS)
    if stripped.endswith((",", ";", ":")):
        return False
    if stripped.endswith(".") and not stripped.endswith("...") and last_word(stripped).rstrip(".") not in ABBREVIATIONS:
        return False
    return last_word(text) not in FUNCTION_WORDS


def _beside_bullets(top: list[Para], i: int) -> bool:
    """A plain line at either end of a bulleted menu: the site's name beside its menu."""
    block = [p for p in top if p.block == top[i].block]
    at = block.index(top[i])
    edge = at in (0, len(block) - 1)
    return edge and sum(bool(p.bullet) for p in block) >= max(2, len(block) - 1)


def _last_of_block(top: list[Para], i: int) -> bool:
    return i + 1 == len(top) or top[i + 1].block != top[i].block


def _listed_headline(p: Para, *, tags: bool) -> bool:
    if tags:
        return p.words <= 40 and not ends_sentence(p.text)
    if p.link_only:
        return True
    return 2 <= p.words <= 20 and (not ends_sentence(p.text) or p.text.rstrip(_CLOSERS).endswith("?"))


def _same_headline(text: str, hint: str) -> bool:
    a, b = boilerplate.normalized(text), boilerplate.normalized(hint)
    if not a or not b:
        return False
    if a == b or (a.startswith(b) or b.startswith(a)) and min(len(a), len(b)) >= 0.8 * max(len(a), len(b)):
        return True
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) >= 0.8 * len(wa | wb)


def _tidy(text: str) -> str:
    if _UNTIDY.search(text):
        text = _SPACES.sub(" ", _SPACE_BEFORE_PUNCT.sub(r"\1", text))
    return text.strip()


def _best_source(sources: list[tuple[int, str]]) -> str | None:
    best: tuple[int, str] | None = None
    for rank, name in sources:
        if name and (best is None or rank > best[0]):
            best = (rank, name)
    return best[1] if best else None


def _derive_title(paragraph: str, name: str) -> str:
    """A title from the first sentence when the page has no headline: cut at a clause, else at a word."""
    if not paragraph:
        return clean_line(re.sub(r"[_-]+", " ", name.rsplit("/", 1)[-1].rsplit(".", 1)[0])) or "Untitled"
    spans = sentence_spans(paragraph)
    start, end = spans[0] if spans else (0, len(paragraph))
    sentence = paragraph[start:end].strip()
    stripped = sentence.rstrip(_CLOSERS)
    if stripped.endswith(".") and last_word(stripped).rstrip(".") not in ABBREVIATIONS:
        sentence = sentence[: len(stripped) - 1] + sentence[len(stripped) :]
        if sentence.count('"') % 2 or sentence.count("“") != sentence.count("”"):
            sentence = sentence.rstrip('"”')
    if len(sentence) <= _TITLE_MAX:
        return sentence
    for match in re.finditer(r"[,;:]\s|\s[–—-]\s", sentence):
        if 40 <= match.start() <= _TITLE_MAX:
            return sentence[: match.start()]
    cut = sentence[:_TITLE_WORD_CUT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–—-") + "…"
