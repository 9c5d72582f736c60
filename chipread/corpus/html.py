"""HTML to paragraphs with the stdlib parser: the article's blocks, its metadata, and the page furniture dropped."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html.parser import HTMLParser

from chipread.corpus import metadata
from chipread.corpus.boilerplate import normalized
from chipread.corpus.paras import Hints, Para, is_prose, narrates, reads_as_prose
from chipread.corpus.sanitize import clean_line
from chipread.model import Removed

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCK = frozenset(
    """address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary
    table tbody tfoot thead tr ul caption""".split()
)
# Start tags that close an open <p> (the HTML spec's list, trimmed to what pages use).
_CLOSES_P = _BLOCK - {"body", "html", "tr", "tbody", "thead", "tfoot", "caption", "dd", "dt", "li"}
_SCOPES = frozenset("ul ol table div article section body html main aside nav header footer".split())
_AUTOCLOSE = {
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}

# Never visible text.
_INVISIBLE = frozenset(
    "script style noscript template svg canvas iframe object embed select textarea head title math video audio".split()
)
# Page furniture by element.
_FURNITURE = {
    "nav": "navigation",
    "aside": "aside",
    "footer": "footer",
    "figure": "caption",
    "figcaption": "caption",
    "form": "form",
    "button": "button",
    "menu": "navigation",
    "dialog": "dialog",
}

# Page furniture by class or id words ("share-buttons", "ad-slot", "cookie-banner").
_CLASS_KINDS = (
    (
        "navigation",
        {
            "nav",
            "navbar",
            "navigation",
            "menu",
            "breadcrumb",
            "breadcrumbs",
            "topbar",
            "masthead",
            "pagination",
            "skip",
            "skiplink",
            "toolbar",
            "sitenav",
            "subnav",
        },
    ),
    ("share", {"share", "shares", "sharing", "social", "sharebar", "sharetools"}),
    (
        "newsletter",
        {
            "newsletter",
            "newsletters",
            "subscribe",
            "subscription",
            "signup",
            "paywall",
            "promo",
            "promotion",
            "inline-promo",
        },
    ),
    (
        "related_headline",
        {
            "related",
            "recommended",
            "recommendations",
            "more-stories",
            "morestories",
            "readmore",
            "read-more",
            "also-read",
            "trending",
            "popular",
            "most-read",
            "mostread",
            "outbrain",
            "taboola",
            "teaser",
            "teasers",
            "more-from",
            "further-reading",
        },
    ),
    (
        "ad",
        {
            "ad",
            "ads",
            "advert",
            "adverts",
            "advertisement",
            "advertising",
            "sponsored",
            "sponsor",
            "dfp",
            "adslot",
            "ad-slot",
            "gpt-ad",
            "adunit",
            "ad-unit",
            "banner-ad",
        },
    ),
    ("cookie", {"cookie", "cookies", "consent", "gdpr", "cmp", "cookiebanner"}),
    ("tags", {"tags", "tag-list", "taglist", "topics", "keywords"}),
    ("comments", {"comments", "comment", "disqus", "discussion"}),
    ("caption", {"caption", "figcaption", "credit", "image-credit", "photo-credit", "wp-caption-text"}),
)
# Hidden by class: whole class names only. Bootstrap's "hidden-xs", "hidden-print" hide text on some
# screens or on paper, not from the reader.
_HIDDEN_CLASSES = frozenset(
    "sr-only visually-hidden screen-reader-text screen-reader-only hidden visuallyhidden is-hidden u-hidden".split()
)
# Kinds of class furniture that hold links and labels. A block of them that is plain prose, no links,
# sentences with a verb (a "share-story-note" paragraph, an "article-teaser" standfirst) is article text.
_LINK_FURNITURE = frozenset("navigation share related_headline tags ad newsletter".split())
_CONTAINER_CLASS = re.compile(
    r"(?:^|[-_ ])(?:article|story|entry|post|content)[-_]?(?:body|content|text|main)(?:$|[-_ ])|articlebody|storybody",
    re.IGNORECASE,
)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "publication_date",
    "citation_publication_date",
    "article.published",
    "cxenseparse:recs:publishtime",
)
_SOURCE_META = (
    "og:site_name",
    "application-name",
    "publisher",
    "cxenseparse:site",
    "twitter:site:name",
    "dc.publisher",
)
_TITLE_META = ("og:title", "twitter:title", "headline", "dc.title", "sailthru.title")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+")


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent", "size", "ptext")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []
        self.parent = parent
        self.size = 0  # characters of visible text below
        self.ptext = 0  # of which inside <p>: how an article body is recognised

    def get(self, name: str) -> str:
        return self.attrs.get(name) or ""


class _TreeBuilder(HTMLParser):
    """A forgiving DOM: unknown end tags are ignored, unclosed elements close with their parent.

    It also notes, in the same pass, what metadata and article candidates the page has.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack = [self.root]
        self.invisible = 0  # open elements whose text is never shown
        self.paragraphs = 0  # open <p> elements
        self.found: dict[str, list[_Node]] = {
            "meta": [],
            "title": [],
            "link": [],
            "h1": [],
            "script": [],
            "time": [],
            "article": [],
            "main": [],
            "body": [],
        }

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag in _CLOSES_P and self.paragraphs:
            self._close_open("p", _SCOPES)
        if tag in _AUTOCLOSE:
            for other in _AUTOCLOSE[tag]:
                self._close_open(other, {"ul", "ol", "table", "dl", "select"})
        node = _Node(tag, values, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag in self.found:
            self.found[tag].append(node)
        elif values and (
            values.get("itemprop") == "articleBody"
            or values.get("role") == "main"
            or _CONTAINER_CLASS.search(values.get("class", "") + " " + values.get("id", ""))
        ):
            self.found["article" if values.get("role") != "main" else "main"].append(node)
        if tag not in _VOID:
            self.stack.append(node)
            if tag in _INVISIBLE:
                self.invisible += 1
            elif tag == "p":
                self.paragraphs += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self._pop(len(self.stack) - 1)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self._pop(i)
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)
        if not self.invisible:
            size = len(data.strip())
            if size:
                in_p = self.paragraphs > 0
                for node in self.stack:
                    node.size += size
                    if in_p:
                        node.ptext += size

    def close(self) -> None:
        super().close()
        self._pop(1)

    def _pop(self, index: int) -> None:
        for node in self.stack[index:]:
            if node.tag in _INVISIBLE:
                self.invisible -= 1
            elif node.tag == "p":
                self.paragraphs -= 1
        del self.stack[index:]

    def _close_open(self, tag: str, scopes: set[str] | frozenset[str]) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            current = self.stack[i].tag
            if current == tag:
                self._pop(i)
                return
            if current in scopes:
                return


