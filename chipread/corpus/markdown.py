"""Markdown to paragraphs: front matter, headings, lists and links read as a reader would see them."""

from __future__ import annotations

import re

from chipread.corpus import metadata
from chipread.corpus.paras import Hints, Para
from chipread.model import Removed

# YAML between "---" lines (Jekyll, Hugo, Astro ...), or TOML between "+++" lines (Hugo).
_FRONT_MATTER = re.compile(
    r"\A\s*(?:---[ ]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)|\+\+\+[ ]*\n(?P<toml>.*?)\n\+\+\+)[ ]*(?:\n|\Z)", re.DOTALL
)
_FM_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s+(?P<value>.*?))?\s*$")
_BLOCK_SCALAR = re.compile(r"^(?P<style>[|>])[+-]?\d?[+-]?(?:\s+#.*)?$")
_FM_TITLE = ("title", "headline")
_FM_DATE = ("date", "published", "pubdate", "date_published", "published_at", "publishdate", "created")
_FM_SOURCE = ("source", "publisher", "site", "site_name", "outlet", "publication")
_FM_URL = ("url", "link", "canonical", "canonical_url", "source_url", "permalink")
_FM_KNOWN = frozenset(_FM_TITLE + _FM_DATE + _FM_SOURCE + _FM_URL)

