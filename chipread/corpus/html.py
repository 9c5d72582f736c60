"""HTML to paragraphs with the stdlib parser: the article's blocks, its metadata, and the page furniture dropped."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html.parser import HTMLParser

from chipread.corpus import metadata
from chipread.corpus.paras import Hints, Para
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
    ("hidden", {"sr-only", "visually-hidden", "screen-reader-text", "hidden", "visuallyhidden"}),
)
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
    """The element holding the article: the <article> with most paragraph text, else main, else body."""
    # Document order breaks ties, so an <article> wins over the body wrapper inside it.
    best = max(found["article"], key=lambda node: node.ptext, default=None)
    if best is not None and best.ptext >= 200:
        return best
    if found["main"]:
        return found["main"][0]
    return found["body"][0] if found["body"] else root


@lru_cache(maxsize=4096)
def _class_kind_of(value: str) -> str | None:
    words = set()
    for token in value.lower().split():
        words.add(token)
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

    def __init__(self, container: _Node) -> None:
        self.container = container
        self.paras: list[Para] = []
        self.removed: list[Removed] = []
        self.parts: list[str] = []
        self.linked = 0  # characters of the current paragraph inside <a>
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
                if kind != "hidden":
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
        if node.tag == "header" and not _inside(node, self.container, "article"):
            return "navigation"
        kind = _FURNITURE.get(node.tag) or _class_kind(node)
        if kind and node.size >= self.protect and node.tag not in _FURNITURE:
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
    """The visible text of a dropped element, one string per block."""
    emitter = _Emitter(node)
    emitter.protect = 1 << 62
    emitter.walk(node)
    emitter.flush()
    return [p.text for p in emitter.paras] + [r.text for r in emitter.removed]


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
    def norm(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())

    return norm(a) == norm(b)
