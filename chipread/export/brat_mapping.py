"""How brat types become chipread labels and relations: as written, the `attribution` preset, or a [brat] table.

Without a mapping, a brat type is read as the chipread label (or relation label) of the same
name if the collection's annotation.conf declares it or the label set has it; any other type is
an unknown type (one problem per line). A mapping starts from a preset or from that default and
changes what it names:

    [brat]
    preset = "attribution"      # optional: start from a preset
    quote_extent = "exact"      # "guidelines": direct quotations stored as [guidelines] says (marks in or out)
    join_fragments = false      # true: a discontinuous span becomes one span over its gaps
    [brat.types]                # brat entity or relation type = chipread label; "" drops it
    Cue = "cue"
    Content = "quote|claim"     # "A|B": A when the span is a direct quotation, else B
    [brat.events.Attribution]   # an event becomes relations from its head role to its child role
    head = "Content"
    child = "Source"
    label = "attributed_to"

On the command line, `--map attribution` names a preset, `--map Cue=cue` (or `Cue=`) one type,
and `--map FILE.toml` a file holding such a table; later ones win, and all of them win over
chipread.toml's [brat].
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from chipread.errors import ConfigError, ImportFailed
from chipread.model import DEFAULT_RELATION

from .incoming import short

# The marks a direct quotation opens and closes with (straight, curly, guillemets, low-9).
_OPEN_MARKS = "\"'“‘«„‚»"
_CLOSE_MARKS = "\"'”’»“«"
_HOST_PUNCTUATION = ",."
_LABEL = re.compile(r"^[^\s|]+$")
_ROLE_NUMBER = re.compile(r"\d+$")


@dataclass(frozen=True)
class EventRule:
    """What an event type becomes: a relation from each `head` argument to each `child` argument (None: none)."""

    head: str | None = None
    child: str | None = None
    label: str = DEFAULT_RELATION


@dataclass(frozen=True)
class BratMapping:
    """brat types -> chipread labels. A value None drops the type; (A, B) is A for a direct quotation, else B."""

    types: dict[str, str | tuple[str, str] | None] = field(default_factory=dict)
    events: dict[str, EventRule] = field(default_factory=dict)
    # Whether types the mapping does not name are read as the label of the same name when the collection
    # declares them (annotation.conf) or the label set has them; a preset turns this off.
    use_as_written: bool = True
    quote_extent: str = "exact"  # or "guidelines": direct quotations take the extent chipread.toml's [guidelines] gives
    join_fragments: bool = False
    described: str = "the types declared in annotation.conf or in the label set"

    def known(self, type_: str, as_written: frozenset[str]) -> bool:
        return type_ in self.types or type_ in self.events or (self.use_as_written and type_ in as_written)

    def label(self, type_: str) -> str | tuple[str, str] | None:
        return self.types[type_] if type_ in self.types else type_


ATTRIBUTION = BratMapping(
    types={
        "Source": "actor",
        "Content": ("quote", "claim"),
        "Cue": None,
        "Attribution": None,  # the event's trigger (PolNeAR writes it over the cue)
        "Attribution-no-source": None,
        "Supplement": None,  # PARC: context an attribution needs, not part of it
        "Discuss": None,  # PolNeAR: passages its annotators flagged for discussion
        "Discard": None,  # PolNeAR: boilerplate its annotators set aside
    },
    events={
        "Attribution": EventRule("Content", "Source", DEFAULT_RELATION),
        "Attribution-no-source": EventRule(),  # agentless: the content is kept, there is nobody to link
    },
    use_as_written=False,
    described="the attribution preset's types (Source, Content, Cue, Attribution, Attribution-no-source, "
    "Supplement, Discuss, Discard)",
)

PRESETS = {"attribution": ATTRIBUTION}
QUOTE_EXTENTS = ("exact", "guidelines")


def role_name(role: str) -> str:
    """brat numbers a repeated role (Content2): the role it repeats."""
    return _ROLE_NUMBER.sub("", role) or role


def quotation_marks(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The positions of the opening and closing marks when text[start:end] is a direct quotation (it starts
    with a quotation mark and ends with one, a comma or full stop allowed just after it), else None."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 3 or text[start] not in _OPEN_MARKS:
        return None
    close = end - 1
    if text[close] in _HOST_PUNCTUATION and text[close - 1] in _CLOSE_MARKS:
        close -= 1  # British style: the full stop or comma after the closing mark
    if close <= start or text[close] not in _CLOSE_MARKS:
        return None
    if not any(c.isalnum() for c in text[start + 1 : close]):
        return None
    return start, close


def _type_value(value: Any, where: str, fail) -> str | tuple[str, str] | None:
    if not isinstance(value, str):
        fail(where, f'must be a label name, "" to drop the type, or "quote|claim", got {value!r}')
    value = value.strip()
    if not value:
        return None
    if "|" in value:
        quote, _, other = value.partition("|")
        if not _LABEL.match(quote.strip()) or not _LABEL.match(other.strip()):
            fail(where, f'"A|B" needs two label names, got {value!r}')
        return quote.strip(), other.strip()
    if not _LABEL.match(value):
        fail(where, f"a label name has no spaces, got {value!r}")
    return value


def apply_table(mapping: BratMapping, raw: Any, fail) -> BratMapping:
    """The mapping changed by a [brat] table; fail(key, message) raises the caller's one-line error."""
    if not isinstance(raw, dict):
        fail("brat", 'must be a table like [brat] preset = "attribution"')
    known = ("preset", "types", "events", "quote_extent", "join_fragments")
    unknown = sorted(set(raw) - set(known))
    if unknown:
        fail(f"brat.{unknown[0]}", f"unknown key (known: {', '.join(known)})")
    if "preset" in raw:
        name = raw["preset"]
        if name not in PRESETS:
            fail("brat.preset", f"unknown preset {name!r} (presets: {', '.join(PRESETS)})")
        mapping = replace(PRESETS[name], quote_extent=mapping.quote_extent, join_fragments=mapping.join_fragments)
    if "quote_extent" in raw:
        if raw["quote_extent"] not in QUOTE_EXTENTS:
            fail("brat.quote_extent", f"must be {' or '.join(map(repr, QUOTE_EXTENTS))}, got {raw['quote_extent']!r}")
        mapping = replace(mapping, quote_extent=raw["quote_extent"])
    if "join_fragments" in raw:
        if not isinstance(raw["join_fragments"], bool):
            fail("brat.join_fragments", f"must be true or false, got {raw['join_fragments']!r}")
        mapping = replace(mapping, join_fragments=raw["join_fragments"])
    types = raw.get("types", {})
    if not isinstance(types, dict):
        fail("brat.types", 'must be a table of Type = "label" lines')
    new_types = dict(mapping.types)
    for name, value in types.items():
        new_types[name] = _type_value(value, f"brat.types.{name}", fail)
    events = raw.get("events", {})
    if not isinstance(events, dict):
        fail("brat.events", "must hold one table per event type, like [brat.events.Attribution]")
    new_events = dict(mapping.events)
    for name, spec in events.items():
        where = f"brat.events.{name}"
        if not isinstance(spec, dict):
            fail(where, 'must be a table with head, child and label (e.g. head = "Content")')
        extra = sorted(set(spec) - {"head", "child", "label"})
        if extra:
            fail(f"{where}.{extra[0]}", "unknown key (known: head, child, label)")
        values = {}
        for key in ("head", "child", "label"):
            value = spec.get(key)
            if value is not None and (not isinstance(value, str) or not _LABEL.match(value)):
                fail(f"{where}.{key}", f"must be a name without spaces, got {value!r}")
            values[key] = value
        if (values["head"] is None) != (values["child"] is None):
            fail(where, "give both head and child (or neither: the event then links nothing)")
        new_events[name] = EventRule(values["head"], values["child"], values["label"] or DEFAULT_RELATION)
    return replace(mapping, types=new_types, events=new_events)


