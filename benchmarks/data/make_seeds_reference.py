"""Writes seeds.reference.jsonl: the reference attribution annotation of the five seed articles (GUIDELINES.md).

Each decision is written below as text found in the article: `actor("Qin", "Mr Qin told")` is the only "Qin"
inside the only "Mr Qin told" of that article, so a reader can check every span against the guidelines
without counting offsets. The spans and links go through chipread's own AnnotationSession into a throwaway
store (annotator "reference") and out through chipread's jsonl export, so the file is exactly what
`chipread export --format jsonl --annotator reference` writes.

    python benchmarks/data/make_seeds_reference.py            # rewrites seeds.reference.jsonl
    python benchmarks/data/make_seeds_reference.py --check    # fails if the file differs from these decisions
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from chipread.export.exporting import export  # noqa: E402
from chipread.export.options import ExportOptions  # noqa: E402
from chipread.session import AnnotationSession  # noqa: E402
from chipread.workspace import Workspace  # noqa: E402

ANNOTATOR = "reference"
OUTPUT = Path(__file__).with_name("seeds.reference.jsonl")
# Fixed so that the file is the same bytes on every run.
CREATED = "2024-01-01T00:00:00+00:00"


@dataclass(frozen=True)
class Mention:
    """`text` as it occurs inside `within` (which occurs once in the article; `text` once inside it)."""

    label: str
    text: str
    within: str | None = None
    by: tuple[str, ...] = ()  # keys of the actors a quote or claim is attributed to
    key: str | None = None  # an actor's key


def actor(key: str, text: str, within: str | None = None) -> Mention:
    return Mention("actor", text, within, key=key)


def claim(text: str, *by: str, within: str | None = None) -> Mention:
    return Mention("claim", text, within, by)


def quote(text: str, *by: str, within: str | None = None) -> Mention:
    return Mention("quote", text, within, by)


@dataclass
class Seed:
    """One article's annotation: its handle prefix, then its mentions in reading order."""

    handle: str
    mentions: list[Mention] = field(default_factory=list)


