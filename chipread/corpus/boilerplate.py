"""Recognise one paragraph of page furniture (menus, captions, credits, prompts) by its own form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from chipread.corpus import metadata
from chipread.corpus.paras import Para, ends_sentence, narrates, reads_as_prose, reports_speech

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


# Boilerplate speaks to the reader; reported speech ("said", "warned", "found") is article text.
# Every rule below that matches on a few words asks reports_speech (or, where the shape it matches
# is a label or a credit, reads_as_prose) before it fires.

# A short name fit for an outlet, an agency or a credit: capitalised words and their small joiners.
# Possessive quantifiers and an atomic repeat: a hyphen can only belong to a word, so a failed match
# is given up at once instead of trying every split of "A-A-A-...-A!" (exponential otherwise).
_NAME_WORD = r"(?:[A-Z][\w'’.&-]*+|\d[\w'’.-]*+)"
_NAME_JOINER = r"(?:and|&|of|the|for|de|del|der|des|du|la|le|van|von|da|di|dos|bin|al|el|y|und|et|via)"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?>(?:\s*[,/&]\s*|\s+)(?:{_NAME_WORD}|{_NAME_JOINER}\b))*+")


def outlet_like(value: str, *, max_words: int = 6) -> bool:
    """'The Japan Times', 'Kyodo News', 'AFP': a short run of capitalised words, not a sentence."""
    text = value.strip().rstrip(".").strip()
    words = text.split()
    if not 1 <= len(words) <= max_words or not text[0].isupper():
        return False
    return bool(_NAME_RUN.fullmatch(text)) and not reads_as_prose(text)


def names_like(value: str, *, max_words: int = 12) -> bool:
    """'Daniel Leussink in Tokyo; Editing by Sonali Paul': people and places, capitalised, no verb."""
    text = value.strip().strip("().").strip()
    words = text.replace(";", " ").split()
    if not 1 <= len(words) <= max_words or not text[:1].isupper() or reads_as_prose(text):
        return False
    small = {
        "and",
        "in",
        "at",
        "from",
        "with",
        "for",
        "of",
        "the",
        "de",
        "van",
        "von",
        "da",
        "di",
        "bin",
        "al",
        "el",
        "la",
        "le",
        "du",
        "der",
        "y",
        "und",
        "et",
        "by",
        "via",
        "&",
    }
    return all(w[0].isupper() or w[0].isdigit() or w.strip(",;/") in small or not w[0].isalpha() for w in words)


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
    r"|expand|collapse|reuse this content|toggle caption|hide caption|show caption|close|loading"
    # live blogs: the page's own controls and labels
    r"|live|live updates|live coverage|live blog|as it happened|key events|show key events only|key event"
    r"|pinned post|pinned|load more(?: updates| posts)?|show more(?: updates| posts)?|see (?:all|latest) updates"
    r"|new updates?|\d+ new updates?|refresh|jump to latest(?: updates?)?|latest updates|summary)$"
)

_SOCIAL = frozenset(
    """share this on via facebook twitter x linkedin whatsapp email e-mail reddit pinterest telegram
    messenger flipboard tweet copy link url print threads bluesky mastodon tumblr line weibo wechat
    article story page partager sur teilen auf compartir en condividi su compartilhar no delen op per""".split()
)
_SOCIAL_GENERIC = frozenset("share this on via article story page url line to sur auf en su no op per".split())
_SHARE_LINE = re.compile(
    r"^(?:share|share this(?: article| story| page)?|share (?:on|via|to) \w+|tweet|copy link"
    r"|partager|partager (?:sur|par) \w+|teilen|auf \w+ teilen|compartir|compartir en \w+|condividi|compartilhar"
    r"|delen)\b"
)

# A follow widget: "Follow us", "Follow topic:", "Follow this author", "Follow Reuters on X", "Follow @x".
# "Follow-up talks ..." and "Follow the money" (a subheading) are not.
_FOLLOW_OBJECT = (
    r"(?:us|me|him|her|them|our \w+|(?:this|the|these) (?:topics?|authors?|writers?|reporters?|journalists?|columnists?"
    r"|stories|story|series|podcast|show|channel|page)|topics?|authors?|writers?|reporters?|journalists?"
    r"|[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3})"
)
_PLATFORMS = (
    r"(?:x|twitter|facebook|instagram|linkedin|threads|bluesky|mastodon|tiktok|youtube|telegram|whatsapp|google news"
    r"|apple news|flipboard|our \w+ channel|social media)"
)
_FOLLOW = re.compile(
    rf"^(?i:follow)(?!-)(?:\s+{_FOLLOW_OBJECT})?"
    rf"(?:\s+(?i:on|at|via)\s+(?i:{_PLATFORMS})\b.*|\s*(?:@\S+.*|:.*)|\s*)$"
)

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

# A prompt's verb is followed by what it asks for ("Sign up for", "Subscribe now", "Subscribe:") or
# nothing; "Sign up rates fell" and "Subscribe-and-save schemes ..." open sentences with a noun.
_NEWSLETTER_START = re.compile(
    r"(?:(?:sign[ -]?up|subscribe)(?:\s+(?:for|to|now|today|here|free|and|or|below|at|with|using|on)\b|\s*[:!.—–|]|\s*$)"
    r"|(?:don'?t|never) miss\b|enter your e-?mail\b)",
    re.IGNORECASE,
)
_NEWSLETTER_OFFER = re.compile(
    r"(?:get|join|register|receive)\b.*\b(?:newsletters?|inbox|briefings?|bulletins?|digest|alerts)\b", re.IGNORECASE
)


def _newsletter(text: str, low: str) -> bool:
    # A prompt opens with its verb ("Sign up", "Subscribe to") or its label ("Newsletter:").
    if _NEWSLETTER_START.match(text) or (low.startswith("newsletter") and not low.startswith("newsletters ")):
        return True
    # Elsewhere the words alone are not enough: a sentence ("... straight to your inbox, the regulator
    # warned") is article text; a prompt has no finite verb of its own.
    prompt = (
        ("inbox" in low and ("to your inbox" in low or "in your inbox" in low))
        or ("newsletter" in low and ("sign up" in low or "sign-up" in low))
        or bool(_NEWSLETTER_OFFER.match(text))
    )
    return prompt and not reads_as_prose(text)


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
    r"|keep reading|also on [a-z]+|watch|listen|related video"
    # French, German, Spanish, Italian, Portuguese, Dutch
    r"|(?:à )?lire (?:aussi|également|la suite)|voir aussi|sur le même sujet|lesen sie (?:auch|mehr)|auch interessant"
    r"|mehr zum thema|das könnte sie auch interessieren|lee también|leer más|te puede interesar|leggi anche"
    r"|potrebbe interessarti|leia também|leia mais|veja também|lees ook|lees meer|zie ook)"
    r"(?:\s*[:\-–—|»>]+\s*(?P<rest>.*)|\s*)$",
    re.IGNORECASE,
)

# "© 2023 X", "Copyright 2023 X", "(c) X": the symbol or the word with a year; or the reserved-rights formula.
_RIGHTS = (
    r"(?:published|reproduced|redistributed|copied|broadcast|rewritten|republished|distributed|transmitted|stored)"
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b"
    # "may not be published, broadcast, rewritten or redistributed": the formula lists two rights or more.
    # Nothing but how and by whose leave may follow: "... or broadcast without the court's permission" is a sentence.
    rf"|\b(?:may|must) not be {_RIGHTS}(?:,? (?:or |and |in whole or in part,? )?{_RIGHTS})+"
    r"(?: in (?:any form|whole or in part)| by any means| without (?:the )?(?:prior |express )*(?:written )?permission"
    r"(?: (?:of|from) [^.]{1,40})?)*\s*\.?\s*$",
    re.IGNORECASE,
)


def _copyright(text: str, low: str) -> bool:
    if (
        "©" not in text
        and "copyright" not in low
        and "(c)" not in low
        and "rights reserved" not in low
        and "not be" not in low
    ):
        return False
    return bool(_COPYRIGHT.search(text)) and not reports_speech(text)


_CREDIT_ROLE = (
    r"(?:(?:additional|further) )?(?:reporting|writing|editing|compiled|research|produced|graphics|translation"
    r"|translated|fact-checking|interpretation|illustrations?|photography|video|data|design|production)"
    r"(?: and [a-z-]+)?"
)
# "(Reporting by Daniel Leussink; Editing by Sonali Paul)": each part is a role, "by" (or ":") and names.
_CREDIT_PART = re.compile(rf"^{_CREDIT_ROLE}\s*(?:by\b|:)\s*(?P<names>.+)$", re.IGNORECASE)
_CREDIT_UPDATED = re.compile(
    r"^\(?this (?:story|article|report) (?:has been|was) (?:updated|corrected|edited)\b", re.IGNORECASE
)
_CONTRIBUTED = re.compile(r"\bcontributed (?:reporting|research|to this (?:report|story|article))\b")


def _reporting_credit(text: str, low: str) -> bool:
    if _CREDIT_UPDATED.match(text):
        return True
    if "contributed" in low and _CONTRIBUTED.search(low):
        return not reports_speech(text)
    parts = [
        part.strip() for part in re.split(r"[;|]|\.\s+(?=[A-Z])", text.strip().strip("()").rstrip(".)")) if part.strip()
    ]
    if not parts or not _CREDIT_PART.match(parts[0]):
        return False
    # "Research by the Resolution Foundation found that ..." and "Produced by the BBC and HBO, the
    # series drew ..." are sentences: every part must be a role and a list of names.
    for part in parts:
        match = _CREDIT_PART.match(part)
        if not match or not names_like(match.group("names").replace(",", " ")):
            return False
    return True


_PHOTO_LABEL = (
    r"(?:photo|photos|photograph|photography|picture|pictures|pic|image|images|illustration|graphic|video"
    r"|cover photo|top photo|lead image|main image|feature image|header image|photo credit|image credit"
    r"|image source|credit|credits|foto)"
)
# BBC style: "Image source, Getty Images", "Image caption, Workers at a plant".
_MEDIA_LABEL = re.compile(r"^(?:image|video|media|audio|photo) (?P<what>source|caption|credit)s?, \S", re.IGNORECASE)
_PHOTO_CREDIT = re.compile(rf"^{_PHOTO_LABEL}s?\s*(?:credit)?\s*:\s*(?P<value>.*)$", re.IGNORECASE)
# A caption run into the credit that followed it, the scrape having lost the break between them:
# "semiconductorPhoto: Massimo Brega, ...", "A plant in KumamotoPHOTO: REUTERS", "... TokyoREUTERS/Kim".
# The shape: a lower-case letter, digit or closing mark, then at once a capitalised credit label or
# agency, and after it a credit (names, agencies), never a sentence.
# Picture agencies as credits print them ("REUTERS/Jane Doe", "AP Photo/John Smith"): one list for every credit shape.
_PICTURE_AGENCY = (
    r"(?:REUTERS|Reuters|AFP|AP|EPA|EPA-EFE|ANP|KCNA|Kyodo|KYODO|Xinhua|XINHUA|Yonhap|YONHAP|Jiji|JIJI|AAP|PA"
    r"|DPA|dpa|ANSA|TASS|Anadolu|Bernama|PTI|IANS|SOPA Images|Sipa|SIPA|ZUMA|NurPhoto|Getty Images|Bloomberg)"
)
_GLUE_LABEL = (
    r"(?=[A-Z])(?i:photo(?:graph)?s?|pictures?|images?|credits?|illustrations?|fotos?|image source|photo credit"
    r"|image credit)\s*(?:credit)?\s*[:,]"
    rf"|{_PICTURE_AGENCY}\s*(?:Photo)?\s*/"
)
_GLUED_CREDIT = re.compile(rf"^(?P<caption>\S.{{0,150}}?[a-z0-9.)”\"])(?P<credit>(?:{_GLUE_LABEL})\s*(?P<value>.+))$")
_AGENCIES = (
    r"(?:ap|afp|reuters|epa|epa-efe|anp|kyodo|xinhua|yonhap|bloomberg|getty images|shutterstock|istock|alamy"
    r"|imaginechina|afp via getty images|kcna|aap|pa|pa images|pa wire|sipa|abaca|zuma|nurphoto|dpa|anadolu)"
)
_AGENCY_PHOTO = re.compile(
    rf"^\(?(?:(?:photo|picture|image)s?\s+by\s+(?P<by>.{{2,60}})|(?P<via>.{{0,60}})\bvia getty images"
    rf"|{_AGENCIES}\s*(?:photo|pool)?\s*/\s*(?P<slash>.{{2,60}})|getty images|shutterstock|istock|alamy)\)?\.?$",
    re.IGNORECASE,
)


def _sentence_after_label(value: str) -> bool:
    """'Credit: card spending rose 4% in May.': a lower-case clause of five words or more, run to a full stop."""
    value = value.strip()
    return value[:1].islower() and len(value.split()) >= 5 and ends_sentence(value)


def _agency_photo(text: str) -> bool:
    match = _AGENCY_PHOTO.match(text)
    if not match:
        return False
    # "AP/NORC polling found broad support": after the slash comes a photographer, not a sentence.
    value = match.group("by") or match.group("via") or match.group("slash")
    return value is None or not value.strip() or names_like(value.replace("/", " ").rstrip(")"))


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
# "... in Tokyo, May 5, 2023. REUTERS/Kim Kyung-Hoon/File Photo": an agency and a photographer end it.
_CAPTION_SLASH = re.compile(
    rf"(?:\b{_PICTURE_AGENCY}/"
    r"|\bPhoto(?:graph)?(?: by)?: (?:[A-Z][\w'’.-]*+[ ,&]*+){1,4}/\s*)"
    r"[A-Z][\w'’.-]*+(?:[ -][A-Z][\w'’.-]*+){0,4}(?:\s*/\s*[A-Z][\w'’.-]*+(?: [A-Z][\w'’.-]*+){0,3})*+"
    r"(?: via [A-Z][\w .]{1,30})?\)?\.?(?:\s+(?:Purchase|Acquire) Licensing Rights)?\s*$"
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
    if "/" in text[-90:] and _CAPTION_SLASH.search(text, max(0, len(text) - 150)):
        return True
    # "in this photo" marks a caption only when the paragraph is not itself a sentence of the story
    # ("The man seen in this photo has not been identified, police believe.").
    return "in this " in low and bool(_CAPTION_PHRASE.search(low)) and not reads_as_prose(text)


# "(left)", "(second from right)", "(L)": positions in a photo.
_POSITION = re.compile(
    r"\((?:left|right|centre|center|top|bottom|front|back|middle|pictured|far left|far right"
    r"|(?:second|third|fourth) (?:from )?(?:left|right)|front row|back row|L|R|C|[LR] to [LR])\)"
)
# "Sen. Mitt Romney (R)", "(D-Calif.)": party letters, not a position in a photo.
_PARTY = re.compile(r"\((?:D|I)\)|\([DRI]-[A-Z]|\b(?:Sen|Rep|Gov|Senator|Representative|Governor)\b")


def _position_caption(text: str) -> bool:
    match = _POSITION.search(text)
    if not match:
        return False
    if len(match.group()) == 3 and _PARTY.search(text):
        others = [m for m in _POSITION.finditer(text) if len(m.group()) > 3]
        if not others:
            return False
    # "The senator (left) and the governor spoke for an hour.": a caption is in the present ("meets", "meeting").
    return not narrates(_POSITION.sub(" ", text))


# "Source: The Japan Times", "Courtesy of Kyodo", "This article first appeared in Nikkei Asia".
# "Sources confirmed the deal" and "Via Rail cancelled all trains" are sentences: "source" and "via"
# need the colon, and every form needs a value shaped like an outlet's name.
_SOURCE_LINE = re.compile(
    r"^(?:(?P<colon>(?:sources?|via|courtesy(?: of)?)\s*:)"
    r"|courtesy(?: of)?\s|originally published (?:in|on|by|at)\s"
    r"|this (?:article|story|report) (?:was |first |originally )*(?:appeared|published|ran) (?:in|on|by)\s)"
    r"\s*(?P<value>[^.]{2,60}?)\s*\.?$",
    re.IGNORECASE,
)

# "Helena Horton Environment reporter", "Jane Doe, Asia correspondent": a name, then a desk and a role.
_ROLES = (
    r"(?:reporter|correspondent|editor|writer|columnist|journalist|contributor|producer|analyst|critic"
    r"|commentator|presenter|reporters|correspondents|editors|writers|staff|team)"
)
_ROLE_BYLINE = re.compile(
    rf"^[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|van|von|da|di|bin|al|and)){{1,4}},? (?:[A-Za-z&-]+ ){{0,3}}{_ROLES}$"
)
# "___", "* * *", "-----": a typographic divider on its own line (two marks suffice: a list marker may take the first).
_DIVIDER = re.compile(r"^(?:[_*=~#+•·]\s*){2,}$|^[-–—](?:\s*[-–—]){2,}$")
# "Our Standards: The Thomson Reuters Trust Principles.", "Editorial standards", "Corrections policy".
_STANDARDS = re.compile(
    r"^(?:our (?:editorial )?(?:standards|guidelines|values|principles|policies|code of (?:conduct|practice))"
    r"|editorial (?:standards|guidelines|policy|independence)|(?:our )?(?:ethics|corrections?) polic(?:y|ies)"
    r"|(?:the )?(?:[A-Z][\w]* )*trust principles)\s*(?::|\.?$)",
    re.IGNORECASE,
)

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
    top don't dont in explore keep watch listen à lire voir sur lesen auch mehr das lee leer te leggi
    potrebbe leia veja lees zie""".split()
)
_MEDIA_STARTS = frozenset("image video media audio photo".split())
_STOCK_STARTS = frozenset("getty shutterstock istock alamy (getty (shutterstock".split())
_SOURCE_STARTS = frozenset("source source: sources sources: via courtesy originally this".split())
_CREDIT_WORD = re.compile(
    r"[a-z0-9.)”\"](?:Photo|PHOTO|Picture|PICTURE|Image|IMAGE|Credit|CREDIT|Illustration|ILLUSTRATION|Foto|FOTO"
    rf"|{_PICTURE_AGENCY})"
)


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
    if n <= 80 and "cookie" in low and _COOKIE.search(text) and not reports_speech(text):
        return Found("cookie")
    if _caption_marks(text, low):
        return Found("caption")
    if n <= 60 and _copyright(text, low):
        return Found("copyright", source=metadata.copyright_holder(text), rank=RANK_COPYRIGHT)
    if n <= 60 and _reporting_credit(text, low):
        return Found("credit")
    return None


