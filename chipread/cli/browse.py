"""Read-only commands: `list`, `show` and `stats`."""

from __future__ import annotations

from collections import Counter

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from chipread.cli import Options, given, pass_options
from chipread.export.report import plural
from chipread.model import STATUSES
from chipread.palette import entity_color
from chipread.printable import json_line, printable


def _console() -> Console:
    # highlight=False: Rich must not restyle numbers or URLs found in untrusted article text.
    return Console(highlight=False, soft_wrap=False)


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--status", type=click.Choice(STATUSES), help="Only articles with this status.")
@pass_options
def list_cmd(opts: Options, as_json: bool, status: str | None) -> None:
    """Every article: id, handle, title, source, date, status and span counts."""
    ws = opts.workspace()
    rows = [r for r in ws.library() if status is None or r.status == status]
    if as_json:
        for r in rows:
            record = {
                "id": r.info.id,
                "handle": r.info.handle,
                "title": r.info.title,
                "source": r.info.source,
                "published": r.info.published.isoformat() if r.info.published else None,
                "status": r.status,
                "spans": r.counts,
                "relations": r.relations,
                "flagged": r.flagged,
                "imported": r.imported,
            }
            click.echo(json_line(record))
        return
    console = _console()
    # The title gets what the short columns leave; on a narrow terminal the id and source give way
    # (they are in --json) and label counts are headed by their keys, so the title is never dropped.
    narrow = console.width < 110
    table = Table(box=None, pad_edge=False, header_style="bold", expand=True)
    if not narrow:
        table.add_column("id", no_wrap=True, max_width=8)
    table.add_column("handle", no_wrap=True, max_width=12 if narrow else 20, overflow="ellipsis")
    table.add_column("title", ratio=1, min_width=20, overflow="fold")
    if not narrow:
        table.add_column("source", no_wrap=True, max_width=16, overflow="ellipsis")
    table.add_column("date", no_wrap=True, width=10)
    table.add_column("status", no_wrap=True)
    for label in ws.labels.labels:
        table.add_column(label.key if narrow else label.name, justify="right", no_wrap=True)
    for r in rows:
        cells = [
            Text(printable(r.info.handle)),
            Text(printable(r.info.title)),
            Text(r.info.published.isoformat() if r.info.published else "-"),
            Text(r.status + (f" ({r.flagged} flagged)" if r.flagged else "")),
            *(Text(str(r.counts.get(name, 0))) for name in ws.labels.names),
        ]
        if not narrow:
            cells.insert(0, Text(printable(r.info.id[:8])))
            cells.insert(3, Text(printable(r.info.source or "-")))
        table.add_row(*cells)
    console.print(table)
    done = sum(1 for r in rows if r.status == "done")
    console.print(Text(f"{done} of {len(rows)} done ({printable(ws.annotator)})", style="dim"))


@click.command("show")
@click.argument("article", callback=given)
@click.option("--entities/--no-entities", default=True, help="Colour the machine-found entities (default on).")
@click.option("--of", "annotator", callback=given, help="Whose spans to show (default: the current annotator).")
@pass_options
def show_cmd(opts: Options, article: str, entities: bool, annotator: str | None) -> None:
    """One cleaned article with its entities and spans coloured."""
    ws = opts.workspace()
    info = ws.resolve(article)
    art = ws.get(info.id)
    ann = ws.annotations(art, annotator or ws.annotator)
    # Analyse before printing anything: a recognizer that fails to load is then the only line shown.
    found = ws.analyse(art).entities if entities else ()
    console = _console()

    header = Text(printable(art.title), style="bold")
    meta = " · ".join(
        printable(x)
        for x in (art.source, art.published.isoformat() if art.published else None, art.handle, art.id)
        if x
    )
    console.print(header)
    console.print(Text(meta, style="dim"))
    console.print()

    body = Text(printable(art.text, same_length=True))
    legend = Text()
    if entities:
        seen: list[str] = []
        for ent in found:
            body.stylize(entity_color(ent.label), ent.start, ent.end)
            if ent.label not in seen:
                seen.append(ent.label)
        for label in seen:
            legend.append(f" {label} ", style=entity_color(label))
    live = [s for s in ann.spans if not s.flag]
    for span in live:
        label = ws.labels.get(span.label)
        colour = label.color if label else "magenta"
        body.stylize(f"bold black on {colour}", span.start, span.end)
    for label in ws.labels.labels:
        legend.append(f" {label.name} ", style=f"bold black on {label.color}")
    console.print(Text("legend:", style="dim"), legend)
    console.print()
    console.print(body)

    if ann.spans:
        console.print()
        console.print(Text(f"{plural(len(live), 'span')} ({printable(ann.annotator)}, {ann.status}):", style="bold"))
        by_id = {s.id: s for s in ann.spans}
        for span in ann.spans:
            line = Text(f"  {printable(span.label):<8} {span.start:>6}-{span.end:<6} ")
            line.append(_short(span.text))
            if span.flag:
                line.append(f"  [{printable(span.flag)}]", style="red")
            console.print(line)
        for rel in ann.relations:
            head, child = by_id.get(rel.head), by_id.get(rel.child)
            if head and child:
                console.print(
                    Text(
                        printable(
                            f"  {head.label} {_short(head.text, 30)} {rel.label} {child.label} {_short(child.text, 30)}"
                        )
                    )
                )


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per annotator.")
@pass_options
def stats_cmd(opts: Options, as_json: bool) -> None:
    """Progress and span counts per annotator and label."""
    ws = opts.workspace()
    columns = ("annotator", *STATUSES, "spans", *ws.labels.names, "relations", "flagged")
    rows = []
    for who in ws.store.annotators() or [ws.annotator]:
        library = ws.library(who)
        statuses = Counter(r.status for r in library)
        labels: Counter[str] = Counter()
        for r in library:
            labels.update(r.counts)
        values = [
            who,
            *(statuses[s] for s in STATUSES),
            sum(labels.values()),
            *(labels[name] for name in ws.labels.names),
            sum(r.relations for r in library),
            sum(r.flagged for r in library),
        ]
        rows.append(dict(zip(columns, values)))
    if as_json:
        for row in rows:
            click.echo(json_line(row))
        return
    console = _console()
    if not console.is_terminal:
        # Piped: no terminal width to fit, so every header is written in full.
        console = Console(highlight=False, soft_wrap=False, width=max(120, sum(len(c) + 2 for c in columns) + 40))
    table = Table(box=None, header_style="bold")
    for column in columns:
        table.add_column(column, justify="left" if column == "annotator" else "right", min_width=len(column))
    for row in rows:
        table.add_row(Text(printable(row["annotator"])), *(str(row[c]) for c in columns[1:]))
    console.print(
        Text(printable(f"{len(ws.infos())} articles in {ws.corpus.root}; store {ws.store.root}"), style="dim")
    )
    console.print(table)


def _short(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


COMMANDS = [list_cmd, show_cmd, stats_cmd]
