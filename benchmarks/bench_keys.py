"""Keys per span: a reference annotation replayed through the reader (Pilot) the way a skilled annotator would.

Run: python benchmarks/bench_keys.py GOLD [--format jsonl|brat] [--guidelines default|polnear|CONFIG] [--limit N]

GOLD is a chipread jsonl export (or any file `chipread import` reads), or a brat folder such as PolNeAR's
(read by chipread's brat importer with the attribution preset unless --map says otherwise). For every gold span and link the planner (benchmarks/keyplan.py) picks the cheapest key sequence the
app really offers: tab, the jump keys, the search, cursor moves, e/s/", the resize keys, the label keys, enter on
a suggestion tab jumped to, as suggested or trimmed or grown by the resize keys (it takes the speaker the status line
names too), enter on the speaker offered after
tagging a quote or claim, r with tab or a cursor move. The keys are pressed through
Pilot and the store is then compared with the reference: exact, or every difference listed. Prints keys per span
by label, keys per link and where the keys went; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))
from attribution_data import POLNEAR_TABLE
from keyplan import Keys, Plan, Planner, State

from chipread.config import load_config
from chipread.errors import ChipreadError
from chipread.export import IMPORTERS
from chipread.export.incoming import Incoming, check
from chipread.export.options import ImportOptions
from chipread.export.registry import ImportContext
from chipread.model import Article, Span, text_hash
from chipread.nlp.coref import mention_kind
from chipread.tui import make_app
from chipread.tui.keys import GROUPS, effective_keys, label_keys
from chipread.workspace import Workspace

SIZE = (120, 40)
GUIDELINES = {
    "default": "",
    # PolNeAR's conventions, as eval_attribution scores PolNeAR with them.
    "polnear": "[guidelines]\n" + "".join(f'{key} = "{value}"\n' for key, value in POLNEAR_TABLE.items()),
}

Range = tuple[int, int]


@dataclass
class Gold:
    """One reference article: its text, spans (start, end, label) and links (head index, child index)."""

    name: str
    text: str
    spans: list[tuple[int, int, str]]
    links: list[tuple[int, int]]


@dataclass
class Tally:
    span_keys: Counter = field(default_factory=Counter)  # label -> keys
    span_count: Counter = field(default_factory=Counter)  # label -> gold spans reproduced
    link_keys: int = 0
    links: int = 0
    where: Counter = field(default_factory=Counter)  # kind of key -> keys
    how: Counter = field(default_factory=Counter)  # the plans used
    missed: list[str] = field(default_factory=list)  # what the app could not reproduce, and why
    differences: list[str] = field(default_factory=list)  # store vs reference after the replay
    gold_spans: int = 0
    gold_links: int = 0


def load_gold(
    ws: Workspace, path: Path, fmt: str, limit: int | None, maps: tuple[str, ...]
) -> tuple[list[Gold], list[str]]:
    """The reference, read by chipread's own importer for the format (no second parser here)."""
    importer = IMPORTERS.get(fmt)
    if importer is None:
        raise SystemExit(f"bench_keys: no {fmt} importer in this build (known: {', '.join(sorted(IMPORTERS))})")
    golds: list[Gold] = []
    problems: list[str] = []
    texts: set[str] = set()
    for item in importer.read(path, ImportContext(ws, ImportOptions(maps=maps))):
        if not isinstance(item, Incoming):
            problems.append(str(item))
            continue
        if item.skip or check(item):
            problems.append(f"{item.where}: left out ({item.skip or '; '.join(check(item))})")
            continue
        if item.text in texts:
            continue  # the same text by another annotator: the first annotation is the reference
        texts.add(item.text)
        spans = [(int(s.start), int(s.end), str(s.label)) for s in item.spans]
        golds.append(Gold(item.where, item.text, spans, [(r.head, r.child) for r in item.relations]))
        if limit and len(golds) >= limit:
            break
    return golds, problems


def key_names(ws: Workspace) -> Keys:
    keymap = dict(ws.config.keys)
    specs = [spec for group in GROUPS for spec in group] + list(label_keys(ws.labels, keymap))
    names = {}
    for spec in specs:
        keys = effective_keys(spec, keymap)
        if keys:
            names[spec.id] = keys[0]
    return Keys(names)


