"""The actors view at scale: `chipread actors` and the actors screen on 10,000 articles x 20 actor spans.

Run: python benchmarks/bench_actors.py [--articles 10000] [--spans 20] [--statements 5]
Prints figures; it is not a test. A synthetic corpus (a .jsonl file) and store are made in a
temporary folder: people under several spellings ("Minister Given Family", "Given Family",
"Mr Family"), ministries, countries; every article has --spans actor spans and --statements quotes
attributed to them. "cold" is the first run over a store (it builds the derived indexes: every
store file and article text read once); "warm" runs after it, in a new process each time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import World  # noqa: E402

from chipread.model import Relation, Span  # noqa: E402
from chipread.store import AnnotationStore, ArticleFile, Change, file_meta  # noqa: E402
from chipread.store.layout import file_name  # noqa: E402

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday".split()
COUNTRIES = "Japan China France Germany Brazil Kenya India Canada Mexico Spain".split()


def people(rng: random.Random, world: World, n: int) -> list[tuple[str, str, str]]:
    """(full name, title, family name) for n people."""
    out = []
    for _ in range(n):
        given, family = world.zipf(rng).title(), world.zipf(rng).title() + rng.choice(["ov", "son", "ez", "ra"])
        out.append((f"{given} {family}", rng.choice(["Minister", "Senator", "President", "Governor"]), family))
    return out


def make_corpus(folder: Path, n: int, spans: int, statements: int, seed: int) -> list[list[tuple[str, str, int]]]:
    """Write corpus.jsonl; return per article the (phrase, label, speaker index) it holds, in text order."""
    rng = random.Random(seed)
    world = World.make(seed)
    who = people(rng, world, max(50, n // 5))
    orgs = [f"the {world.zipf(rng)} ministry" for _ in range(max(20, n // 50))]
    plan = []
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for i in range(n):
            cast = rng.sample(range(len(who)), 4)
            org, country = rng.choice(orgs), rng.choice(COUNTRIES)
            sentences, phrases = [], []
            mentions = 0
            for k in range(max(spans, statements)):
                person = who[cast[k % len(cast)]]
                forms = [f"{person[1]} {person[0]}", person[0], f"Mr {person[2]}"]
                form = forms[min(k // len(cast), 2)] if k < spans - 2 else (org if k % 2 else country)
                filler = " ".join(world.zipf(rng) for _ in range(rng.randint(6, 12)))
                if k < statements:
                    quote = " ".join(world.zipf(rng) for _ in range(rng.randint(8, 14)))
                    day = rng.choice(WEEKDAYS)
                    sentences.append(f'{form} said on {day} that "{quote}", adding {filler}.')
                    phrases += [(form, "actor", mentions), (quote, "quote", mentions)]
                else:
                    sentences.append(f"{form} met {filler} in {rng.choice(COUNTRIES)}.")
                    phrases.append((form, "actor", mentions))
                mentions += 1 if k < spans else 0
            text = f"Article {i} headline\n\n" + "\n\n".join(
                " ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)
            )
            record = {
                "id": f"a{i:07d}",
                "title": f"Article {i} headline",
                "text": text,
                "source": rng.choice(["Wire", "Post", "Times"]),
            }
            if i % 2:
                record["published"] = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
            out.write(json.dumps(record) + "\n")
            plan.append(phrases)
    return plan


def make_store(folder: Path, plan, annotator: str) -> int:
    from chipread.workspace import Workspace

    ws = Workspace.open(folder / "corpus.jsonl", db=folder / "db", annotator=annotator, claim=False)
    store = AnnotationStore(folder / "db")
    store.claim(annotator)
    total = 0
    for info, phrases in zip(ws.infos(), plan):
        article = ws.get(info.id)
        at = 0
        changes = []
        actor_ids: dict[int, str] = {}
        for n, (phrase, label, speaker) in enumerate(phrases):
            start = article.text.index(phrase, at)
            at = start + len(phrase)
            span = Span(f"s{n}-{info.id}", info.id, start, at, label, phrase, annotator)
            changes.append(Change("spans", span.id, None, span.to_dict()))
            if label == "actor":
                actor_ids[speaker] = span.id
            else:
                rel = Relation(f"r{n}-{info.id}", info.id, span.id, actor_ids[speaker], annotator=annotator)
                changes.append(Change("relations", rel.id, None, rel.to_dict()))
            total += label == "actor"
        target = ArticleFile(folder / "db" / annotator / file_name(info.id))
        target.apply(changes, meta=file_meta(article, annotator), record=None)
        target.close()
    store.close()
    ws.close()
    return total


def cli(folder: Path, *args: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "chipread",
            "--corpus",
            str(folder / "corpus.jsonl"),
            "--db",
            str(folder / "db"),
            "--annotator",
            "bench",
            *args,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "140"},
        check=False,
    )
    elapsed = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"chipread {' '.join(args)} failed: {out.stderr.strip()}")
    return elapsed, out.stdout


async def screen_open(folder: Path, repeats: int = 5) -> tuple[tuple[float, float], list[tuple[float, float]]]:
    """(rows shown, check done) seconds from pressing the actors key: the first time in a new app, then
    again. "Rows shown" is when the list has its actors on screen; "check done" when the background
    check that the store has not changed since (one stat per file) has finished too."""
    from chipread.tui import make_app
    from chipread.tui.keys import OPEN_ACTORS, normalize
    from chipread.tui.screens.actors import ActorsScreen
    from chipread.workspace import Workspace

    ws = Workspace.open(folder / "corpus.jsonl", db=folder / "db", annotator="bench")
    app = make_app(ws)
    times = []
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        # For scale on this machine: the help screen (a plain modal) opened and closed the same way.
        helps = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            await pilot.press("question_mark")
            helps.append(time.perf_counter() - t0)
            await pilot.press("escape")
        print(f"for scale: the help screen opens in {sorted(helps)[len(helps) // 2] * 1000:.0f} ms (median)")
        actors_key = normalize(OPEN_ACTORS.keys.split(",")[0])  # the default key, whatever it is now
        for _ in range(repeats + 1):
            t0 = time.perf_counter()
            await pilot.press(actors_key)
            while not (isinstance(app.screen, ActorsScreen) and app.screen.actors.rows):
                await pilot.pause(0.002)
            shown = time.perf_counter() - t0
            await app.workers.wait_for_complete()
            await pilot.pause()
            times.append((shown, time.perf_counter() - t0))
            await pilot.press("escape")
            await pilot.pause()
    ws.close()
    return times[0], times[1:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--spans", type=int, default=20)
    parser.add_argument("--statements", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("CHIPREAD_CACHE_DIR", str(folder / "cache"))
        t0 = time.perf_counter()
        plan = make_corpus(folder, args.articles, args.spans, args.statements, args.seed)
        actors = make_store(folder, plan, "bench")
        print(
            f"corpus and store: {args.articles:,} articles, {actors:,} actor spans, "
            f"{args.articles * args.statements:,} attributed quotes (made in {time.perf_counter() - t0:.0f} s)"
        )
        cli(folder, "list", "--json")  # the corpus cache, as any earlier chipread run leaves it
        cold, _ = cli(folder, "actors")
        warm = [cli(folder, "actors")[0] for _ in range(3)]
        json_warm, rows = cli(folder, "actors", "--json")
        top = json.loads(rows.splitlines()[0])
        name_warm = min(cli(folder, "actors", top["id"])[0] for _ in range(3))
        print(
            f"chipread actors: cold {cold:.2f} s (builds the indexes), warm {min(warm):.2f} s (best of 3; {', '.join(f'{w:.2f}' for w in warm)})"
        )
        print(
            f"chipread actors --json: {json_warm:.2f} s; chipread actors NAME ({top['name']}, {sum(top['statements'].values())} statements): {name_warm:.2f} s (best of 3)"
        )
        first, again = asyncio.run(screen_open(folder))
        shown = sorted(t[0] for t in again)
        done = sorted(t[1] for t in again)
        print(
            f"actors screen, the first time in a new app (indexes on disk): rows shown {first[0] * 1000:.0f} ms, "
            f"check done {first[1] * 1000:.0f} ms"
        )
        print(
            f"actors screen again: rows shown {shown[0] * 1000:.0f} ms best, {shown[len(shown) // 2] * 1000:.0f} ms "
            f"median; check done {done[0] * 1000:.0f} ms best, {done[len(done) // 2] * 1000:.0f} ms median ({len(again)} runs)"
        )
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