def _classify_short(text: str, low: str, item: bool) -> Found | None:
    if _DIVIDER.match(text):
        return Found("separator")
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
    if low.startswith("follow") and _FOLLOW.match(text) and not reads_as_prose(text):
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
        if read and _read_also(read, text):
            more = read.group("more")
            rest = (read.group("rest") or "").strip()
            source = metadata.normalize_source(more) if more and low.startswith("more from") else None
            return Found("read_also", label_only=not rest, source=source, rank=RANK_MORE_FROM)
    if n <= 35 and _newsletter(text, low) and not reports_speech(text):
        return Found("newsletter")
    if n <= 30 and first in _MEDIA_STARTS:
        media = _MEDIA_LABEL.match(text)
        if media:  # "Image caption, Many commuters say ...": the label says what it is, whatever follows
            return Found("caption" if media.group("what").lower() == "caption" else "credit")
    if ":" in text and n <= 30:
        credit = _PHOTO_CREDIT.match(text) if n <= 20 else None
        if credit and not reports_speech(text) and not _sentence_after_label(credit.group("value")):
            return Found("credit", names_credit=bool(credit.group("value").strip()))
    if n <= 30 and ("/" in text or ":" in text or "," in text) and _CREDIT_WORD.search(text):
        glued = _GLUED_CREDIT.match(text)
        if glued and names_like(glued.group("value").replace("/", " / ")) and not reports_speech(text):
            return Found("credit", names_credit=True, glued=glued.group("caption"))
    if n <= 15 and ("/" in text or "getty" in low or " by " in low or first in _STOCK_STARTS) and _agency_photo(text):
        return Found("credit", names_credit=True)
    if n <= 12 and first in _SOURCE_STARTS:
        source = _SOURCE_LINE.match(text)
        if source and not reports_speech(text):
            value = source.group("value")
            labelled = source.group("colon") and not reads_as_prose(value)
            # After "Source:" a short capitalised value names the outlet; without the colon it must look like one.
            if outlet_like(value) or (labelled and value[:1].isupper() and len(value.split()) <= 6):
                return Found("source", source=metadata.normalize_source(value), rank=RANK_SOURCE_LINE)
            if labelled and len(value.split()) <= 8:
                return Found("source")  # "Source: company filings": a label, but no outlet
    byline = _byline(text, low)
    if byline:
        return byline
    if n <= 8 and _ROLE_BYLINE.match(text) and not reads_as_prose(text):
        return Found("byline")
    if n <= 15 and _STANDARDS.match(text) and not reports_speech(text):
        return Found("standards")
    if n <= 50 and "(" in text and _position_caption(text):
        return Found("caption")
    if _copyright(text, low):
        return Found("copyright", source=metadata.copyright_holder(text), rank=RANK_COPYRIGHT)
    if _reporting_credit(text, low):
        return Found("credit")
    return None


def _read_also(read: re.Match[str], text: str) -> bool:
    """A read-also label, not a line of the story that opens with the same words."""
    if read.group("rest") is not None and read.group("rest").strip():
        # "Read also: <headline>": the label and its separator say what follows is another story,
        # whose headline may well say "says".
        return True
    more = read.group("more")
    # "More from Example News" names an outlet or a section; "More from the minister's speech" is a subheading.
    if more is not None and text.lower().startswith("more from") and not outlet_like(more):
        return False
    return not reads_as_prose(text)


def _byline(text: str, low: str) -> Found | None:
    """'By Jane Doe | Updated 3 hours ago', 'Chen Wei · June 14, 2023 · 4 min read'."""
    if len(text) > 200:
        return None
    match = _BYLINE.match(text)
    if not match and not _HAS_SEPARATOR.search(text) or reports_speech(text):
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