class Replay:
    """Presses the planned keys through Pilot, counts them, and checks each step in the session."""

    def __init__(self, pilot, app, tally: Tally, keys: Keys, verbose: bool = False) -> None:
        self.verbose = verbose
        self.pilot = pilot
        self.app = app
        self.tally = tally
        self.keys = keys

    @property
    def reader(self):
        return self.app.reader

    def state(self, planner: Planner) -> State:
        index, used = self.reader.jumped
        return State(self.reader.view.cursor, -1 if index is None else index, used)

    async def press(self, plan: Plan, what: str = "") -> None:
        if self.verbose:
            print(f"  {len(plan.keys):>2} keys  {' '.join(plan.keys):40}  {plan.how:26} {what}")
        for key, kind in zip(plan.keys, plan.kinds):
            self.tally.where[kind] += 1
            await self.pilot.press(key)
            if self.verbose:
                view = self.reader.view
                text = self.reader.article.text
                sel = view.selection
                print(
                    f"      {key:>14}: cursor {text[view.cursor_offset : view.cursor_offset + 12]!r}"
                    f" selection {text[sel[0] : sel[1]][:40]!r}"
                    if sel
                    else f"      {key:>14}: cursor {text[view.cursor_offset : view.cursor_offset + 12]!r}"
                )
        await self.pilot.pause()

    async def undo_to(self, before: tuple) -> int:
        """Undo until the session is as it was before a plan that went wrong (spans, their extents, links);
        returns the keys pressed. A resize key that found no selection edits a tagged span: that is undone too."""
        pressed = 0
        view = self.reader.view
        if view.selection is not None or view.link != (None, None) or view.highlight is not None:
            await self.pilot.press(self.keys["escape"])  # a selection or a link left behind (else escape leaves)
            pressed += 1
        while snapshot(self.reader.session) != before and pressed < 30:
            await self.pilot.press(self.keys["undo"])
            pressed += 1
        self.tally.where["undo a wrong guess"] += pressed
        return pressed


def snapshot(session) -> tuple:
    return (
        frozenset((s.id, s.start, s.end, s.label) for s in session.spans),
        frozenset((r.head, r.child) for r in session.relations),
    )


def tagged(session, rng: Range, label: str) -> Span | None:
    return next((s for s in session.spans if (s.start, s.end, s.label) == (*rng, label) and not s.flag), None)


def linked(session, head: Range, actor: Range) -> bool:
    by_id = {s.id: s for s in session.spans}
    for rel in session.relations:
        h, c = by_id.get(rel.head), by_id.get(rel.child)
        if h and c and (h.start, h.end) == head and (c.start, c.end) == actor:
            return True
    return False