SEEDS = [
    Seed(
        "000",
        [
            # P1: the ministry's statement (named in P6) reports China's call and China's label for the controls.
            actor("china", "China", "China has called on"),
            claim(
                'China has called on Japan to cease its export controls on semiconductors, labeling the action as a "wrongdoing" that flagrantly disregards international economic and trade regulations',
                "ministry",
            ),
            claim("Japan to cease its export controls on semiconductors", "china"),
            claim(
                'the action as a "wrongdoing" that flagrantly disregards international economic and trade regulations',
                "china",
            ),
            quote("wrongdoing", "china"),
            # P5: "has not singled out China in its statements" is an absence; "saying only that" is a claim.
            actor("japan", "Japan", "Japan has not singled out"),
            claim("it is fulfilling its duty to contribute to international peace and stability", "japan"),
            # P6: the full stop sits inside the closing mark, so the claim stops before both.
            actor("ministry", "Chinese commerce ministry"),
            claim(
                'China "is willing to work with Japan to promote practical cooperation in key economic and trade areas',
                "ministry",
            ),
            quote(
                "is willing to work with Japan to promote practical cooperation in key economic and trade areas",
                "ministry",
            ),
            # P8: criticizing X: X is the claim.
            actor("wang", "Wang", "Wang also met Raimondo"),
            claim(
                "U.S. economic and trade policies toward China, including the U.S.-led Indo-Pacific Economic Framework that excludes China and aims to provide a U.S.-centered alternative to its influence",
                "wang",
            ),
        ],
    ),
    Seed(
        "001",
        [
            # Headline: "pushes Japan to" is a call on Japan.
            actor("china", "China", "China Pushes Japan"),
            claim("Japan To Lift Restrictions On Chip Exports", "china"),
            # P3: the ministry's statement (outer), Wang's criticism and description (inner).
            actor("wang", "Wang Wentao"),
            actor("mofcom", "Chinese Ministry of Commerce"),
            claim(
                'Chinese Commerce Minister Wang Wentao has criticised Japan\'s semiconductor export controls, describing it as a "wrongdoing" that "seriously violated" international economic and trade rules',
                "mofcom",
            ),
            claim("Japan's semiconductor export controls", "wang"),
            claim('it as a "wrongdoing" that "seriously violated" international economic and trade rules', "wang"),
            quote("wrongdoing", "wang"),
            quote("seriously violated", "wang"),
            # P7
            actor("japan", "Japan", "Japan has not specifically targeted"),
            claim("it is fulfilling its duty to contribute to international peace and stability", "japan"),
            # P8
            actor("ministry", "Chinese commerce ministry", "the Chinese commerce ministry's statement"),
            claim(
                'China "is willing to work with Japan to promote practical cooperation in key economic and trade areas',
                "ministry",
            ),
            quote(
                "is willing to work with Japan to promote practical cooperation in key economic and trade areas",
                "ministry",
            ),
            # P10: "where he criticised": he is the Wang of the same sentence.
            actor("wang10", "Wang", "Wang also met with Raimondo"),
            claim(
                "US economic and trade policies towards China, including the US-led Indo-Pacific Economic Framework, which excludes China and aims to establish a US-centred alternative to Chinese influence",
                "wang10",
            ),
        ],
    ),
    Seed(
        "002",
        [
            # Headline
            actor("qin_h", "Qin Gang", "says Chinese Foreign Minister Qin Gang"),
            claim("Japan’s chip curbs will drive Beijing’s self-reliance", "qin_h"),
            # P1
            actor("qin1", "Qin Gang", "Qin Gang told"),
            claim(
                "Tokyo’s new export controls on semiconductor equipment will only further drive Beijing’s quest “to become self-reliant”",
                "qin1",
            ),
            quote("to become self-reliant", "qin1", within="quest “to become self-reliant”"),
            # P3: a noun whose content is stated as an infinitive.
            actor("us", "US", "following US pressure"),
            claim("countries to restrict China’s access to the technology", "us"),
            # P4: the read-out (unnamed issuer) reports what Qin told his counterpart.
            actor("qin4", "Qin", "Mr Qin told his counterpart"),
            claim(
                "“The United States used bullying tactics to brutally suppress the Japanese semiconductor industry, and now it is repeating its old tricks against China,” Mr Qin told his counterpart",
            ),
            quote(
                "The United States used bullying tactics to brutally suppress the Japanese semiconductor industry, and now it is repeating its old tricks against China",
                "qin4",
            ),
            # P5, P6: "He" and "he" are the Qin of P4.
            claim("Japan of being Washington’s “minion”", "qin4"),
            quote("minion", "qin4"),
            quote("The blockade will only further stimulate China’s determination to become self-reliant", "qin4"),
            # P7: the (unnamed) Dutch authorities speak for the Netherlands; wholly quoted content.
            actor("nl", "Netherlands", "by the Netherlands"),
            quote("international and national security", "nl"),
            # P8: defended X as Y, adding that Z: two claims; the framing "In comments to reporters," is out.
            actor("hayashi8", "Hayashi", "Mr Hayashi on Sunday defended"),
            claim("the new restrictions as “consistent with international rules”", "hayashi8"),
            quote("consistent with international rules", "hayashi8"),
            claim("they were “not aimed at a specific country”", "hayashi8"),
            quote("not aimed at a specific country", "hayashi8"),
            # P11: Hayashi told reporters that Japan had protested X and called for Y (read with Japan as the
            # subject of both coordinated predicates: see NOTES.md).
            actor("hayashi11", "Hayashi", "Mr Hayashi told reporters"),
            actor("japan11", "Japan", "that Japan had"),
            claim(
                "Japan had “protested” against the detention, and called for “the immediate release of that individual”",
                "hayashi11",
            ),
            quote("protested", "hayashi11"),
            claim("the detention", "japan11", within="“protested” against the detention"),
            quote("the immediate release of that individual", "japan11"),
            # P12: wholly quoted content: a quote and no claim.
            actor("qin12", "Qin", "Mr Qin said on Sunday"),
            quote("China would deal with him according to the law", "qin12"),
            # P14: a colon after the cue.
            actor("hayashi14", "Hayashi", "Mr Hayashi said:"),
            quote(
                "We reiterated my serious concerns about the East China Sea, including the situation surrounding the Senkaku Islands, as well as China’s increased military activities in and around our country, including cooperation with Russia",
                "hayashi14",
            ),
            # P15
            actor("qin15", "Qin", "Mr Qin also urged"),
            claim(
                "Japan to steer clear of issues related to Taiwan and keep away from those that could harm China’s sovereignty",
                "qin15",
            ),
            # P16: unnamed officials: a belief and a fear, unlinked.
            claim("Taiwan’s stability as key to Tokyo’s security"),
            claim("China may one day seize the island by force"),
            # P17
            actor("qin17", "Qin", "Mr Qin said."),
            quote(
                "Peaceful coexistence and friendly cooperation are the only right choice for China-Japan ties", "qin17"
            ),
            # P18
            actor("china18", "China", "China sees Taiwan"),
            claim("Taiwan as a breakaway province awaiting reunification, by force if necessary", "china18"),
            actor("taiwan18", "Taiwan", "Taiwan rejects"),
            claim("China’s sovereignty claims", "taiwan18"),
        ],
    ),
    Seed(
        "003",
        [
            # P1 S1, S2
            actor("china1", "China", "China has appealed"),
            claim("Japan to defend free and open bilateral tech ties", "china1"),
            actor("beijing2", "Beijing", "Beijing also urged"),
            claim("Tokyo to be cautious regarding Taiwan", "beijing2"),
            # S3: according to two named sources.
            actor("beijing3", "Beijing", "statements from Beijing and Tokyo"),
            actor("tokyo3", "Tokyo", "statements from Beijing and Tokyo"),
            claim(
                "Chinese Foreign Minister Qin Gang and his Japanese counterpart, Yoshimasa Hayashi, spoke by phone for about 50 minutes on Thursday night, their first talks since Qin, a former ambassador to Washington, took up the post in December",
                "beijing3",
                "tokyo3",
            ),
            # S4: the ministry (outer) reports Qin's call (inner).
            actor("qin4", "Qin", "Qin called on Japan"),
            actor("cfm4", "Chinese foreign ministry", "according to the Chinese foreign ministry"),
            claim(
                "Qin called on Japan to “continue to uphold market principles and the spirit of freedom and openness to carry out economic, trade, scientific and technological cooperation with China” for safeguarding international trade rules and its own long-term interests",
                "cfm4",
            ),
            claim(
                "Japan to “continue to uphold market principles and the spirit of freedom and openness to carry out economic, trade, scientific and technological cooperation with China” for safeguarding international trade rules and its own long-term interests",
                "qin4",
            ),
            quote(
                "continue to uphold market principles and the spirit of freedom and openness to carry out economic, trade, scientific and technological cooperation with China",
                "qin4",
            ),
            # S5: "was quoted as saying" is one cue.
            actor("qin5", "Qin", "Qin was quoted"),
            quote("The two sides should adhere to strategic autonomy and jointly develop and build Asia", "qin5"),
            # S6, S7 are absences ("gave no indication", "made no mention"): nothing.
            # S9
            actor("qin9", "Qin", "Qin spoke with his Dutch counterpart"),
            claim(
                "the Netherlands should “jointly safeguard the stability of the global supply chain [and] promote an open and orderly international trade environment instead of a divided and chaotic one”",
                "qin9",
            ),
            quote(
                "jointly safeguard the stability of the global supply chain [and] promote an open and orderly international trade environment instead of a divided and chaotic one",
                "qin9",
            ),
            # P2 S1: according to Bloomberg ("which cited people familiar ..." names Bloomberg's sources, no content).
            actor("bloomberg", "Bloomberg"),
            claim(
                "Last week, Tokyo and Amsterdam cut a deal with US President Joe Biden’s administration to tighten export controls to limit Beijing’s access to machines used to make advanced chips",
                "bloomberg",
            ),
            # S2
            actor("breton", "Thierry Breton"),
            claim(
                "the US has the bloc’s “full” commitment to the goal of choking China’s semiconductor industry",
                "breton",
            ),
            quote("full", "breton"),
            # S4: agentless.
            claim("Washington’s success depends on a unified stance from its key allies"),
            # S6, S7
            actor("cfm6", "Chinese foreign ministry", "the Chinese foreign ministry said on Tuesday"),
            claim(
                "a “certain country has been pursuing its selfish agenda at the expense of countries that it calls allies and friends”",
                "cfm6",
            ),
            quote(
                "certain country has been pursuing its selfish agenda at the expense of countries that it calls allies and friends",
                "cfm6",
            ),
            actor("mao", "Mao Ning"),
            quote(
                "It has deliberately blocked and suppressed Chinese companies and forcibly pushed for industrial relocation and decoupling",
                "mao",
            ),
            # S8: the gloss ", which Tokyo claims as the Senkaku Islands" is out. S9: "He" is this Qin.
            actor("qin8", "Qin", "Qin urged Japanese authorities"),
            claim(
                "Japanese authorities to play cautiously on major issues like Taiwan and in the military field, and to stop the provocations of Japanese right-wing forces over the disputed Diaoyu Islands in the East China Sea",
                "qin8",
            ),
            claim(
                "Japan to adhere to the principle of “being mutual partners and not posing threats to each other”",
                "qin8",
            ),
            quote("being mutual partners and not posing threats to each other", "qin8"),
            # P3 S1: the Japanese foreign ministry (outer) reports what Hayashi stressed (inner).
            actor("hayashi", "Hayashi", "Hayashi stressed"),
            actor("jfm", "Japanese foreign ministry", "according to the Japanese foreign ministry"),
            claim(
                "Hayashi stressed Japan’s concerns over “the importance of peace and stability in the Taiwan Strait”, the situation of the East China Sea and China’s increased military activities, including cooperation with Russia around Japan",
                "jfm",
            ),
            claim(
                "Japan’s concerns over “the importance of peace and stability in the Taiwan Strait”, the situation of the East China Sea and China’s increased military activities, including cooperation with Russia around Japan",
                "hayashi",
            ),
            quote("the importance of peace and stability in the Taiwan Strait", "hayashi"),
            # S2: "He" is this Hayashi; raised X and urged Y: two claims.
            claim("Japan’s concerns about the South China Sea, Hong Kong and Xinjiang", "hayashi"),
            claim(
                "Beijing to lift import restrictions on Japanese food products imposed after the 2011 Fukushima nuclear crisis and ensure a “transparent, predictable and fair” business environment for Japanese firms",
                "hayashi",
            ),
            quote("transparent, predictable and fair", "hayashi"),
            # S3: a joint pledge and what the two cited.
            actor("tokyo_n", "Tokyo", "Tokyo and Nato earlier"),
            actor("nato", "Nato", "Tokyo and Nato earlier"),
            claim("to strengthen their cooperation", "tokyo_n", "nato"),
            claim(
                "“an authoritarian pushback against the international rules-based order” from Beijing and Moscow",
                "tokyo_n",
                "nato",
            ),
            quote("an authoritarian pushback against the international rules-based order", "tokyo_n", "nato"),
            # S4
            actor("stoltenberg", "Jens Stoltenberg"),
            claim(
                "it was important for the military alliance to enhance deterrence towards China’s “unwelcoming certain military activities … particularly in Taiwan”",
                "stoltenberg",
            ),
            quote("unwelcoming certain military activities … particularly in Taiwan", "stoltenberg"),
            # S5: the framing "during ... visit to the White House last month" is out.
            actor("japan5", "Japan", "Japan and the US pledged"),
            actor("us5", "US", "Japan and the US pledged"),
            claim("to strengthen their security ties", "japan5", "us5"),
            # S6: the framing "In its revised national security strategy documents in December," is out.
            actor("cabinet", "Japan’s cabinet"),
            claim("China to “an unprecedented and the greatest strategic challenge”", "cabinet"),
            quote("an unprecedented and the greatest strategic challenge", "cabinet"),
            claim(
                "Beijing for “intensifying its military activities in the sea and airspace surrounding Taiwan”",
                "cabinet",
            ),
            quote("intensifying its military activities in the sea and airspace surrounding Taiwan", "cabinet"),
            # S7: "talked about" is topic only; "the Japanese statement" is the foreign ministry's (see NOTES.md).
            actor("qin_s7", "Qin", "Qin and Hayashi also talked"),
            actor("hayashi_s7", "Hayashi", "Qin and Hayashi also talked"),
            claim("they would continue close coordination on North Korea", "qin_s7", "hayashi_s7"),
            claim(
                "Qin and Hayashi also talked about the war in Ukraine and said they would continue close coordination on North Korea",
                "jfm",
            ),
        ],
    ),
    Seed(
        "004",
        [
            # P1: unnamed sources (outer, unlinked) report the US request (inner).
            actor("us", "United States", "The United States has asked"),
            claim(
                "The United States has asked the Japanese government for cooperation to thwart China’s efforts to develop highly efficient semiconductors"
            ),
            claim(
                "the Japanese government for cooperation to thwart China’s efforts to develop highly efficient semiconductors",
                "us",
            ),
            # P2: the same unnamed sources.
            claim(
                "the request, which underscores that the US and Japan are allies in strategies against China, was made by Gina Raimondo, US Commerce Secretary, in a telephone conversation with Japanese Industry Minister Yasutoshi Nishimura on Friday"
            ),
            # P4: agentless belief, raising passive: subject to end, cue inside.
            claim("The request to Nishimura is believed to be the ministry’s first in this regard"),
            # P4: an intention stated by a noun, and concerns read as Washington's (see NOTES.md).
            actor("washington", "Washington", "Washington’s intention"),
            claim("to create a multilateral regulatory framework", "washington"),
            claim(
                "there could be gaps in its own export controls if Japan and the Netherlands continue to supply China with the equipment it needs to make advanced microchips",
                "washington",
            ),
            # P6: La Tribune (outer) reports the approval of Hallbeck's request (inner: a noun with its content).
            actor("latribune", "La Tribune"),
            actor("hallbeck", "Robert Hallbeck"),
            claim(
                "The German government also recently approved a request by Robert Hallbeck, the economy minister and vice chancellor, to ban the sale of two electronic component factories to China",
                "latribune",
            ),
            claim("to ban the sale of two electronic component factories to China", "hallbeck"),
        ],
    ),
]


