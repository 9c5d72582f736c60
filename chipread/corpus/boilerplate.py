"""Recognise one paragraph of page furniture (menus, captions, credits, prompts) by its own form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from chipread.corpus import metadata
from chipread.corpus.paras import Para, ends_sentence

# Ranks of the places an outlet name can come from; the highest found wins.
RANK_HINT, RANK_SOURCE_LINE, RANK_MASTHEAD, RANK_COPYRIGHT, RANK_MORE_FROM, RANK_WIRE = 100, 60, 50, 40, 30, 20


@dataclass(frozen=True, slots=True)
class Found:
    """What a boilerplate paragraph is, and any metadata it states."""

    kind: str
    source: str | None = None
    rank: int = 0
    published: date | None = None
    updated: date | None = None
    url: str | None = None
    label_only: bool = False  # "Tags:", "Read also:" alone: what follows belongs to it
    names_credit: bool = False  # a photo credit with a name: the paragraph before it is its caption
    glued: str | None = None  # text glued before a credit ("semiconductorPhoto: ..."), itself a caption


# Boilerplate speaks to the reader; reported speech ("said") is article text.
_REPORTED_LOW = re.compile(r"\b(?:said|says|told|according to|added|stated)\b")


def reports_speech(text: str) -> bool:
    """Whether a paragraph reports what someone said: article text, whatever else it looks like."""
    return _reported(text.lower())


def _reported(low: str) -> bool:
    if "sa" not in low and "told" not in low and "according" not in low and "added" not in low and "stated" not in low:
        return False
    return bool(_REPORTED_LOW.search(low))


_URL_LINE = re.compile(
    r"^(?:(?:original(?:ly)?\s+(?:url|link|source)|source\s+url|url|link|permalink|canonical)\s*:\s*)?"
    r"<?(https?://\S+?)>?$",
    re.IGNORECASE,
)

_AD = re.compile(
    r"^(?:advertisement|advertising|advert|ad|ads|sponsored|sponsored content|paid content|promoted"
    r"|partner content|paid post|story continues below(?: advertisement)?|article continues below"
    r"(?: advertisement)?|continue reading(?: the main story)?(?: below)?|content continues below"
    r"|report this ad|scroll to continue(?: with content)?|advertisement scroll to continue(?: with content)?"
    r"|ad feedback|remove ads|close ad|skip advertisement|supported by|sponsored by|advertiser content|ad choices"
    r"|adchoices|promoted content|presented by)$"
)

_NAV = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation|search)|jump to(?: main)? content|back to top|menu|main menu"
    r"|search|log ?in|log ?out|sign ?in|register|my account|subscribe now|print edition|e-?paper|home"
    r"|toggle navigation|open navigation|close menu|open menu|account|sections|all sections)$"
)
_NEW_TAB = re.compile(r"\bopens? (?:in )?(?:a )?new (?:tab|window)\b", re.IGNORECASE)

_WIDGET = re.compile(
    r"^(?:\d+\s*-?\s*(?:min|mins|minute|minutes)(?: read| listen)?|listen(?: to (?:this )?(?:article|story))?"
    r"(?: \d+ min(?:utes)?)?|audio|print|print this(?: article| page)?|save|save article|save for later"
    r"|gift(?: this)? article|comments?|\d+ comments?|view comments|show comments|text size|font size"
    r"|translate|zoom|play|watch|video|bookmark|reprints?|licensing|reprints? (?:&|and) permissions"
    r"|view image in fullscreen|click to enlarge|enlarge this image|view (?:larger )?image|view gallery|open gallery"
    r"|expand|collapse|reuse this content|toggle caption|hide caption|show caption|close|loading)$"
)

_SOCIAL = frozenset(
    """share this on via facebook twitter x linkedin whatsapp email e-mail reddit pinterest telegram
    messenger flipboard tweet copy link url print threads bluesky mastodon tumblr line weibo wechat
    article story page""".split()
)
_SOCIAL_GENERIC = frozenset("share this on via article story page url line to".split())
_SHARE_LINE = re.compile(r"^(?:share|share this(?: article| story| page)?|share (?:on|via|to) \w+|tweet|copy link)\b")

_FOLLOW = re.compile(r"^follow(?: us)?(?:\s+(?:on|at|topic|this topic|@)\b|\s*@|\s*:|$)", re.IGNORECASE)

_COOKIE = re.compile(
    r"\bcookies?\b.*\b(?:we use|this (?:web)?site|our (?:web)?site|you (?:agree|accept|consent)|your consent"
    r"|accept|manage|settings|preferences|policy|notice)\b"
    r"|\b(?:we use|this (?:web)?site uses|our (?:web)?site uses|by (?:continuing|using this)\b.*\bcookies?)\b",
    re.IGNORECASE,
)
_COOKIE_BUTTON = re.compile(
    r"^(?:accept(?: all)?(?: cookies)?|reject(?: all)?(?: cookies)?|allow(?: all)?(?: cookies)?|manage"
    r"(?: cookie)? (?:preferences|settings|options)|cookie (?:settings|preferences|policy)|i agree|agree"
    r"|ok|got it|necessary only|customi[sz]e)$"
)

_NEWSLETTER_START = re.compile(r"(?:sign[ -]?up|subscribe|don'?t miss|never miss|enter your e-?mail)\b", re.IGNORECASE)
_NEWSLETTER_OFFER = re.compile(
    r"(?:get|join|register|receive)\b.*\b(?:newsletters?|inbox|briefings?|bulletins?|digest|alerts)\b", re.IGNORECASE
)


def _newsletter(text: str, low: str) -> bool:
    if _NEWSLETTER_START.match(text) or low.startswith("newsletter"):
        return True
    if "inbox" in low and ("to your inbox" in low or "in your inbox" in low):
        return True
    if "newsletter" in low and ("sign up" in low or "sign-up" in low) or _NEWSLETTER_OFFER.match(text):
        return True
    return False


_TAGS = re.compile(
    r"^(?:tags?|topics?|related topics|filed under|tagged(?: with| in| as)?|keywords|categories|category"
    r"|tags assigned to this article|topics in this article|subjects?)\s*:\s*(.*)$",
    re.IGNORECASE,
)

_READ_ALSO = re.compile(
    r"^(?P<label>read (?:also|more|next|this|the latest|on)|also read|also see|see (?:also|more)(?: on)?"
    r"|related(?: articles?| stories| story| coverage| reading| content| news| links| posts?)?"
    r"|more (?:on|from|about|in|stories|news|to read)(?: (?P<more>[^:]{1,50}?))?"
    r"|recommended(?: for you| stories| reading| articles)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
    r"|most (?:read|popular|viewed|shared|commented)|trending(?: now| stories| news)?|latest(?: news| stories| videos)?"
    r"|editor'?s picks|what to read next|further reading|top stories|don'?t miss|in other news"
    r"|explore more(?: on (?:these|this) (?:topics?|story|subjects?))?"
    r"|keep reading|also on [a-z]+|watch|listen|related video)"
    r"(?:\s*[:\-–—|»>]+\s*(?P<rest>.*)|\s*)$",
    re.IGNORECASE,
)

# "© 2023 X", "Copyright 2023 X", "(c) X": the symbol or the word with a year; or the reserved-rights formula.
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b"
    r"|\bmay not be (?:published|reproduced|redistributed|copied)",
    re.IGNORECASE,
)


def _copyright(text: str, low: str) -> bool:
    if (
        "©" not in text
        and "copyright" not in low
        and "(c)" not in low
        and "rights reserved" not in low
        and "may not be" not in low
    ):
        return False
    return bool(_COPYRIGHT.search(text)) and not _reported(low)


_REPORTING_CREDIT = re.compile(
    r"\(?(?:additional |further )?(?:reporting|writing|editing|compiled|research|produced|graphics|translation"
    r"|translated|fact-checking|interpretation|illustrations?)(?: and [a-z-]+)?(?: by|:)\s"
    r"|\(?this (?:story|article|report) (?:has been|was) (?:updated|corrected|edited)",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(r"\bcontributed (?:reporting|research|to this (?:report|story|article))\b")


def _reporting_credit(text: str, low: str) -> bool:
    return bool(_REPORTING_CREDIT.match(text)) or ("contributed" in low and bool(_CONTRIBUTED.search(low)))


_PHOTO_LABEL = (
    r"(?:photo|photos|photograph|photography|picture|pictures|pic|image|images|illustration|graphic|video"
    r"|cover photo|top photo|lead image|main image|feature image|header image|photo credit|image credit"
    r"|image source|credit|credits|foto)"
)
# BBC style: "Image source, Getty Images", "Image caption, Workers at a plant".
_MEDIA_LABEL = re.compile(r"^(?:image|video|media|audio|photo) (?P<what>source|caption|credit)s?, \S", re.IGNORECASE)
_PHOTO_CREDIT = re.compile(rf"^{_PHOTO_LABEL}s?\s*(?:credit)?\s*:\s*(?P<value>.*)$", re.IGNORECASE)
# A caption glued to the credit that followed it: "semiconductorPhoto: Massimo Brega, ..."
_GLUED_CREDIT = re.compile(
    r"^(?P<caption>\S.{0,150}?[a-z0-9.)”\"])(?P<credit>(?:Photo|Photograph|Picture|Image|Credit|Illustration|Foto)"
    r"s?\s*(?:credit)?\s*:\s*.+)$"
)
_AGENCY_PHOTO = re.compile(
    r"^\(?(?:(?:photo|picture|image)s?\s+by\s+.{2,60}|.{0,60}\bvia getty images|(?:ap|afp|reuters|epa|epa-efe|anp|"
    r"kyodo|xinhua|yonhap|bloomberg|getty images|shutterstock|istock|alamy|imaginechina|afp via getty images)"
    r"\s*(?:photo)?\s*/\s*.{2,60}|getty images|shutterstock|istock|alamy)\)?$",
    re.IGNORECASE,
)

# Picture-desk language: these mark a caption wherever they appear.
_CAPTION_WORDS = (
    "ATTENTION EDITORS",
    "MANDATORY CREDIT",
    "Mandatory credit",
    "THIS IMAGE WAS PROVIDED",
    "THIS IMAGE HAS BEEN",
    "NO RESALES",
    "NO ARCHIVES",
    "NO COMMERCIAL",
    "EDITORIAL USE ONLY",
    "FOR EDITORIAL USE",
    "/File Photo",
    "via Getty Images",
    "(AP Photo",
    "(AFP Photo",
    "(Reuters Photo",
)
_CAPTION_WORD = re.compile("|".join(re.escape(word) for word in _CAPTION_WORDS))
_CAPTION_SLASH = re.compile(
    r"\b(?:REUTERS|Reuters|AFP|AP|EPA|EPA-EFE|ANP|KCNA|Kyodo|Xinhua|Yonhap)/[A-Z]|\bPhoto(?:graph)?(?: by)?: [A-Z][^.]{0,60}/"
)
_CAPTION_PHRASE = re.compile(
    r"\bin this (?:file |handout |undated |aerial )?(?:photo|picture|photograph|image|illustration|screen ?grab)\b"
)


def _caption_marks(text: str, low: str) -> bool:
    # Every marker contains one of these fragments; plain prose has none, and `in` is cheaper than a regex.
    if (
        "Photo" in text
        or "CREDIT" in text
        or "credit" in text
        or "EDITOR" in text
        or "IMAGE" in text
        or "RESALES" in text
        or "ARCHIVES" in text
        or "COMMERCIAL" in text
        or "USE ONLY" in text
        or "Getty" in text
    ):
        if text.startswith(("FILE PHOTO", "File photo:")) or _CAPTION_WORD.search(text):
            return True
    if "/" in text and _CAPTION_SLASH.search(text):
        return True
    return "in this " in low and bool(_CAPTION_PHRASE.search(low))


# "(left)", "(second from right)", "(L)": positions in a photo.
_POSITION = re.compile(
    r"\((?:left|right|centre|center|top|bottom|front|back|middle|pictured|far left|far right"
    r"|(?:second|third|fourth) (?:from )?(?:left|right)|front row|back row|L|R|C|[LR] to [LR])\)"
)

_SOURCE_LINE = re.compile(
    r"^(?:sources?|via|courtesy(?: of)?|originally published (?:in|on|by|at)"
    r"|this (?:article|story|report) (?:was |first |originally )*(?:appeared|published|ran) (?:in|on|by))"
    r"\s*:?\s+(?P<value>[^.]{2,60}?)\s*\.?$",
    re.IGNORECASE,
)
_SOURCE_COLON = re.compile(r"^(?:sources?|via|courtesy(?: of)?)\s*:", re.IGNORECASE)

_BYLINE = re.compile(
    r"^(?:by|written by|words by|story by|posted by|reported by|text by)\s+(?P<rest>\S.*)$", re.IGNORECASE
)
_META_SEPARATORS = re.compile(r"\s*(?:[|·•]|\s[-–—]\s)\s*")
_HAS_SEPARATOR = re.compile(r"[|·•]|\s[-–—]\s")

WIRE_NAMES = (
    r"reuters|afp|ap|bloomberg|xinhua|kyodo(?: news)?|yonhap|dpa|efe|ansa|tass|bernama|pti|ians|ani|upi"
    r"|agencies|agence france-presse|(?:the )?associated press|cna|jiji(?: press)?|aap|anp|nyt|the new york times"
    r"|the washington post|ft|the guardian|nikkei|bloomberg news|dow jones"
)
_WIRE_PARA = re.compile(
    rf"^[\s(—–-]*(?:with |source:\s*|sources:\s*)?(?P<names>(?:{WIRE_NAMES})(?:\s*(?:,|/|and|&)\s*(?:{WIRE_NAMES}))*)[\s)]*\.?$",
    re.IGNORECASE,
)


# First words that can open a labelled line; checking them first skips most regexes for most lines.
_TAG_STARTS = frozenset(
    "tag tags topic topics related filed tagged keywords categories category subject subjects".split()
)
_READ_STARTS = frozenset(
    """read also see related more recommended you most trending latest editor's editors editor what further
    top don't dont in explore keep watch listen""".split()
)
_MEDIA_STARTS = frozenset("image video media audio photo".split())
_STOCK_STARTS = frozenset("getty shutterstock istock alamy (getty (shutterstock".split())
_SOURCE_STARTS = frozenset("source source: sources sources: via courtesy originally this".split())
_CREDIT_WORD = re.compile(r"[a-z0-9.)”\"](?:Photo|Photograph|Picture|Image|Credit|Illustration|Foto)")


