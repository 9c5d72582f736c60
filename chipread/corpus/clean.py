"""The cleaning pipeline: a page becomes a headline, body paragraphs, metadata, and a record of what was cut."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from chipread.corpus import boilerplate, metadata
from chipread.corpus.boilerplate import RANK_HINT, RANK_MASTHEAD, RANK_WIRE, Found
from chipread.corpus.paras import (
    CLOSERS,
    FUNCTION_WORDS,
    Hints,
    Para,
    ends_sentence,
    is_prose,
    last_word,
    narrates,
    reads_as_prose,
    split_plain,
)
from chipread.corpus.sanitize import clean_line, sanitize
from chipread.corpus.splice import DocumentWords, find_spliced
from chipread.model import Removed
from chipread.nlp import dates
from chipread.nlp.sentences import UNFINISHED, sentence_spans


def rules_version(*folders: Path) -> str:
    """A hash of the sources of each folder (its Python modules and data/*.txt word lists): any change to
    a rule re-reads cached articles, unasked.

    Every module of a folder counts, not only the ones that clean today: a rule moved into a new
    module must not leave stale articles behind. Re-reading after a change elsewhere costs one cold open.
    """
    digest = hashlib.sha256()
    try:
        files = [
            (folder, path)
            for folder in folders
            for path in sorted(folder.glob("*.py")) + sorted(folder.glob("data/*.txt"))
        ]
        for folder, path in files:
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    except OSError:
        files = []
    if not files:  # no sources to read (a frozen install): the package's own version stands in
        from importlib.metadata import PackageNotFoundError, version

        try:
            return "v" + version("chipread")
        except PackageNotFoundError:
            return "unknown"
    return digest.hexdigest()[:16]


# The folders whose sources cleaning runs on: chipread.corpus, and chipread.nlp for the dates, the
# sentences of a paragraph and the abbreviations (chipread.nlp.dates, .sentences, data/abbreviations.txt).
RULE_FOLDERS = (Path(__file__).resolve().parent, Path(dates.__file__).resolve().parent)
# What cleaning depends on, computed once at import: cached articles cleaned by other rules are re-read.
CLEANER_VERSION = rules_version(*RULE_FOLDERS)


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
        page = Hints()
        if text.lstrip()[:3] in ("---", "+++"):  # a scraper that wrote its metadata as front matter
            from chipread.corpus import markdown

            text = markdown.front_matter(text, page, strict=True)
        paras = split_plain(text)
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if hints:
        page.headline = hints.headline or page.headline
        page.source = hints.source or page.source
        page.published = hints.published or page.published
        page.url = hints.url or page.url
        page.warnings.extend(hints.warnings)
    return _Cleaner(paras, page, name, markup=fmt != "txt").run(warnings)


class _Cleaner:
    def __init__(self, paras: list[Para], hints: Hints, name: str, *, markup: bool = False) -> None:
        self.paras = paras
        self.markup = markup  # md or html: list items were marked up as such, not guessed from text
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
        self._reporter(kept, first, head)
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
            skipped = 0  # furniture between the label and its items; a bounded look, never the whole page
            for j in range(i + 1, len(self.paras)):
                q = self.paras[j]
                if limit == 0 or skipped > 20:
                    break
                if q.kind is not None and q.kind != "related_headline":
                    if q.kind in ("read_also", "tags", "navigation", "share"):
                        break
                    skipped += 1
                    continue
                if not _listed_headline(q, tags=kind == "tags"):
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
        # "June 4, 1989 remains a taboo subject": the sentence's own subject, left alone.
        match = _LEADING_DATE.match(p.text)
        if not match or not match.end() < len(p.text):
            return
        if not (match.group("label") or match.group("sep")) and not _SENTENCE_START.match(p.text, match.end()):
            return
        value = metadata.parse_date(match.group("date"))
        if not value:
            return
        p.notes.append(Removed("date", match.group().strip()))
        p.set(p.text[match.end() :])
        self.published = self.published or value

    # -- lines broken mid-sentence -------------------------------------------------------------

    def _join(self) -> None:
        # The pieces are joined once per paragraph: thousands of broken lines stay linear.
        current: Para | None = None
        pieces: list[str] = []
        words = 0
        for p in [*self._kept(), None]:
            if current is not None and p is not None and _continues(current, p, pieces[-1], words):
                pieces.append(p.text)
                words += p.words
                current.notes.extend(p.notes)
                p.notes = []
                p.kind = _MERGED
                continue
            if current is not None and len(pieces) > 1:
                current.set(" ".join(pieces))
            current = p
            pieces = [p.text] if p is not None else []
            words = p.words if p is not None else 0

    # -- menus, mastheads and the headline at the top ----------------------------------------

    def _nav_blocks(self, kept: list[Para], first: int, last: int) -> set[int]:
        """Blocks (one blank-line block of text, one HTML list) that are mostly menu items."""
        outside = kept[:first] + kept[last + 1 :] if first < len(kept) else kept
        blocks: dict[int, list[Para]] = {}
        for p in outside:
            blocks.setdefault(p.block, []).append(p)
        position = {id(p): i for i, p in enumerate(kept)}
        after = {id(p) for p in kept[last + 1 :]} if last >= 0 else set()
        nav = set()
        for number, members in blocks.items():
            short = [p for p in members if _menu_item(p) and not (id(p) in after and self._listed(p))]
            if len(short) < 3 or len(short) < 0.6 * len(members):
                continue
            at = position[id(members[0])]
            if at and _introduces_list(kept[at - 1]):
                continue
            nav.add(number)
        return nav

    def _listed(self, p: Para) -> bool:
        """An item of a list the page marked up (md, html) that is not just a link: part of the article."""
        return self.markup and p.item and not p.link_only

    def _headline(self, kept: list[Para], first: int, nav: set[int]) -> tuple[Para | None, str | None]:
        hint = self.hints.headline
        if hint:
            for p in kept[: max(first, 0) + 3][:12]:
                if _same_headline(p.text, hint):
                    return p, p.text
            return None, clean_line(hint)
        top = _Top(kept[:first])
        for i, p in enumerate(top.paras):
            if _menu_line(p.text) or self._masthead(top, i, nav) or not _headline_like(p):
                continue
            if p.block in nav and not _last_of_block(top.paras, i):
                continue
            return p, p.text
        return None, None

    def _masthead(self, top: _Top, i: int, nav: set[int]) -> bool:
        """An outlet's name above the headline: beside a menu, in capitals, or named again below."""
        p = top.paras[i]
        words = p.text.split()
        if p.item or p.link_only or not 1 <= len(words) <= 5:
            return False
        if not all(w[0].isupper() or not w[0].isalpha() for w in words):
            return False
        known = {boilerplate.normalized(name) for _, name in self.sources}
        evidence = (
            (p.block in nav and not p.bullet and top.beside_bullets(i))
            or (p.text.isupper() and any(len(w) > 3 for w in words) and top.headline_after(i))
            or boilerplate.normalized(p.text) in known
        )
        if evidence:
            p.kind = "masthead"
            self.sources.append((RANK_MASTHEAD, metadata.normalize_source(p.text) or p.text))
        return evidence

    def _top(self, kept: list[Para], first: int, head: Para | None, nav: set[int]) -> None:
        top = kept[:first]
        at = next((i for i, p in enumerate(kept) if p is head), None) if head is not None else None
        before = kept[:at] if at is not None else []
        above = {id(p) for p in before}
        for p in top:
            if p is head or p.kind is not None:
                continue
            in_menu = p.block in nav and (_menu_item(p) or (id(p) in above and not is_prose(p) and p.words <= 15))
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
        first_kept = next((i for i, p in enumerate(self.paras[:index]) if p.kind is None), None)
        if first_kept is not None:
            self.paras.insert(first_kept, self.paras.pop(index))

    def _reporter(self, kept: list[Para], first: int, head: Para | None) -> None:
        """'Chris Ewokor' over 'BBC News, Abuja' (or 'Environment reporter') between the headline and the story."""
        if head is None:
            return
        start = next((i for i, p in enumerate(kept) if p is head), len(kept)) + 1
        named = False
        for p in kept[start:first]:
            if p.kind is not None:
                continue
            if _person_names(p.text):
                p.kind = "byline"
                named = True
            elif named and (_AFFILIATION.match(p.text) or _ROLE_LINE.match(p.text)) and not reads_as_prose(p.text):
                p.kind = "byline"
                named = False
            else:
                named = False

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
            if p is not None and p.kind is None and _menu_item(p) and not self._listed(p):
                run.append(p)
                continue
            if len(run) >= 3 and not _introduces_list(intro):
                for q in run:
                    q.kind = "navigation"
            run = []
            if p is not None and p.kind is None:
                intro = p

    def _links(self, kept: list[Para], head: Para | None) -> None:
        # Paragraphs that are nothing but a link: a headline of another story, or a menu entry;
        # except the items of a list the article itself introduces ("The documents are here:").
        introduced = False
        for p in kept:
            if p.kind is not None:
                continue
            if not p.item:
                introduced = p.text.endswith(":")
            if p is head or not p.link_only or p.heading == 1 or (p.item and introduced):
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
        # "LONDON, May 3, 2024 (AFP) -": a dateline with a year dates the story.
        stamp = match.groupdict().get("stamp")
        value = metadata.parse_date(stamp) if stamp else None
        self.published = self.published or value
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
            if tail and _caption_sentence(tail[0]):
                # "Passengers queue at the pier. Photo: Tom Reed": a flattened figure, caption and credit.
                p.notes.extend([Removed("caption", tail[0]), Removed("credit", tail[1])])
                p.set("")
                continue
            if tail:
                p.set(tail[0])
                p.notes.append(Removed("credit", tail[1]))
            out.extend(self._unsplice(p, words) if not p.heading and p.words >= SPLICE_MIN_WORDS else [p])
        if out:
            last = out[-1]
            tail = boilerplate.split_wire_tail(last.text)
            if tail and last_word(tail[0]).rstrip(".") not in UNFINISHED:
                last.set(tail[0])
                self.origin.get(id(last), last).notes.append(Removed("wire_credit", tail[1]))
                name = metadata.normalize_source(tail[1])
                if name:
                    self.sources.append((RANK_WIRE, name))
        for p in out:
            p.set(_tidy(p.text))
        return [p for p in out if p.text]

    def _unsplice(self, p: Para, words: DocumentWords) -> list[Para]:
        found = find_spliced(p.text, words)
        if not found:
            return [p]
        # A spliced headline sat between two paragraphs of the original: cut it out and split there.
        # Where a sentence seems to start without the last one ending, but nothing shows that what
        # came before is a headline, the paragraph is only split there: no word is lost.
        texts: list[str] = []
        start = 0
        for splice in found:
            if splice.headline:
                texts.append(p.text[start : splice.start])
                p.notes.append(Removed("related_headline", p.text[splice.start : splice.end].strip()))
            else:
                texts.append(p.text[start : splice.end])
            start = splice.end
        texts.append(p.text[start:])
        pieces = [Para(text.strip(), block=p.block) for text in texts if text.strip()]
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

# "date 2023-05-29 China has ...", "Published: May 29, 2023 | ...": a stamp (a label, a separator, or a
# capitalised sentence after it). The case of the label and month is free; what follows is not.
_LEADING_DATE = re.compile(
    r"^\s*(?:(?P<label>(?i:date|dated|published|posted|updated|first published)(?: on)?)\s*:?\s*)?"
    rf"(?P<date>\d{{4}}-\d{{2}}-\d{{2}}|(?:(?i:{dates.MONTH}) \d{{1,2}},? \d{{4}})|(?:\d{{1,2}} (?i:{dates.MONTH}) \d{{4}})"
    # "15 mars 2024", "5. Juli 2024", "3 de marzo de 2024": pages in other languages print their own months.
    rf"|(?:\d{{1,2}}\.? (?:de )?(?i:{dates.FOREIGN_MONTH}) (?:de )?\d{{4}}))"
    r"(?:\s*(?P<sep>[|·•:–—-])\s*|\s+)"
)
_SENTENCE_START = re.compile(r"[\"“‘']?[A-Z]")
# Agencies that write their own name in lower case ("Berlin (dpa) -").
_LOWER_AGENCIES = r"dpa(?:-AFX)?|afp|apa|sda|ats|epd|kna|dts|ddp|efe|ansa|anp|belga|ctk|pap|mti|tt|ntb|stt"
# "TOKYO, May 31 (Reuters) - ", "WASHINGTON (AP) — ", "(Reuters) - ", "Berlin (dpa) - "
_DATELINE = re.compile(
    rf"^(?:[A-Z][\w.'’-]*(?:[ ,/]+[A-Z][\w.'’-]*){{0,3}},?\s+)?"
    rf"(?P<stamp>(?i:{dates.MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?,?\s*)?"
    rf"\((?P<agency>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){{0,2}}|{_LOWER_AGENCIES})(?:/[\w-]+)?\)\s*[-–—]+\s*(?=\S)"
)
# "BEIJING — ", "SAN FRANCISCO, Calif. -- ": an all-capitals place and a dash before a new sentence.
_CAPS_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]{2,}(?:[ /]+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?: \d{1,2})?)?\s*[-–—]{1,2}\s+(?=[A-Z\"“])"
)
_MENU_SEPARATORS = re.compile(r"\s+(?:\||›|»|>|/|·|•)\s+")
# "counterpart , Wopke", "said .": a space before a comma or full stop is a scraping artefact in any
# language. Before : ; ! ? and » it is French typography ("Lire aussi :"), and stays.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w\"”’)\]%])\s+([,.])(?=\s|$)")
_SPACES = re.compile(r"\s{2,}")
_UNTIDY = re.compile(r" [ ,.]")  # spaces only: tabs and newlines are gone from paragraphs by now
# Reporter lines under a headline: "Chris Ewokor", "BBC News, Abuja", "Environment reporter".
_NAME_PART = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.|Mc[A-Z][a-z]+|(?:de|van|von|da|di|bin|al|le|la|du|dos))"
_PERSON_NAMES = re.compile(
    rf"^{_NAME_PART}(?: {_NAME_PART}){{1,3}}(?:(?:,| and) {_NAME_PART}(?: {_NAME_PART}){{1,3}})*$"
)
_AFFILIATION = re.compile(r"^[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}$")
_ROLE_LINE = re.compile(
    r"^(?:[A-Za-z&-]+ ){0,4}(?:reporter|correspondent|editor|writer|columnist|journalist|contributor|producer"
    r"|analyst|critic|commentator|presenter)s?$"
)


def _prose_bounds(kept: list[Para]) -> tuple[int, int]:
    prose = [i for i, p in enumerate(kept) if is_prose(p) and not p.heading]
    if not prose:
        return len(kept), -1
    return prose[0], prose[-1]


def _caption_sentence(text: str) -> bool:
    """One short sentence that describes rather than tells: no verb in the past, no auxiliary, no one speaking."""
    return len(text.split()) <= 35 and len(sentence_spans(text)) == 1 and not narrates(text)


def _continues(a: Para, b: Para, text: str, words: int) -> bool:
    """Whether b carries on the sentence a left unfinished (a scrape broke it across lines).

    text is the last line joined to a so far, words the word count of all of them.
    """
    if a.heading or b.heading or a.link_only or b.link_only or b.item or b.bullet:
        return False
    if a.item and words < 6:
        return False
    if ends_sentence(text) or text.endswith(":") or not b.text:
        return False
    if re.match(r"[a-z][a-z'’-]*\b", b.text):
        return True
    if not (b.text[0].isalnum() or b.text[0] in "\"“‘'("):
        return False
    if text.endswith((",", ";", "–", "—")):
        return True
    return words >= 3 and last_word(text) in FUNCTION_WORDS


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
    stripped = text.rstrip(CLOSERS)
    if stripped.endswith((",", ";", ":")):
        return False
    if stripped.endswith(".") and not stripped.endswith("...") and last_word(stripped).rstrip(".") not in UNFINISHED:
        return False
    return last_word(text) not in FUNCTION_WORDS


class _Top:
    """The paragraphs above the first prose one, with what the masthead test asks of them, each found once."""

    def __init__(self, paras: list[Para]) -> None:
        self.paras = paras
        self._later: list[bool] | None = None
        self._blocks: dict[int, list[int]] | None = None

    def headline_after(self, i: int) -> bool:
        """Whether a headline-like line comes after line i."""
        if self._later is None:
            later = [False] * (len(self.paras) + 1)
            for j in range(len(self.paras) - 1, -1, -1):
                later[j] = later[j + 1] or _headline_like(self.paras[j])
            self._later = later
        return self._later[i + 1]

    def beside_bullets(self, i: int) -> bool:
        """A plain line at either end of a bulleted menu: the site's name beside its menu."""
        if self._blocks is None:
            self._blocks = {}
            for j, p in enumerate(self.paras):
                self._blocks.setdefault(p.block, []).append(j)
        block = self._blocks[self.paras[i].block]
        edge = i in (block[0], block[-1])
        return edge and sum(bool(self.paras[j].bullet) for j in block) >= max(2, len(block) - 1)


def _person_names(text: str) -> bool:
    """'Chris Ewokor', 'Jane Doe and John Smith': names only, on a line of their own."""
    return 2 <= text.count(" ") + 1 <= 12 and bool(_PERSON_NAMES.match(text)) and not text.isupper()


def _last_of_block(top: list[Para], i: int) -> bool:
    return i + 1 == len(top) or top[i + 1].block != top[i].block


def _listed_headline(p: Para, *, tags: bool) -> bool:
    if tags:
        return p.words <= 40 and not ends_sentence(p.text)
    if p.link_only:
        return True
    return 2 <= p.words <= 20 and (not ends_sentence(p.text) or p.text.rstrip(CLOSERS).endswith("?"))


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
    stripped = sentence.rstrip(CLOSERS)
    if stripped.endswith(".") and last_word(stripped).rstrip(".") not in UNFINISHED:
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