def _config_fail(path: Path | None):
    def fail(key: str, message: str):
        raise ConfigError(path or "chipread.toml", key, message)

    return fail


def resolve(
    table: Any = None,
    config_path: Path | None = None,
    maps: tuple[str, ...] = (),
    *,
    quote_extent: str | None = None,
    join_fragments: bool = False,
) -> BratMapping:
    """The mapping chipread.toml's [brat] table and the --map values (in order) describe."""
    mapping = BratMapping()
    if table is not None:
        mapping = apply_table(mapping, table, _config_fail(config_path))
    for value in maps:
        mapping = _apply_map(mapping, value)
    if quote_extent is not None:
        mapping = replace(mapping, quote_extent=quote_extent)
    if join_fragments:
        mapping = replace(mapping, join_fragments=True)
    return mapping


def _apply_map(mapping: BratMapping, value: str) -> BratMapping:
    value = value.strip()
    if "=" in value:
        name, _, label = value.partition("=")
        name = name.strip()
        if not name or not _LABEL.match(name):
            raise ImportFailed(f"--map {short(value)}: expected TYPE=LABEL (or TYPE= to drop the type)")

        def fail(_key: str, message: str):
            raise ImportFailed(f"--map {short(value)}: {message}")

        return replace(mapping, types={**mapping.types, name: _type_value(label, name, fail)})
    if value in PRESETS:
        return replace(PRESETS[value], quote_extent=mapping.quote_extent, join_fragments=mapping.join_fragments)
    path = Path(value).expanduser()
    if path.suffix.lower() == ".toml" or path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ImportFailed(f"--map {value}: no such file") from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ImportFailed(f"--map {value}: cannot read it as TOML ({exc})") from None
        return apply_table(mapping, data.get("brat", data), _config_fail(path))
    raise ImportFailed(
        f"--map {short(value)}: not a preset ({', '.join(PRESETS)}), a TYPE=LABEL pair or a .toml file with a [brat] table"
    )