def normalized(text: str) -> str:
    """Lower case, letters, digits and single spaces: how short furniture lines compare."""
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


def classify(p: Para) -> Found | None:
    """The kind of boilerplate this paragraph is on its own, or None when it may be article text."""
    n = p.words
    if n > 120:
        return None
    if n <= 12:
        # Site furniture repeats from page to page: remember short lines.
        return _classify_line(p.text, p.item)
    return _classify(p.text, p.item, n)


@lru_cache(maxsize=8192)
def _classify_line(text: str, item: bool) -> Found | None:
    return _classify(text, item, text.count(" ") + 1)


def _classify(text: str, item: bool, n: int) -> Found | None:
    # Each rule tests its cheap precondition first; "reported speech" is only checked when one passes.
    low = text.lower()
    if n <= 12:
        found = _classify_short(text, low, item)
        if found:
            return found
    if n <= 40:
        found = _classify_medium(text, low, n)
        if found:
            return found
    if n <= 80 and "cookie" in low and _COOKIE.search(text) and not _reported(low):
        return Found("cookie")
    if _caption_marks(text, low):
        return Found("caption")
    if n <= 60 and _copyright(text, low):
        return Found("copyright", source=metadata.copyright_holder(text), rank=RANK_COPYRIGHT)
    if n <= 60 and _reporting_credit(text, low):
        return Found("credit")
    return None