async def replay_article(replay: Replay, gold: Gold, ws: Workspace, keys: Keys) -> None:
    app, pilot, tally = replay.app, replay.pilot, replay.tally
    article_id = text_hash(gold.text)
    app.open_article(article_id)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    reader = app.reader
    planner = Planner(reader.reading, keys)
    session = reader.session
    labels = ws.labels
    tally.gold_spans += len(gold.spans)
    tally.gold_links += len(gold.links)

    children = {child for _, child in gold.links}
    links_of: dict[int, list[int]] = defaultdict(list)
    for head, child in gold.links:
        links_of[head].append(child)
    order = sorted(range(len(gold.spans)), key=lambda i: (gold.spans[i][0], -gold.spans[i][1]))
    # A speaker that some link names is left to that link (the link tags it): a skilled annotator does not tag
    # "Mr Qin" and then link to it when enter on the offered speaker does both.
    first_pass = [i for i in order if i not in children] + [i for i in order if i in children]

    def speakers_of(i: int) -> dict[Range, int]:
        """The mentions the reference links span i to (pronouns and descriptions aside), each its span index."""
        out = {}
        for child in links_of.get(i, ()):
            cs, ce, _ = gold.spans[child]
            if mention_kind(gold.text[cs:ce].split()) is None:
                out.setdefault((cs, ce), child)
        return out

    async def tag_span(i: int) -> tuple[bool, int | None]:
        """Tag span i; True if it was, and the child whose link the same keys made (enter on a suggestion)."""
        start, end, label = gold.spans[i]
        if label not in labels:
            tally.missed.append(f"{gold.name}: span {gold.text[start:end]!r}: label {label!r} is not in the label set")
            return False, None
        if tagged(session, (start, end), label):
            tally.span_count[label] += 1  # made by a link: no keys of its own
            tally.how["made by its link"] += 1
            return True, None
        speakers = speakers_of(i)
        plan = planner.plan_span((start, end), label, replay.state(planner), session.spans, tuple(speakers))
        if plan is None:
            tally.missed.append(f"{gold.name}: {label} {gold.text[start:end]!r}: no key sequence reaches it")
            return False, None
        before = snapshot(session)
        await replay.press(plan, f"{label} {' '.join(gold.text[start:end].split())[:50]!r}")
        spent = len(plan.keys)
        if not tagged(session, (start, end), label):
            spent += await replay.undo_to(before)
            tally.missed.append(
                f"{gold.name}: {label} {gold.text[start:end]!r}: the plan ({plan.how}) tagged otherwise"
            )
            tally.span_keys[label] += spent
            return False, None
        tally.span_keys[label] += spent
        tally.span_count[label] += 1
        tally.how[plan.how] += 1
        if plan.speaker is not None:
            if linked(session, (start, end), plan.speaker):
                tally.links += 1  # the enter that took the suggestion took its speaker: no key of its own
                tally.how["link: taken with its suggestion"] += 1
                return True, speakers[plan.speaker]
            tally.missed.append(f"{gold.name}: {label} {gold.text[start:end]!r}: enter did not link the speaker")
        return True, None

    async def link(head_index: int, child_index: int, just_tagged: bool) -> None:
        hs, he, _ = gold.spans[head_index]
        cs, ce, clabel = gold.spans[child_index]
        head = tagged(session, (hs, he), gold.spans[head_index][2])
        if head is None:
            tally.missed.append(f"{gold.name}: link from {gold.text[hs:he][:30]!r}: its quote or claim is missing")
            return
        if mention_kind(gold.text[cs:ce].split()) is not None:
            tally.missed.append(
                f"{gold.name}: link to {gold.text[cs:ce]!r}: a pronoun or description is never stored as the "
                "actor (the reader links the named mention it refers to)"
            )
            return
        view = reader.view
        offered = view.link[1] if just_tagged and view.link[0] == (hs, he) else None
        plan = planner.plan_link(head, (cs, ce), replay.state(planner), session.spans, offered)
        if plan is None:
            tally.missed.append(f"{gold.name}: link to {gold.text[cs:ce]!r}: no key sequence reaches it")
            return
        before = snapshot(session)
        await replay.press(plan, f"link to {gold.text[cs:ce]!r}")
        spent = len(plan.keys)
        if not linked(session, (hs, he), (cs, ce)):
            spent += await replay.undo_to(before)
            tally.missed.append(f"{gold.name}: link to {gold.text[cs:ce]!r}: the plan ({plan.how}) linked otherwise")
        else:
            tally.links += 1
            tally.how[f"link: {plan.how}"] += 1
            if tagged(session, (cs, ce), clabel) is None:
                tally.missed.append(f"{gold.name}: link to {gold.text[cs:ce]!r} stored another label")
        tally.link_keys += spent

    for i in first_pass:
        ok, done = await tag_span(i)
        if ok and i in links_of:
            rest = [child for child in links_of[i] if child != done]
            for n, child in enumerate(rest):
                await link(i, child, just_tagged=n == 0 and done is None)

    # The store against the reference.
    want_spans = {(s, e, lab) for s, e, lab in gold.spans}
    have_spans = {(s.start, s.end, s.label) for s in session.spans if not s.flag}
    by_id = {s.id: s for s in session.spans}
    want_links = {(gold.spans[h][:2], gold.spans[c][:2]) for h, c in gold.links}
    have_links = {
        ((by_id[r.head].start, by_id[r.head].end), (by_id[r.child].start, by_id[r.child].end))
        for r in session.relations
        if r.head in by_id and r.child in by_id
    }
    for s, e, lab in sorted(want_spans - have_spans):
        tally.differences.append(f"{gold.name}: missing {lab} {gold.text[s:e]!r}")
    for s, e, lab in sorted(have_spans - want_spans):
        tally.differences.append(f"{gold.name}: extra {lab} {gold.text[s:e]!r}")
    for h, c in sorted(want_links - have_links):
        tally.differences.append(
            f"{gold.name}: missing link {gold.text[h[0] : h[1]][:30]!r} -> {gold.text[c[0] : c[1]]!r}"
        )
    for h, c in sorted(have_links - want_links):
        tally.differences.append(
            f"{gold.name}: extra link {gold.text[h[0] : h[1]][:30]!r} -> {gold.text[c[0] : c[1]]!r}"
        )


