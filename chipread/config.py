"""The chipread.toml file: label set, default annotator, store location, recognizer, keys, guidelines, brat mapping."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chipread.errors import ConfigError
from chipread.guidelines import KINDS, Guidelines
from chipread.inputs import InputRefused, read_limited
from chipread.model import DEFAULT_LABELS, SPEAKER_TYPES, SUGGESTION_TYPES, Label, LabelSet

CONFIG_NAME = "chipread.toml"
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")  # matched whole (fullmatch), as every name here
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
_ROLES = ("speaker", "statement", "none")
_TOP_KEYS = {
    "annotator",
    "adjudicator",
    "db",
    "ner",
    "gazetteer",
    "aliases",
    "labels",
    "keys",
    "theme",
    "guidelines",
    "brat",
}


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    labels: LabelSet = field(default_factory=LabelSet)
    annotator: str | None = None
    # Whose store holds the adjudicated (gold) annotation: `chipread review` writes there.
    adjudicator: str | None = None
    db: Path | None = None
    ner: str = "builtin"
    gazetteer: Path | None = None
    aliases: Path | None = None  # the actors' alias file (gazetteer format)
    # Binding id -> key(s), applied to the TUI with App.set_keymap.
    keys: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    guidelines: Guidelines = field(default_factory=Guidelines)
    # The [brat] table as written: how `import --format brat` maps brat types (checked by chipread.export.brat_mapping).
    brat: dict[str, Any] | None = None


def find_config(corpus: Path) -> Path | None:
    """The chipread.toml inside the corpus folder, else beside it (in its parent folder)."""
    folder = corpus if corpus.is_dir() else corpus.parent
    for candidate in (folder / CONFIG_NAME, folder.parent / CONFIG_NAME):
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None) -> Config:
    """Read and validate a config file; None gives the defaults."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(read_limited(path).decode("utf-8"))
    except InputRefused as exc:
        raise ConfigError(path, None, "file not found" if str(exc) == "no such file" else str(exc)) from None
    except UnicodeDecodeError:
        raise ConfigError(path, None, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, None, f"not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(path, None, "not valid TOML (nested too deeply)") from None
    except OSError as exc:
        raise ConfigError(path, None, exc.strerror or str(exc)) from None
    return _parse(path, data)


def _parse(path: Path, data: dict[str, Any]) -> Config:
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ConfigError(path, unknown[0], f"unknown key (known: {', '.join(sorted(_TOP_KEYS))})")
    base = path.parent
    return Config(
        path=path,
        labels=_labels(path, data.get("labels")),
        annotator=_string(path, data, "annotator"),
        adjudicator=_string(path, data, "adjudicator"),
        db=_path(path, base, data, "db"),
        ner=_string(path, data, "ner") or "builtin",
        gazetteer=_path(path, base, data, "gazetteer"),
        aliases=_path(path, base, data, "aliases"),
        keys=_keys(path, data.get("keys", {})),
        theme=_string(path, data, "theme"),
        guidelines=read_guidelines(data.get("guidelines", {}), path),
        brat=_table(path, data, "brat"),
    )


def _table(path: Path, data: dict[str, Any], key: str) -> dict[str, Any] | None:
    value = data.get(key)
    if value is not None and not isinstance(value, dict):
        raise ConfigError(path, key, f"must be a table ([{key}]), got {value!r}")
    return value


def _string(path: Path, data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path, key, f"must be a non-empty string, got {value!r}")
    return value.strip()


def _path(path: Path, base: Path, data: dict[str, Any], key: str) -> Path | None:
    value = _string(path, data, key)
    if value is None:
        return None
    p = Path(value).expanduser()
    return p if p.is_absolute() else base / p


def _labels(path: Path, raw: Any) -> LabelSet:
    if raw is None:
        return LabelSet()
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(path, "labels", 'must be a table like [labels.actor] key = "a"')
    defaults = {label.name: label for label in DEFAULT_LABELS}
    labels: list[Label] = []
    heads: list[str] = []
    actors: list[str] = []
    seen_keys: dict[str, str] = {}
    unnamed: list[str] = []  # statement labels that name no suggestion type and say nothing about it
    for name, spec in raw.items():
        where = f"labels.{name}"
        if not _NAME.fullmatch(name):
            raise ConfigError(path, where, "a label name is a letter then letters, digits, '_' or '-'")
        if not isinstance(spec, dict):
            raise ConfigError(path, where, "must be a table with key, color and optionally role")
        extra = sorted(set(spec) - {"key", "color", "role", "takes"})
        if extra:
            raise ConfigError(path, f"{where}.{extra[0]}", "unknown key (known: key, color, role, takes)")
        default = defaults.get(name)
        key = spec.get("key", default.key if default else None)
        if not isinstance(key, str) or len(key) != 1 or not key.isprintable() or key.isspace():
            raise ConfigError(path, f"{where}.key", f"must be one printable character, got {key!r}")
        if key in seen_keys:
            raise ConfigError(path, f"{where}.key", f"{key!r} is already the key of {seen_keys[key]}")
        seen_keys[key] = name
        color = _hex_color(spec.get("color", default.color if default else "#a855f7"))
        if color is None:
            raise ConfigError(
                path,
                f"{where}.color",
                f"not a colour: {spec.get('color')!r} (use #rrggbb or a terminal colour name like 'bright_red')",
            )
        role = spec.get("role", _default_role(name))
        if role not in _ROLES:
            raise ConfigError(path, f"{where}.role", f"must be one of {', '.join(_ROLES)}, got {role!r}")
        if role == "speaker":
            actors.append(name)
        elif role == "statement":
            heads.append(name)
        labels.append(Label(name, key, color, _takes(path, where, spec.get("takes"), role, name)))
        if role == "statement" and "takes" not in spec and name not in SUGGESTION_TYPES:
            unnamed.append(name)
    return LabelSet(tuple(_leftover_suggestions(labels, heads, unnamed)), heads=tuple(heads), actors=tuple(actors))


_ENTITY_TYPE = re.compile(r"^[A-Z][A-Z_]{0,31}$")


def _takes(path: Path, where: str, raw: Any, role: str, name: str) -> tuple[str, ...]:
    """What tab stops at for a label: suggestion types for a statement, entity types otherwise."""
    if raw is None:
        if role == "speaker":
            return SPEAKER_TYPES
        return (name,) if role == "statement" and name in SUGGESTION_TYPES else ()
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        raise ConfigError(path, f"{where}.takes", 'must be a list like ["quote"] or ["PERSON", "ORG"]')
    for kind in raw:
        if role == "statement" and kind not in SUGGESTION_TYPES:
            raise ConfigError(
                path,
                f"{where}.takes",
                f"a statement label takes {' or '.join(SUGGESTION_TYPES)} suggestions, got {kind!r}",
            )
        if role != "statement" and not _ENTITY_TYPE.match(kind):
            raise ConfigError(path, f"{where}.takes", f"not an entity type like PERSON or ORG: {kind!r}")
    return tuple(raw)


def _leftover_suggestions(labels: list[Label], heads: list[str], unnamed: list[str]) -> list[Label]:
    """A statement label that names no suggestion type (a renamed claim label) takes the types no other label
    takes, so renaming a label in chipread.toml never silently loses its suggestions."""
    taken = {kind for label in labels if label.name in heads for kind in label.takes}
    left = tuple(kind for kind in SUGGESTION_TYPES if kind not in taken)
    return [Label(label.name, label.key, label.color, left) if label.name in unnamed else label for label in labels]


# [guidelines] keys: each a choice between two words, the first the default.
_CHOICES = {
    "quote_marks": ("out", "in"),
    "host_punctuation": ("out", "in"),
    "claim": ("content", "with-subject"),
    "complementizer": ("out", "in"),
    "nesting": ("nested", "flat"),
}


def read_guidelines(raw: Any, path: object = "[guidelines]") -> Guidelines:
    """A [guidelines] table (as TOML reads it) as Guidelines; a mistake is a ConfigError naming `path` and the key."""
    if not isinstance(raw, dict):
        raise ConfigError(path, "guidelines", 'must be a table like [guidelines] quote_marks = "in"')
    known = (*_CHOICES, "suggest")
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ConfigError(path, f"guidelines.{unknown[0]}", f"unknown key (known: {', '.join(known)})")
    chosen = {}
    for key, options in _CHOICES.items():
        value = raw.get(key, options[0])
        if value not in options:
            raise ConfigError(path, f"guidelines.{key}", f"must be {' or '.join(map(repr, options))}, got {value!r}")
        chosen[key] = value == options[1]
    kinds = raw.get("suggest", list(KINDS))
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
        raise ConfigError(path, "guidelines.suggest", f"must be a list of kinds among {', '.join(KINDS)}")
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise ConfigError(path, "guidelines.suggest", f"unknown kind {bad[0]!r} (known: {', '.join(KINDS)})")
    return Guidelines(
        quote_marks=chosen["quote_marks"],
        host_punctuation=chosen["host_punctuation"],
        claim_subject=chosen["claim"],
        complementizer=chosen["complementizer"],
        kinds=frozenset(kinds),
        nested=not chosen["nesting"],
    )


def _default_role(name: str) -> str:
    return {"actor": "speaker", "claim": "statement", "quote": "statement"}.get(name, "none")


def _hex_color(color: object) -> str | None:
    """The colour as #rrggbb, or None: every consumer (Rich, Textual, tcss) then reads the same value."""
    if not isinstance(color, str):
        return None
    color = color.strip()
    if _HEX.fullmatch(color):
        digits = color[1:]
        return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits)).lower()
    # Rich knows the terminal colour names; importing it here is cheap and keeps Textual out of the core.
    from rich.color import Color, ColorParseError

    try:
        return Color.parse(color).get_truecolor().hex
    except ColorParseError:
        return None


def _keys(path: Path, raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ConfigError(path, "keys", 'must be a table of action = "key" lines')
    keys: dict[str, str] = {}
    for action, key in raw.items():
        if not isinstance(key, str) or not key.strip():
            raise ConfigError(path, f"keys.{action}", f'must be a key name like "j" or "ctrl+d", got {key!r}')
        keys[action] = key.strip()
    return keys


def personal_config_path() -> Path:
    """Your own config, never shared with a team: $XDG_CONFIG_HOME/chipread/chipread.toml (~/.config/...)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "chipread" / CONFIG_NAME


def personal_annotator() -> tuple[str | None, Path]:
    """The `annotator` of your personal config (None if it has none or does not exist), and its path."""
    path = personal_config_path()
    if not path.is_file():
        return None, path
    return load_config(path).annotator, path
