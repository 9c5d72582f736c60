"""Turn the hand-written gold markup (*.gold.txt) into self-contained JSONL records with offsets.

Markup: [[surface text|LABEL]] or [[surface text|DATE=2023-05-29]] (gold normalised value).
A file holds records separated by header lines:

    === record-id
    published: 2023-05-29        (or "none")
    source: where the text comes from
    <blank line>
    text... (headline, blank line, paragraphs separated by blank lines)

Run `python tests/data/gold_markup.py` to regenerate every *.jsonl next to its *.gold.txt.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)(?:=([0-9?W-]+))?\]\]")
LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "DATE", "LAW", "PRODUCT"}


def parse_record(body: str, where: str) -> tuple[str, list[dict]]:
    out: list[str] = []
    entities: list[dict] = []
    pos = 0
    length = 0
    for m in MARK.finditer(body):
        chunk = body[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        surface, label, value = m.group(1), m.group(2), m.group(3)
        if label not in LABELS:
            raise SystemExit(f"{where}: unknown label {label!r} in {m.group(0)!r}")
        if surface != surface.strip():
            raise SystemExit(f"{where}: whitespace at the edge of {m.group(0)!r}")
        ent = {"start": length, "end": length + len(surface), "label": label, "text": surface}
        if value and value != "?":
            ent["value"] = value
        entities.append(ent)
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(body[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        raise SystemExit(f"{where}: unbalanced markup near {text[text.find('[[') - 20 : text.find('[[') + 40]!r}")
    for e in entities:
        assert text[e["start"] : e["end"]] == e["text"]
    return text, entities


def parse_file(path: Path) -> list[dict]:
    records = []
    raw = path.read_text(encoding="utf-8")
    blocks = re.split(r"^=== ", raw, flags=re.M)
    for block in blocks[1:]:
        head, _, rest = block.partition("\n")
        rid = head.strip()
        meta: dict[str, str] = {}
        lines = rest.split("\n")
        i = 0
        while i < len(lines) and lines[i].strip():
            key, _, val = lines[i].partition(":")
            meta[key.strip()] = val.strip()
            i += 1
        body = "\n".join(lines[i + 1 :]).strip("\n")
        body = re.sub(r"[ \t]+\n", "\n", body)
        text, entities = parse_record(body, f"{path.name}:{rid}")
        published = meta.get("published", "none")
        records.append(
            {
                "id": rid,
                "published": None if published == "none" else published,
                "source": meta.get("source", ""),
                "text": text,
                "entities": entities,
            }
        )
    return records


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    for src in sorted(here.glob("*.gold.txt")):
        records = parse_file(src)
        dst = src.with_name(src.name.replace(".gold.txt", ".jsonl"))
        with dst.open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        n = sum(len(r["entities"]) for r in records)
        print(f"{dst.name}: {len(records)} records, {n} entities")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