def _classify_short(text: str, low: str, item: bool) -> Found | None:
    norm = normalized(text)
    url = _URL_LINE.match(text)
    if url:
        return Found("url", url=url.group(1))
    if _AD.match(norm):
        return Found("ad")
    if _NAV.match(norm) or ("new" in low and _NEW_TAB.search(text)):
        return Found("navigation")
    if _WIDGET.match(norm):
        return Found("widget")
    if _COOKIE_BUTTON.match(norm) and (item or len(norm) < 25):
        return Found("cookie_button")  # only kept as cookie when next to a cookie notice (see clean.py)
    tokens = norm.replace("'", " ").split()
    social = bool(tokens) and all(t in _SOCIAL for t in tokens) and not all(t in _SOCIAL_GENERIC for t in tokens)
    if social or (_SHARE_LINE.match(norm) and len(tokens) <= 4):
        return Found("share")
    if low.startswith("follow") and _FOLLOW.match(text) and not _reported(low):
        return Found("follow")
    date_line = metadata.date_line(text)
    if date_line:
        return Found("date", published=date_line.published, updated=date_line.updated)
    wire = _WIRE_PARA.match(text)
    if wire:
        return Found("wire_credit", source=metadata.normalize_source(wire.group("names")), rank=RANK_WIRE)
    return None