async def run(golds: list[Gold], ws: Workspace, verbose: bool = False) -> Tally:
    tally = Tally()
    keys = key_names(ws)
    app = make_app(ws)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        replay = Replay(pilot, app, tally, keys, verbose)
        for n, gold in enumerate(golds, 1):
            await replay_article(replay, gold, ws, keys)
            print(f"\r{n}/{len(golds)} articles replayed", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        await pilot.press("ctrl+q")
    return tally


def open_workspace(folder: Path, guidelines: str) -> Workspace:
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    config = folder / "chipread.toml"
    if guidelines in GUIDELINES:
        config.write_text(GUIDELINES[guidelines], encoding="utf-8")
    else:
        source = Path(guidelines)
        if not source.is_file():
            raise SystemExit(f"bench_keys: --guidelines must be default, polnear or a chipread.toml ({guidelines})")
        load_config(source)  # one line if it is not a valid config
        shutil.copy(source, config)
    return Workspace.open(corpus, db=folder / "db", config=config, annotator="bench", use_cache=False)


def add_articles(ws: Workspace, golds: list[Gold]) -> None:
    for n, gold in enumerate(golds):
        article_id = text_hash(gold.text)
        title = gold.text.strip().split("\n", 1)[0][:200]
        ws.add_imported(Article(article_id, f"gold{n:04d}", gold.name, title, gold.text))


def report(tally: Tally) -> dict:
    spans = sum(tally.span_count.values())
    keys = sum(tally.span_keys.values())
    by_label = {
        label: {
            "spans": tally.span_count[label],
            "keys": tally.span_keys[label],
            "keys_per_span": round(tally.span_keys[label] / tally.span_count[label], 2)
            if tally.span_count[label]
            else None,
        }
        for label in sorted(set(tally.span_count) | set(tally.span_keys))
    }
    return {
        "keys_per_span": round(keys / spans, 2) if spans else None,
        "keys_per_link": round(tally.link_keys / tally.links, 2) if tally.links else None,
        "by_label": by_label,
        "spans": tally.gold_spans,
        "spans_reproduced": spans,
        "links": tally.gold_links,
        "links_reproduced": tally.links,
        "exact": not tally.differences,
        "where": dict(tally.where.most_common()),
        "plans": dict(tally.how.most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--format", default=None, help="importer name (default: brat for a folder, else jsonl)")
    parser.add_argument("--map", action="append", help="brat type mapping (default: the attribution preset)")
    parser.add_argument("--guidelines", default="default", help="default, polnear, or a chipread.toml to use")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--verbose", action="store_true", help="print every plan as it is pressed")
    parser.add_argument("--only", type=int, default=None, help="only the Nth article (from 1)")
    args = parser.parse_args()
    if not args.gold.exists():
        raise SystemExit(f"bench_keys: {args.gold} does not exist")
    fmt = args.format or ("brat" if args.gold.is_dir() else "jsonl")
    maps = tuple(args.map) if args.map else (("attribution",) if fmt == "brat" else ())
    tmp = Path(tempfile.mkdtemp(prefix="chipread-keys-"))
    try:
        ws = open_workspace(tmp, args.guidelines)
        try:
            try:
                golds, problems = load_gold(ws, args.gold, fmt, args.limit, maps)
            except ChipreadError as exc:
                raise SystemExit(f"bench_keys: {exc}") from None
            if args.only:
                golds = golds[args.only - 1 : args.only]
            if not golds:
                detail = f" ({problems[0]})" if problems else ""
                raise SystemExit(f"bench_keys: no usable reference in {args.gold}{detail}")
            add_articles(ws, golds)
            tally = asyncio.run(run(golds, ws, args.verbose))
        finally:
            ws.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out = report(tally)
    print(f"keys per span: {len(golds)} articles from {args.gold} ({fmt}, guidelines {args.guidelines})")
    for problem in problems[:5]:
        print(f"  left out: {problem}")
    print(f"{'label':10}{'spans':>8}{'keys':>8}{'keys/span':>11}")
    for label, row in out["by_label"].items():
        print(f"{label:10}{row['spans']:>8}{row['keys']:>8}{row['keys_per_span'] or 0:>11.2f}")
    print(f"{'all':10}{out['spans_reproduced']:>8}{sum(tally.span_keys.values()):>8}{out['keys_per_span'] or 0:>11.2f}")
    print(
        f"links: {out['links_reproduced']} of {out['links']}, {tally.link_keys} keys, {out['keys_per_link'] or 0:.2f} a link"
    )
    print("where the keys went: " + ", ".join(f"{kind} {n}" for kind, n in out["where"].items()))
    print("plans used: " + ", ".join(f"{how} {n}" for how, n in out["plans"].items()))
    print(f"store equals the reference: {'yes' if out['exact'] else 'no'}")
    for line in (tally.missed + tally.differences)[:40]:
        print(f"  {line}")
    if len(tally.missed) + len(tally.differences) > 40:
        print(f"  ... and {len(tally.missed) + len(tally.differences) - 40} more")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