class EntryError(ValueError):
    """A mention that is not found exactly once where it says."""


def locate(text: str, m: Mention) -> tuple[int, int]:
    """The offsets of a mention: `within` must occur once in `text`, and `m.text` once inside it."""
    base = 0
    if m.within is not None:
        base = _only(text, m.within, "context")
        region = m.within
    else:
        region = text
    at = _only(region, m.text, m.label)
    return base + at, base + at + len(m.text)


def _only(haystack: str, needle: str, what: str) -> int:
    first = haystack.find(needle)
    if first < 0:
        raise EntryError(f"{what} {needle[:60]!r} is not in the text")
    if haystack.find(needle, first + 1) >= 0:
        raise EntryError(f"{what} {needle[:60]!r} occurs more than once: give a context that occurs once")
    return first


def ids(prefix: int) -> Iterator[str]:
    """Stable 12-hex-digit ids: article number, then a counter."""
    n = 0
    while True:
        n += 1
        yield f"{prefix:03x}{n:09x}"


def annotate(ws: Workspace) -> None:
    """Enter every seed's mentions and links through AnnotationSession, and mark each article done."""
    handles = {info.handle[:3]: info for info in ws.infos()}
    for number, seed in enumerate(SEEDS):
        article = ws.get(handles[seed.handle].id)
        counter = ids(number)
        session = AnnotationSession(
            ws.store, article, ANNOTATOR, ws.labels, clock=lambda: CREATED, make_id=lambda c=counter: next(c)
        )
        actors: dict[str, str] = {}
        for m in seed.mentions:
            if m.label == "actor":
                if m.key in actors:
                    raise EntryError(f"{seed.handle}: actor key {m.key!r} is used twice")
                start, end = locate(article.text, m)
                actors[m.key] = session.add_span(start, end, "actor").id
        linked: set[str] = set()
        for m in seed.mentions:
            if m.label == "actor":
                continue
            start, end = locate(article.text, m)
            span = session.add_span(start, end, m.label)
            for key in m.by:
                if key not in actors:
                    raise EntryError(f"{seed.handle}: {m.text[:40]!r} names an unknown actor {key!r}")
                session.add_relation(span.id, actors[key])
                linked.add(key)
        unlinked = set(actors) - linked
        if unlinked:
            raise EntryError(f"{seed.handle}: actors {sorted(unlinked)} are the source of nothing")
        session.set_status("done")


def build(output: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(REPO / "seeds", db=Path(tmp) / "store", annotator=ANNOTATOR, use_cache=False)
        try:
            annotate(ws)
            export(ws, "jsonl", output, ExportOptions(annotators=(ANNOTATOR,)))
        finally:
            ws.close()
    for line in output.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for span in record["spans"]:
            assert record["text"][span["start"] : span["end"]] == span["text"], span


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not args.check:
        build(args.output)
        print(f"wrote {args.output}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "seeds.reference.jsonl"
        build(fresh)
        if fresh.read_bytes() != args.output.read_bytes():
            print(f"{args.output} differs from the decisions in {Path(__file__).name}: run it without --check")
            return 1
    print(f"{args.output} matches {Path(__file__).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
