"""`chipread actors`: every actor with their statements counted; `chipread actors NAME`: what they said, in date order."""

from __future__ import annotations

import json
import shutil

import click
from rich.table import Table
from rich.text import Text

from chipread.cli import Options, echo_err, given, pass_options
from chipread.cli.browse import _console
from chipread.printable import printable


def _date(d) -> str | None:
    return d.value.isoformat() if d is not None and d.value is not None else None


@click.command("actors")
@click.argument("name", required=False, callback=given)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_options
def actors_cmd(opts: Options, name: str | None, as_json: bool) -> None:
    """Who said what: every actor (quotes, claims, articles, outlets, first and last date), or NAME's statements.

    Dates with ~ are estimated (the article states none). Names group as chipread proposes until you
    confirm, merge or split them in the annotator (@, the actors screen).
    """
    from chipread.actors import ActorBook

    ws = opts.workspace()
    book = ActorBook(ws)
    summary = book.summary()
    for line in summary.unreadable:
        echo_err(line)
    if name is not None:
        _statements(book, name, as_json)
        return
    heads = [label for label in ws.labels.heads]
    if as_json:
        for row in summary.rows:
            a = row.actor
            record = {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "status": a.status,
                "names": list(a.keys),
                "mentions": row.mentions,
                "statements": {label: row.counts.get(label, 0) for label in heads},
                "articles": row.articles,
                "outlets": row.outlets,
                "first": _date(row.first),
                "first_estimated": bool(row.first and row.first.estimated),
                "last": _date(row.last),
                "last_estimated": bool(row.last and row.last.estimated),
                "suggestions": list(row.suggestions),
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    _table(summary.rows, heads, ws.annotator)


def _table(rows, heads: list[str], annotator: str) -> None:
    """A plain fixed-width table, written line by line: thousands of actors print at once (no layout pass).

    On a narrow terminal the id, kind and outlets give way (they are in --json); the name never does."""
    width = shutil.get_terminal_size((100, 24)).columns
    narrow = width < 110
    columns: list[tuple[str, int, str]] = []  # (header, width, align)
    if not narrow:
        columns.append(("id", 12, "<"))
    columns.append(("actor", 0, "<"))
    if not narrow:
        columns.append(("kind", 6, "<"))
    columns.append(("status", 10, "<"))
    columns += [(label + "s", max(6, len(label) + 1), ">") for label in heads]
    columns.append(("articles", 8, ">"))
    if not narrow:
        columns.append(("outlets", 7, ">"))
    columns += [("first", 11, "<"), ("last", 11, "<")]
    fixed = sum(w for _, w, _ in columns) + 2 * (len(columns) - 1)
    name_width = max(14, min(48, width - fixed))
    columns = [(h, w or name_width, a) for h, w, a in columns]

    def line(cells: list[str]) -> str:
        out = []
        for (_, w, align), cell in zip(columns, cells):
            cell = printable(cell)
            cell = cell if len(cell) <= w else cell[: w - 1] + "…"
            out.append(cell.rjust(w) if align == ">" else cell.ljust(w))
        return "  ".join(out).rstrip()

    lines = [line([h for h, _, _ in columns])]
    for row in rows:
        a = row.actor
        cells = [a.name, a.status]
        cells += [str(row.counts.get(label, 0)) for label in heads]
        cells.append(str(row.articles))
        if not narrow:
            cells = [a.id, cells[0], a.kind or "-", *cells[1:], str(row.outlets)]
        cells += [row.first.shown() if row.first else "-", row.last.shown() if row.last else "-"]
        lines.append(line(cells))
    for row in rows:
        lines += [f"suggested: {printable(reason)}" for reason in row.suggestions]
    statements = sum(row.statements for row in rows)
    lines.append(
        printable(f"{len(rows)} actors, {statements} attributed statements ({annotator}); ~ marks an estimated date")
    )
    click.echo("\n".join(lines))


def _statements(book, name: str, as_json: bool) -> None:
    actor = book.find(name)
    entries = book.timeline(actor.id)
    if as_json:
        for e in entries:
            s = e.statement
            record = {
                "actor_id": actor.id,
                "actor": actor.name,
                "date": _date(e.date),
                "date_estimated": e.date.estimated,
                "article_id": s.article_id,
                "handle": e.info.handle,
                "source": e.info.source,
                "label": s.label,
                "text": s.text,
                "start": s.start,
                "end": s.end,
                "span_id": s.span_id,
                "speaker": e.speaker,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    console = _console()
    names = ", ".join(actor.keys)
    # Names and statements are article text (and names typed in the annotator): escaped, never run.
    console.print(
        Text(printable(actor.name), style="bold").append(
            printable(f"  {actor.kind or 'actor'} · {actor.status} · {actor.id} · names: {names}"), style="dim"
        )
    )
    table = Table(box=None, pad_edge=False, header_style="bold", expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("article", no_wrap=True, max_width=14, overflow="ellipsis")
    table.add_column("outlet", no_wrap=True, max_width=16, overflow="ellipsis")
    table.add_column("label", no_wrap=True)
    table.add_column("text", ratio=1, overflow="fold")
    for e in entries:
        table.add_row(
            Text(e.date.shown()),
            Text(printable(e.info.handle)),
            Text(printable(e.info.source or "-")),
            Text(printable(e.statement.label)),
            Text(printable(" ".join(e.statement.text.split()))),
        )
    console.print(table)
    console.print(Text(f"{len(entries)} statements; ~ marks an estimated date", style="dim"))


COMMANDS = [actors_cmd]