_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_LIST = re.compile(r"^\s{0,8}([-*+]|\d{1,3}[.)])\s+(?=\S)")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`+([^`]+)`+")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_LINK_SEPARATORS = re.compile(r"[\s·|•,/:-]+")


def extract(text: str) -> tuple[list[Para], Hints]:
    hints = Hints()
    text = front_matter(text, hints)
    text = _COMMENT.sub("", text)
    refs = {m.group(1).lower() for m in re.finditer(r"^\s{0,3}\[([^\]]+)\]:\s*\S+", text, re.MULTILINE)}
    paras: list[Para] = []
    block = 0
    lines: list[str] = []  # the paragraph being gathered
    in_fence = False

    def flush() -> None:
        nonlocal lines
        if lines:
            _add(paras, " ".join(lines), block, hints, refs)
            lines = []

    for raw in text.split("\n"):
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            block += 1
            continue
        if in_fence:
            if raw.strip():
                paras.append(Para(raw.strip(), block=block))
            continue
        line = _QUOTE.sub("", raw)
        if not line.strip():
            flush()
            block += 1
            continue
        if lines and _SETEXT.match(line):
            heading = " ".join(lines)
            lines = []
            _add(paras, heading, block, hints, refs, heading=1 if line.strip()[0] == "=" else 2)
            continue
        if _RULE.match(line) or _TABLE_RULE.match(line):
            flush()
            continue
        if _REF_DEF.match(line):
            flush()
            hints.removed.append(Removed("link", line.strip()))
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            _add(paras, atx.group(2), block, hints, refs, heading=len(atx.group(1)))
            continue
        item = _LIST.match(line)
        if item:
            flush()
            _add(paras, line[item.end() :], block, hints, refs, bullet=item.group(1))
            continue
        if line.endswith("  ") or line.endswith("\\"):
            lines.append(line.rstrip(" \\"))
            flush()
            continue
        lines.append(line.strip())
    flush()
    if hints.headline is None:
        first = next((p for p in paras if p.heading == 1), None)
        hints.headline = first.text if first else None
    return paras, hints


def _add(
    paras: list[Para], text: str, block: int, hints: Hints, refs: set[str], *, heading: int = 0, bullet: str = ""
) -> None:
    # Each substitution only runs when its marker character is present: most lines are plain prose.
    links: list[str] = []
    if "![" in text:
        for alt in _IMAGE.findall(text):
            if alt.strip():
                hints.removed.append(Removed("caption", alt.strip()))
        text = _IMAGE.sub(" ", text)
    if "](" in text:
        links = _LINK.findall(text)
        text = _LINK.sub(lambda m: m.group("text"), text)
    if refs and "][" in text:
        text = re.sub(
            r"\[([^\]]+)\]\[([^\]]*)\]",
            lambda m: m.group(1) if (m.group(2) or m.group(1)).lower() in refs else m.group(),
            text,
        )
    if "<" in text:
        text = _TAG.sub("", _AUTOLINK.sub(r"\1", text))
    text = _inline(text)
    text = " ".join(text.split())
    if not text:
        return
    link_only = bool(links) and not _LINK_SEPARATORS.sub("", _strip_all(text, links))
    paras.append(
        Para(text, block=block, heading=heading, bullet="-" if bullet else "", item=bool(bullet), link_only=link_only)
    )


def _inline(text: str) -> str:
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _STRONG.sub(lambda m: m.group(2), text)
    if "~~" in text:
        text = _STRIKE.sub(r"\1", text)
    if "*" in text:
        text = _EM_STAR.sub(r"\1", text)
    if "_" in text:
        text = _EM_UNDER.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPED.sub(r"\1", text)
    return text


def _strip_all(text: str, links: list[str]) -> str:
    for link in links:
        text = text.replace(" ".join(_inline(link).split()), "", 1)
    return text


def front_matter(text: str, hints: Hints, *, strict: bool = False) -> str:
    """The text without its YAML or TOML front matter, whose title, date, source and url go into hints.

    strict (for .txt, where "---" is as likely a divider): only a block of nothing but fields, one of them known.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    if match.group("toml") is not None:
        body = match.group("toml")
        fields = _toml_fields(body, hints)
    else:
        body = match.group("yaml")
        fields = _yaml_fields(body)
        if strict and not _all_fields(body):
            return text
    if strict and not set(fields) & _FM_KNOWN:
        return text
    for key in _FM_TITLE:
        if fields.get(key):
            hints.headline = fields[key]
            break
    for key in _FM_DATE:
        if fields.get(key):
            hints.published = metadata.parse_date_value(fields[key])
            if hints.published:
                break
    for key in _FM_SOURCE:
        if fields.get(key):
            hints.source = metadata.normalize_source(fields[key])
            break
    for key in _FM_URL:
        if fields.get(key, "").startswith(("http://", "https://")):
            hints.url = fields[key]
            break
    hints.removed.append(Removed("front_matter", body.strip()))
    return text[match.end() :]


def _all_fields(body: str) -> bool:
    """Whether every top-level line of a YAML block is a 'key: value' (indented and list lines belong to one)."""
    lines = [line for line in body.split("\n") if line.strip() and line[:1] not in (" ", "\t", "#", "-")]
    return bool(lines) and all(_FM_LINE.match(line) for line in lines)


def _yaml_fields(body: str) -> dict[str, str]:
    """The top-level scalar fields of a YAML block: plain, quoted, folded over lines, or block scalars.

    Not a YAML parser (lists and nested maps are skipped): enough for the keys a page's metadata uses.
    """
    fields: dict[str, str] = {}
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        item = _FM_LINE.match(lines[i])
        i += 1
        if not item:
            continue
        value = (item.group("value") or "").strip()
        more = []  # the indented lines that belong to this key
        while i < len(lines) and (not lines[i].strip() or lines[i][:1] in (" ", "\t")):
            more.append(lines[i].strip())
            i += 1
        block = _BLOCK_SCALAR.match(value)
        if block:
            # "title: >-" then indented lines: folded (">") or literal ("|"); a title is one line either way.
            value = " ".join(line for line in more if line)
        elif not value:
            continue  # a nested map or a list
        elif value[0] in "\"'":
            value = _quoted(" ".join([value, *[line for line in more if line]]))
        else:
            value = " ".join([value, *[line for line in more if line]])
            value = re.sub(r"\s+#.*$", "", value)  # a comment after a plain value
        if value and value[0] not in "[{":
            fields[item.group("key").lower()] = value.strip()
    return fields


def _quoted(value: str) -> str:
    quote = value[0]
    end = value.rfind(quote)
    inner = value[1:end] if end > 0 else value[1:]
    if quote == "'":
        return inner.replace("''", "'")
    return re.sub(r'\\(["\\/])', r"\1", inner).replace("\\n", " ").replace("\\t", " ")


def _toml_fields(body: str, hints: Hints) -> dict[str, str]:
    import tomllib

    try:
        data = tomllib.loads(body)
    except tomllib.TOMLDecodeError:
        # A broken line (an unclosed quote) should not cost the title: read the plain top-level keys.
        hints.warnings.append("TOML front matter does not parse; its simple fields were read")
        return _toml_salvage(body)
    fields = {}
    for key, value in data.items():
        if isinstance(value, str):
            fields[key.lower()] = value.strip()
        elif hasattr(value, "isoformat"):  # TOML dates and date-times
            fields[key.lower()] = value.isoformat()
    return fields


_TOML_LINE = re.compile(r"""^(?P<key>[A-Za-z_][\w-]*)\s*=\s*["']?(?P<value>[^"'\n]*?)["']?\s*$""")


def _toml_salvage(body: str) -> dict[str, str]:
    fields = {}
    for line in body.split("\n"):
        if line.lstrip().startswith("["):
            break  # a table: its keys are not the page's
        item = _TOML_LINE.match(line.strip())
        if item and item.group("value"):
            fields[item.group("key").lower()] = item.group("value").strip()
    return fields