def _classify_medium(text: str, low: str, n: int) -> Found | None:
    final_period = text.rstrip().endswith(".")
    first = low.split(" ", 1)[0].strip(":'’")
    if first in _TAG_STARTS and not final_period:
        tags = _TAGS.match(text)
        if tags:
            return Found("tags", label_only=not tags.group(1).strip())
    # Labels ("Read also: ...", "More from X") never end in a full stop; sentences do.
    if n <= 25 and first in _READ_STARTS and not final_period:
        read = _READ_ALSO.match(text)
        if read and not _reported(low):
            more = read.group("more")
            rest = (read.group("rest") or "").strip()
            source = metadata.normalize_source(more) if more and low.startswith("more from") else None
            return Found("read_also", label_only=not rest, source=source, rank=RANK_MORE_FROM)
    if n <= 35 and _newsletter(text, low) and not _reported(low):
        return Found("newsletter")
    if n <= 30 and first in _MEDIA_STARTS:
        media = _MEDIA_LABEL.match(text)
        if media and not _reported(low):
            return Found("caption" if media.group("what").lower() == "caption" else "credit")
    if ":" in text and n <= 30:
        credit = _PHOTO_CREDIT.match(text) if n <= 20 else None
        if credit and not _reported(low):
            return Found("credit", names_credit=bool(credit.group("value").strip()))
        glued = _GLUED_CREDIT.match(text) if _CREDIT_WORD.search(text) else None
        if glued and not ends_sentence(text) and not _reported(low):
            return Found("credit", names_credit=True, glued=glued.group("caption"))
    if (
        n <= 15
        and ("/" in text or "getty" in low or " by " in low or first in _STOCK_STARTS)
        and _AGENCY_PHOTO.match(text)
    ):
        return Found("credit", names_credit=True)
    if n <= 12 and first in _SOURCE_STARTS:
        source = _SOURCE_LINE.match(text)
        if source and (_SOURCE_COLON.match(text) or n <= 8) and not _reported(low):
            return Found("source", source=metadata.normalize_source(source.group("value")), rank=RANK_SOURCE_LINE)
    byline = _byline(text, low)
    if byline:
        return byline
    if n <= 50 and "(" in text and _POSITION.search(text) and not _reported(low):
        return Found("caption")
    if _copyright(text, low):
        return Found("copyright", source=metadata.copyright_holder(text), rank=RANK_COPYRIGHT)
    if _reporting_credit(text, low):
        return Found("credit")
    return None


