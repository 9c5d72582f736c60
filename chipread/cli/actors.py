"""`chipread actors`: every actor with their statements counted; `chipread actors NAME`: what they said, in date order."""

from __future__ import annotations

import json

import click
from rich.table import Table
from rich.text import Text

from chipread.cli import Options, echo_err, pass_options
from chipread.cli.browse import _console


def _date(d) -> str | None:
    return d.value.isoformat() if d is not None and d.value is not None else None


@click.command("actors")
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_options
def actors_cmd(opts: Options, name: str | None, as_json: bool) -> None:
    """Who said what: every actor (quotes, claims, articles, outlets, first and last date), or NAME's statements.

    Dates with ~ are estimated (the article states none). Names group as chipread proposes until you
    confirm, merge or split them in the annotator (W).
    """
    from chipread.actors import ActorBook

    ws = opts.workspace()
    book = ActorBook(ws)
    view = book.view()
    for line in view.index.unreadable:
        echo_err(line)
    if name is not None:
        _statements(book, name, as_json)
        return
    heads = [label for label in ws.labels.heads]
    if as_json:
        for row in view.rows:
            a = row.actor
            record = {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "status": a.status,
                "names": list(a.keys),
                "mentions": len(a.mentions),
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
    console = _console()
    # On a narrow terminal the id, kind and outlets give way (they are in --json); the name never does.
    narrow = console.width < 110
    table = Table(box=None, pad_edge=False, header_style="bold", expand=True)
    if not narrow:
        table.add_column("id", no_wrap=True)
    table.add_column("actor", overflow="fold", ratio=1, min_width=14)
    if not narrow:
        table.add_column("kind", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for label in heads:
        table.add_column(label + "s", justify="right", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    if not narrow:
        table.add_column("outlets", justify="right", no_wrap=True)
    table.add_column("first", no_wrap=True)
    table.add_column("last", no_wrap=True)
    for row in view.rows:
        a = row.actor
        cells = [Text(a.name), Text(a.status)]
        cells += [Text(str(row.counts.get(label, 0))) for label in heads]
        cells.append(Text(str(row.articles)))
        if not narrow:
            cells = [Text(a.id), cells[0], Text(a.kind or "-"), *cells[1:], Text(str(row.outlets))]
        cells += [Text(row.first.shown() if row.first else "-"), Text(row.last.shown() if row.last else "-")]
        table.add_row(*cells)
    console.print(table)
    for row in view.rows:
        for reason in row.suggestions:
            console.print(Text(f"suggested: {reason}", style="dim"))
    statements = sum(row.statements for row in view.rows)
    console.print(
        Text(
            f"{len(view.rows)} actors, {statements} attributed statements ({view.annotator}); ~ marks an estimated date",
            style="dim",
        )
    )


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
    console.print(
        Text(f"{actor.name}", style="bold").append(
            f"  {actor.kind or 'actor'} · {actor.status} · {actor.id} · names: {names}", style="dim"
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
            Text(e.info.handle),
            Text(e.info.source or "-"),
            Text(e.statement.label),
            Text(" ".join(e.statement.text.split())),
        )
    console.print(table)
    console.print(Text(f"{len(entries)} statements; ~ marks an estimated date", style="dim"))


COMMANDS = [actors_cmd]
