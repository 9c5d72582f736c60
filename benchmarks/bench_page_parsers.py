"""Page parsers: our HTML tree builder against lxml and selectolax, our Markdown reader against markdown-it-py.

Run: python benchmarks/bench_page_parsers.py [--repeat 15]
Prints figures; it is not a test. On the page fixtures in tests/corpus/data, each library feeds the
same extraction as ours (its tree is replayed into our builder, so only the parsing differs) and is
compared on what matters: the same cleaned page (title, text, source, date, url) on every fixture,
the same safety on hostile pages (no crash, no control character in the text), and CPU time
(medians of --repeat runs: CPU time moves less than wall time on a shared machine). lxml and
selectolax are not chipread dependencies: a library that is not installed is reported as such.
markdown-it-py (installed with Rich) only tokenizes: its time alone is set against our whole reader.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from chipread.corpus import html as ours  # noqa: E402
from chipread.corpus import markdown  # noqa: E402
from chipread.corpus.clean import clean_page  # noqa: E402
from chipread.corpus.sanitize import sanitize  # noqa: E402

FIXTURES = REPO / "tests" / "corpus" / "data"
HOSTILE = (
    "<p>unclosed <b>bold <i>italic",
    "<" * 1000,
    "<div>" * 5000 + "deep text" + "</div>" * 10,
    "<script>never closed",
    "<p>&#27;[31mred&#x1b;]8;;http://x&#7;link</p>",
    '<script type="application/ld+json">{"a": ' + "[" * 5000 + "</script><p>Body text here.</p>",
)


def replay(walk) -> ours._TreeBuilder:
    """Our builder, fed a library's tree as start tags, text and end tags (iteratively: pages nest deep)."""
    builder = ours._TreeBuilder()
    for kind, tag, value in walk:
        if kind == "start":
            builder.handle_starttag(tag, value)
        elif kind == "text":
            builder.handle_data(value)
        elif tag not in ours._VOID:
            builder.handle_endtag(tag)
    builder._pop(1)
    return builder


def lxml_parse(text: str) -> ours._TreeBuilder:
    import lxml.html
    from lxml import etree

    def walk(root):
        stack = [(root, False)]
        while stack:
            el, done = stack.pop()
            if not isinstance(el.tag, str):  # a comment or a processing instruction: only its tail shows
                if el.tail:
                    yield "text", "", el.tail
                continue
            tag = el.tag.lower()
            if done:
                yield "end", tag, None
                if el.tail:
                    yield "text", "", el.tail
                continue
            yield "start", tag, list(el.attrib.items())
            if el.text:
                yield "text", "", el.text
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))

    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return replay(())
    return replay(walk(root))


def lexbor_parse(text: str) -> ours._TreeBuilder:
    from selectolax.lexbor import LexborHTMLParser

    def walk(root):
        stack = [(root, False)]
        while stack:
            node, done = stack.pop()
            tag = node.tag
            if done:
                yield "end", tag, None
                continue
            if tag == "-text":
                yield "text", "", node.text_content or ""
                continue
            if tag.startswith(("-", "_", "!")):
                continue
            yield "start", tag, list(node.attributes.items())
            stack.append((node, True))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((c, False) for c in reversed(children))

    return replay(walk(LexborHTMLParser(text).root))


def cpu_ms(fn: Callable[[str], object], arg: str, repeat: int, inner: int = 10) -> float:
    runs = []
    for _ in range(repeat):
        t = time.process_time()
        for _ in range(inner):
            fn(arg)
        runs.append((time.process_time() - t) / inner)
    return sorted(runs)[len(runs) // 2] * 1000


def cleaned(raw: str, name: str):
    page = clean_page(raw, name=name, fmt="html")
    return page.title, page.text, page.source, page.published, page.url


def safe(raw: str) -> bool:
    try:
        text = clean_page(raw, fmt="html").text
    except Exception:  # noqa: BLE001 - a crash is what is being counted
        return False
    return "\x1b" not in text and "\x07" not in text


def html_figures(repeat: int) -> None:
    pages = sorted(FIXTURES.rglob("*.html"))
    original = ours.parse
    reference = {p.name: cleaned(p.read_text(encoding="utf-8"), p.name) for p in pages}
    print(f"HTML: {len(pages)} fixture pages, {len(HOSTILE)} hostile pages; CPU ms, sums of medians")
    print(f"{'parser':22s} {'same page':>9s} {'hostile ok':>10s} {'tree ms':>8s} {'clean ms':>9s}")
    for name, parse, module in (
        ("ours (html.parser)", original, None),
        ("lxml", lxml_parse, "lxml"),
        ("selectolax (lexbor)", lexbor_parse, "selectolax"),
    ):
        if module is not None:
            try:
                __import__(module)
            except ImportError:
                print(f"{name:22s} not installed")
                continue
        ours.parse = parse
        try:
            same = sum(cleaned(p.read_text(encoding="utf-8"), p.name) == reference[p.name] for p in pages)
            hostile = sum(safe(page) for page in HOSTILE)
            tree = sum(cpu_ms(parse, p.read_text(encoding="utf-8"), repeat) for p in pages)
            whole = sum(
                cpu_ms(lambda raw, n=p.name: clean_page(raw, name=n, fmt="html"), p.read_text(encoding="utf-8"), repeat)
                for p in pages
            )
        finally:
            ours.parse = original
        print(f"{name:22s} {same:>4d} of {len(pages):<2d} {hostile:>4d} of {len(HOSTILE):<3d} {tree:8.2f} {whole:9.2f}")


def markdown_figures(repeat: int) -> None:
    from markdown_it import MarkdownIt

    pages = [sanitize(p.read_text(encoding="utf-8"))[0] for p in sorted(FIXTURES.rglob("*.md"))]
    commonmark, gfm = MarkdownIt("commonmark"), MarkdownIt("gfm-like")
    print(f"\nMarkdown: {len(pages)} fixture pages; CPU ms, sums of medians")
    print(
        f"  ours, extract() (paragraphs, headings, links, front matter)  {sum(cpu_ms(markdown.extract, p, repeat) for p in pages):6.3f}"
    )
    print(
        f"  markdown-it-py, tokens only (commonmark)                     {sum(cpu_ms(commonmark.parse, p, repeat) for p in pages):6.3f}"
    )
    print(
        f"  markdown-it-py, tokens only (gfm-like)                       {sum(cpu_ms(gfm.parse, p, repeat) for p in pages):6.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    html_figures(args.repeat)
    markdown_figures(args.repeat)
    print(f"\npython {sys.version.split()[0]}; CPU time of this process (the machine may be shared).")


if __name__ == "__main__":
    main()