def parse(text: str) -> _TreeBuilder:
    builder = _TreeBuilder()
    try:
        builder.feed(text)
        builder.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup; keep what it read
        pass
    return builder


def extract(text: str) -> tuple[list[Para], Hints]:
    builder = parse(text)
    root = builder.root
    hints = Hints()
    meta = _Metadata(builder.found)
    container = _container(root, builder.found)
    emitter = _Emitter(container)
    emitter.walk(container)
    emitter.flush()  # text after the last block element (or a page with no block elements at all)
    paras = emitter.paras
    h1 = next((p.text for p in paras if p.heading == 1), None) or meta.first_h1
    hints.headline = h1 or meta.title(h1)
    hints.source = meta.source(h1)
    hints.published = meta.published(container)
    hints.url = meta.url()
    hints.removed = emitter.removed + _outside(root, container)
    hints.warnings = meta.warnings
    return paras, hints


def _iter(node: _Node):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed([c for c in current.children if isinstance(c, _Node)]))


def _container(root: _Node, found: dict[str, list[_Node]]) -> _Node:
    """The element holding the article: the biggest <article> or marked article body, else main, else body.

    Candidates inside page furniture (aside, nav, footer, a "related" block) never count. When the
    page marks its article body (itemprop="articleBody", "story-body", ...), the choice is that body
    or an element holding it, so a teaser <article> elsewhere cannot win; otherwise the candidate
    must hold a fair share of the page's text.
    """
    page = found["body"][0] if found["body"] else root
    furniture: dict[int, bool] = {}
    candidates = [node for node in found["article"] if not _in_furniture(node, furniture)]
    marked = [node for node in candidates if _marked_body(node)]
    if marked:
        holders: set[int] = set()
        for node in marked:
            current: _Node | None = node
            while current is not None and id(current) not in holders:
                holders.add(id(current))
                current = current.parent
        candidates = [node for node in candidates if id(node) in holders]
    # By all visible text (paragraphs may be <div>s); document order breaks ties, so an <article>
    # wins over the body wrapper inside it.
    best = max(candidates, key=lambda node: node.size, default=None)
    if best is not None and best.size >= 200 and (marked or best.size >= 0.2 * page.size):
        return _widen(best, page)
    main = [node for node in found["main"] if not _in_furniture(node, furniture)]
    if main:
        return main[0]
    return page