def _byline(text: str, low: str) -> Found | None:
    """'By Jane Doe | Updated 3 hours ago', 'Chen Wei · June 14, 2023 · 4 min read'."""
    if len(text) > 200:
        return None
    match = _BYLINE.match(text)
    if not match and not _HAS_SEPARATOR.search(text) or _reported(low):
        return None
    parts = [part for part in _META_SEPARATORS.split(text) if part]
    if match:
        name = _META_SEPARATORS.split(match.group("rest"))[0]
        if not _looks_like_names(name):
            return None
    elif len(parts) < 2 or not all(_meta_part(part) for part in parts):
        return None
    elif not any(metadata.date_line(part) or _WIDGET.match(normalized(part)) for part in parts):
        return None
    published = updated = None
    for part in parts:
        stamp = metadata.date_line(part)
        if stamp:
            published = published or stamp.published
            updated = updated or stamp.updated
    return Found("byline", published=published, updated=updated)


def _looks_like_names(text: str) -> bool:
    words = text.replace(",", " ").split()
    if not words or len(words) > 12 or ends_sentence(text) and not re.search(r"\b[A-Z]\.$", text):
        return False
    capitals = [w for w in words if w[0].isupper()]
    return words[0][0].isupper() and len(capitals) >= max(1, len(words) // 2)


def _meta_part(part: str) -> bool:
    if metadata.date_line(part) or _WIDGET.match(normalized(part)):
        return True
    words = part.split()
    return 0 < len(words) <= 4 and all(
        w[0].isupper() or w.lower() in ("de", "van", "von", "and", "in", "bin") for w in words
    )


_CREDIT_TAIL = re.compile(
    rf"(?<=[.!?”\"’])\s*(?P<credit>(?:{_PHOTO_LABEL})s?\s*(?:credit)?\s*:\s*[^.!?]{{2,80}})$", re.IGNORECASE
)


def split_credit_tail(text: str) -> tuple[str, str] | None:
    """A credit glued after the last sentence of a paragraph: ('...2023.', 'PHOTO: REUTERS')."""
    if ":" not in text[-100:]:
        return None
    match = _CREDIT_TAIL.search(text, max(0, len(text) - 130))
    if not match or not match.group("credit")[0].isupper():
        return None
    return text[: match.start()].rstrip(), match.group("credit").strip()


_WIRE_TAIL = re.compile(
    r"(?<=[.!?…\"”’)])\s+(?P<credit>(?:[A-Z][A-Z&'.-]{1,20}(?: [A-Z][A-Z&'.-]{1,20})?)"
    r"(?:\s*(?:,|/|and|&)\s*[A-Z][A-Z&'.-]{1,20}(?: [A-Z][A-Z&'.-]{1,20})?){0,4})$"
    rf"|\s+[—–-]+\s*(?P<named>(?i:{WIRE_NAMES}))\.?$"
)


def split_wire_tail(text: str) -> tuple[str, str] | None:
    """Agency credits after the last sentence: ('... to host.', 'AFP, BLOOMBERG')."""
    start = max(0, len(text) - 200)  # the credit is at the very end: never scan the whole paragraph
    match = _WIRE_TAIL.search(text, start)
    if not match:
        return None
    credit = match.group("credit") or match.group("named")
    return text[: match.start()].rstrip(), credit.strip()