_WIDEN_LEVELS = 3


def _widen(container: _Node, page: _Node) -> _Node:
    """The container, or an ancestor of it when story text sits beside it (a standfirst, a paragraph
    the page put in another <div>): text outside the container is lost to the article."""
    current = container
    for _ in range(_WIDEN_LEVELS):
        parent = current.parent
        if current is page or parent is None or parent.tag in ("html", "#root"):
            break
        if not any(_stray_prose(sibling) for sibling in parent.children if sibling is not current):
            break
        current = parent
    return current


def _stray_prose(node: _Node | str) -> bool:
    if isinstance(node, str):
        text = " ".join(node.split())
        return len(text) > 60 and is_prose(Para(text)) and reads_as_prose(text)
    if node.tag in _INVISIBLE or node.tag in _FURNITURE or node.tag == "header" or _hidden(node) or not node.size:
        return False
    kind = _class_kind(node)
    if kind is not None:
        return kind in _LINK_FURNITURE and _article_prose(node)
    if node.size > 20000:
        return True  # a big block of the page's own beside the "article": too much to leave out unread
    emitter = _flat(node)
    if emitter.linked_total > 0.1 * max(1, emitter.visible_total):
        return False
    return any(is_prose(p) and reads_as_prose(p.text) for p in emitter.paras)


def _marked_body(node: _Node) -> bool:
    return node.get("itemprop") == "articleBody" or bool(
        _CONTAINER_CLASS.search(node.get("class") + " " + node.get("id"))
    )


def _in_furniture(node: _Node, memo: dict[int, bool]) -> bool:
    """Whether an element sits inside an aside, nav, footer or a related/navigation block (memoised: linear)."""
    path = []
    current = node.parent
    result = False
    while current is not None:
        known = memo.get(id(current))
        if known is not None:
            result = known
            break
        path.append(current)
        if current.tag in ("aside", "nav", "footer") or _class_kind(current) in (
            "related_headline",
            "navigation",
            "ad",
            "share",
            "comments",
        ):
            result = True
            break
        current = current.parent
    for visited in path:
        memo[id(visited)] = result
    return result


@lru_cache(maxsize=4096)
def _class_kind_of(value: str) -> str | None:
    tokens = set(value.lower().split())
    if tokens & _HIDDEN_CLASSES:
        return "hidden"
    words = set(tokens)
    for token in tokens:
        words.update(t for t in re.split(r"[-_]", token) if t)
    for kind, names in _CLASS_KINDS:
        if words & names:
            return kind
    return None


def _class_kind(node: _Node) -> str | None:
    attrs = node.attrs
    if "class" not in attrs and "id" not in attrs:
        return None
    return _class_kind_of(attrs.get("class", "") + " " + attrs.get("id", ""))


def _hidden(node: _Node) -> bool:
    attrs = node.attrs
    if not attrs:
        return False
    style = attrs.get("style", "").replace(" ", "").lower()
    return (
        "hidden" in attrs
        or attrs.get("aria-hidden") == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


class _Emitter:
    """Walks the article container, turning blocks into paragraphs and furniture into removals."""

    def __init__(self, container: _Node, *, flat: bool = False) -> None:
        self.container = container
        self.flat = flat  # only the text of a block already judged (no furniture inside it is sorted out)
        self.paras: list[Para] = []
        self.removed: list[Removed] = []
        self.parts: list[str] = []
        self.linked = 0  # characters of the current paragraph inside <a>
        self.linked_total = 0
        self.visible_total = 0
        self.block = 0
        self.heading = 0
        self.item = False
        self.protect = max(500, container.size // 2)  # a "furniture" class on a wrapper this big is the article

    def walk(self, node: _Node) -> None:
        # Explicit stack of (node, entering) so pathological nesting cannot recurse too deep.
        stack: list[tuple[_Node | str, bool, bool]] = [(node, True, False)]
        while stack:
            current, entering, in_link = stack.pop()
            if isinstance(current, str):
                self._text(current, in_link)
                continue
            tag = current.tag
            if not entering:
                self._end(tag)
                continue
            if tag in _INVISIBLE:
                continue
            kind = self._furniture(current)
            if kind:
                self.flush()
                if not self.flat:
                    self.removed.extend(Removed(kind, text) for text in _texts(current))
                continue
            self._start(current)
            stack.append((current, False, in_link))
            linked = in_link or tag == "a"
            stack.extend((c, True, linked) for c in reversed(current.children))

    def _furniture(self, node: _Node) -> str | None:
        if node is self.container:
            return None
        if _hidden(node):
            return "hidden"
        if self.flat:
            return "hidden" if _class_kind(node) == "hidden" else None
        if node.tag == "header" and not _inside(node, self.container, "article"):
            return "navigation"
        kind = _FURNITURE.get(node.tag)
        if kind:
            return kind
        kind = _class_kind(node)
        if kind and kind != "hidden" and node.size >= self.protect:
            return None
        if kind in _LINK_FURNITURE and _article_prose(node):
            return None
        return kind

    def _start(self, node: _Node) -> None:
        tag = node.tag
        if tag == "br":
            self.flush()
        elif tag in _BLOCK or tag == "li":
            self.flush()
            if tag in ("ul", "ol", "dl", "table"):
                self.block += 1
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading = int(tag[1])
            if tag == "li":
                self.item = True
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def _end(self, tag: str) -> None:
        if tag in _BLOCK:
            self.flush()
            if tag in ("ul", "ol", "dl", "table"):
                self.block += 1

    def _text(self, text: str, in_link: bool) -> None:
        self.parts.append(text)
        if in_link:
            self.linked += len(text.strip())

    def flush(self) -> None:
        if not self.parts:
            self.heading = 0
            self.item = False
            return
        text = " ".join("".join(self.parts).split())
        if text:
            visible = len(text.replace(" ", ""))
            self.visible_total += visible
            self.linked_total += self.linked
            link_only = self.linked >= 0.9 * visible
            self.paras.append(Para(text, block=self.block, heading=self.heading, item=self.item, link_only=link_only))
            if not self.item:
                self.block += 1
        self.parts = []
        self.linked = 0
        self.heading = 0
        self.item = False


def _inside(node: _Node, container: _Node, tag: str) -> bool:
    current = node.parent
    while current is not None:
        if current.tag == tag:
            return True
        if current is container.parent:
            break
        current = current.parent
    return container.tag == tag


def _texts(node: _Node) -> list[str]:
    """The visible text of a dropped element, one string per block (one walk: nested furniture is not re-walked)."""
    return [p.text for p in _flat(node).paras]


def _flat(node: _Node) -> _Emitter:
    emitter = _Emitter(node, flat=True)
    emitter.walk(node)
    emitter.flush()
    return emitter


def _article_prose(node: _Node) -> bool:
    """A block classed as furniture whose text is nonetheless the story's: sentences, with no links."""
    if node.size > 5000:
        return False  # a big furniture block is a list of teasers, not one stray paragraph
    emitter = _flat(node)
    if not emitter.paras or emitter.linked_total > 0.1 * max(1, emitter.visible_total):
        return False
    # "In a related development, the board delayed its vote.": a sentence that tells what happened.
    return all(is_prose(p) and narrates(p.text) for p in emitter.paras)


def _outside(root: _Node, container: _Node) -> list[Removed]:
    if container is root or container.tag == "body":
        return []
    body = next((n for n in _iter(root) if n.tag == "body"), root)
    emitter = _Emitter(body)
    emitter.protect = 1 << 62
    # Walk the page with the article cut out: everything else is page furniture.
    saved = container.children
    container.children = []
    try:
        emitter.walk(body)
        emitter.flush()
    finally:
        container.children = saved
    return emitter.removed + [Removed("outside_article", p.text) for p in emitter.paras]


class _Metadata:
    """Title, outlet, dates and address from <meta>, <link>, <title>, <time> and JSON-LD."""

    def __init__(self, found: dict[str, list[_Node]]) -> None:
        self.meta: dict[str, str] = {}
        self.html_title = ""
        self.canonical = ""
        self.first_h1 = ""
        self.ld: list[dict] = []
        self.times = found["time"]
        self.warnings: list[str] = []
        for node in found["meta"]:
            key = (node.get("property") or node.get("name") or node.get("itemprop")).lower()
            content = node.get("content")
            if key and content and key not in self.meta:
                self.meta[key] = content
        if found["title"]:
            self.html_title = clean_line("".join(c for c in found["title"][0].children if isinstance(c, str)))
        for node in found["link"]:
            if "canonical" in node.get("rel").lower().split():
                self.canonical = node.get("href")
                break
        if found["h1"]:
            self.first_h1 = clean_line(" ".join(_texts(found["h1"][0])))
        for node in found["script"]:
            if "ld+json" in node.get("type").lower():
                self._json_ld("".join(c for c in node.children if isinstance(c, str)))

    def _json_ld(self, text: str) -> None:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            self.warnings.append("unreadable JSON-LD metadata ignored")
            return
        stack = [data]
        seen = 0
        while stack and seen < 1000:
            item = stack.pop()
            seen += 1
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                self.ld.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)

    def _ld_articles(self) -> list[dict]:
        def is_article(item: dict) -> bool:
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            return any(
                isinstance(k, str) and (k.endswith("Article") or k in ("BlogPosting", "Report", "LiveBlogPosting"))
                for k in kinds
            )

        return [item for item in self.ld if is_article(item)]

    def title(self, h1: str | None) -> str | None:
        for item in self._ld_articles():
            if isinstance(item.get("headline"), str) and item["headline"].strip():
                return item["headline"]
        for key in _TITLE_META:
            if self.meta.get(key):
                return self.meta[key]
        return self._split_title()[0] or None

    def source(self, h1: str | None) -> str | None:
        for key in _SOURCE_META:
            if self.meta.get(key) and not self.meta[key].startswith("@"):
                return metadata.normalize_source(self.meta[key])
        for item in self._ld_articles():
            publisher = item.get("publisher")
            publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
            name = publisher.get("name") if isinstance(publisher, dict) else publisher
            if isinstance(name, str) and name.strip():
                return metadata.normalize_source(name)
        headline, site = self._split_title()
        # "<Headline> - <Outlet>" only counts when the page's own headline confirms the split.
        if site and h1 and _same_text(headline, h1):
            return metadata.normalize_source(site)
        return None

    def _split_title(self) -> tuple[str, str]:
        parts = _TITLE_SEPARATORS.split(self.html_title)
        if len(parts) < 2:
            return self.html_title, ""
        site = parts[-1]
        words = site.split()
        if 1 <= len(words) <= 5 and all(w[0].isupper() or not w[0].isalpha() for w in words):
            return " - ".join(parts[:-1]) if len(parts) == 2 else parts[0], site
        return self.html_title, ""

    def published(self, container: _Node) -> object:
        for key in _DATE_META:
            if self.meta.get(key):
                value = metadata.parse_date_value(self.meta[key])
                if value:
                    return value
        for item in self._ld_articles():
            for key in ("datePublished", "dateCreated"):
                if isinstance(item.get(key), str):
                    value = metadata.parse_date_value(item[key])
                    if value:
                        return value
        marked = [
            t for t in self.times if "pubdate" in t.attrs or "publish" in (t.get("itemprop") + t.get("class")).lower()
        ]
        in_article = [t for t in self.times if _within(t, container)]
        for node in marked + in_article:
            value = metadata.parse_date_value(node.get("datetime") or " ".join(_texts(node)))
            if value:
                return value
        return None

    def url(self) -> str | None:
        for value in (self.canonical, self.meta.get("og:url", "")):
            if value.startswith(("http://", "https://")):
                return value
        for item in self._ld_articles():
            value = item.get("url") or item.get("mainEntityOfPage")
            value = value.get("@id") if isinstance(value, dict) else value
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                return value
        return None


def _within(node: _Node, container: _Node) -> bool:
    current: _Node | None = node
    while current is not None:
        if current is container:
            return True
        current = current.parent
    return False


def _same_text(a: str, b: str) -> bool:
    return normalized(a) == normalized(b)
