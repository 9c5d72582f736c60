"""Every key binding of the annotator, with ids, sections and help text: the footer, the help screen and the config check all read these."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from chipread.config import Config
from chipread.errors import ConfigError
from chipread.model import LabelSet

if TYPE_CHECKING:
    from textual.binding import Binding

# Textual is imported only where a binding is made or a key named: the CLI checks a config's [keys]
# with check_binding_ids without loading Textual (only the annotator itself needs it).


@dataclass(frozen=True)
class KeySpec:
    """One remappable binding: `id` is what the config's [keys] table names."""

    id: str
    keys: str  # comma-separated defaults, Textual key names or single characters
    action: str
    description: str  # short, for the footer
    help: str  # one line, for the help screen
    section: str
    show: bool = False  # in the footer
    priority: bool = False

    def binding(self) -> Binding:
        from textual.binding import Binding

        return Binding(self.keys, self.action, self.description, show=self.show, id=self.id, priority=self.priority)


MOVE, JUMP, SELECT, EDIT, TAG, LINK, ARTICLES, VIEW, LIBRARY, PANEL, ACTORS, TIMELINE, DIALOG, HELP, APP, REVIEW = (
    "Move",
    "Jump",
    "Select",
    "Resize a selection or a span",
    "Tag",
    "Link",
    "Articles",
    "View",
    "Library",
    "Span list",
    "Actors",
    "Timeline",
    "Dialogs",
    "This screen",
    "Everywhere",
    "Review (adjudication)",
)

# One key from the library and from the reader: the actors screen (one id, so one remap moves both).
OPEN_ACTORS = KeySpec(
    "open-actors", "@", "app.actors", "actors", "who said what: every actor across the corpus", ARTICLES
)

# The reader's text view: moving the cursor and selecting (no annotation logic here).
VIEW_KEYS: tuple[KeySpec, ...] = (
    KeySpec("token-next", "right,l", "token(1)", "token", "next token", MOVE),
    KeySpec("token-prev", "left,h", "token(-1)", "token", "previous token", MOVE),
    KeySpec("line-down", "down,j", "line(1)", "line", "line down", MOVE),
    KeySpec("line-up", "up,k", "line(-1)", "line", "line up", MOVE),
    KeySpec("word-next", "w", "word(1)", "word", "next word (skips punctuation)", MOVE),
    KeySpec("word-prev", "b", "word(-1)", "word", "previous word", MOVE),
    KeySpec("sentence-next", ")", "sentence(1)", "sentence", "start of the next sentence", MOVE),
    KeySpec("sentence-prev", "(", "sentence(-1)", "sentence", "start of this or the previous sentence", MOVE),
    KeySpec("top", "g", "top", "top", "top of the article", MOVE),
    KeySpec("bottom", "G", "bottom", "bottom", "bottom of the article", MOVE),
    KeySpec("page-down", "pagedown", "page(1)", "page", "page down", MOVE),
    KeySpec("page-up", "pageup", "page(-1)", "page", "page up", MOVE),
    KeySpec("select-toggle", "v", "visual", "select", "start a selection at the cursor; again to end it", SELECT),
)

# The reader screen: annotation, linking, articles.
READER_KEYS: tuple[KeySpec, ...] = (
    KeySpec(
        "next-suggestion",
        "tab",
        "next_suggestion",
        "next",
        "next untagged suggestion: a quote, a claim or a speaker-like name; next speaker when linking",
        JUMP,
        show=True,
    ),
    KeySpec(
        "prev-suggestion",
        "shift+tab",
        "prev_suggestion",
        "prev",
        "previous untagged suggestion; previous speaker when linking",
        JUMP,
    ),
    KeySpec("next-span", "}", "span(1)", "span", "next tagged span", JUMP),
    KeySpec("prev-span", "{", "span(-1)", "span", "previous tagged span", JUMP),
    KeySpec("search", "slash", "search", "search", "search the text as you type (enter keeps the match)", JUMP),
    KeySpec("search-next", "n", "search_again(1)", "next match", "next match of the search", JUMP),
    KeySpec("search-prev", "N", "search_again(-1)", "prev match", "previous match of the search", JUMP),
    KeySpec("select-entity", "e", "select_entity", "entity", "select the entity under the cursor", SELECT),
    KeySpec(
        "select-sentence",
        "s",
        "select_sentence",
        "sentence",
        "select the sentence under the cursor (as the guidelines shape a claim)",
        SELECT,
    ),
    KeySpec(
        "select-clause",
        "comma",
        "select_clause",
        "clause",
        "select from the cursor to the end of its clause (the next comma, colon or full stop)",
        SELECT,
    ),
    KeySpec(
        "select-quotation",
        '"',
        "select_quotation",
        "quotation",
        "select the quotation around the cursor (as the guidelines shape a quote)",
        SELECT,
    ),
    KeySpec(
        "escape",
        "escape",
        "escape",
        "back",
        "clear the selection / cancel linking / back to the library",
        SELECT,
        show=True,
    ),
    # Span editing: the selection, else the suggestion tab jumped to, else the tagged span under the cursor
    # (it keeps its label, links and id), else a new selection at the cursor.
    KeySpec("extend-next", "shift+right", "resize('end', 1, 'token')", "end →", "move the end a token right", EDIT),
    KeySpec("extend-prev", "shift+left", "resize('end', -1, 'token')", "end ←", "move the end a token left", EDIT),
    KeySpec("end-word-next", ">", "resize('end', 1, 'word')", "end ⇥", "move the end a word right", EDIT),
    KeySpec("end-word-prev", "<", "resize('end', -1, 'word')", "end ⇤", "move the end a word left", EDIT),
    KeySpec(
        "end-clause-next", "ctrl+right", "resize('end', 1, 'clause')", "end »", "move the end a clause right", EDIT
    ),
    KeySpec("end-clause-prev", "ctrl+left", "resize('end', -1, 'clause')", "end «", "move the end a clause left", EDIT),
    KeySpec("start-prev", "H", "resize('start', 1, 'token')", "start ←", "move the start a token left", EDIT),
    KeySpec("start-next", "L", "resize('start', -1, 'token')", "start →", "move the start a token right", EDIT),
    KeySpec("start-word-prev", "B", "resize('start', 1, 'word')", "start ⇤", "move the start a word left", EDIT),
    KeySpec("start-word-next", "W", "resize('start', -1, 'word')", "start ⇥", "move the start a word right", EDIT),
    KeySpec(
        "start-clause-prev",
        "ctrl+shift+left",
        "resize('start', 1, 'clause')",
        "start «",
        "move the start a clause left (some terminals send no ctrl+shift+arrows: remap it in [keys])",
        EDIT,
    ),
    KeySpec(
        "start-clause-next",
        "ctrl+shift+right",
        "resize('start', -1, 'clause')",
        "start »",
        "move the start a clause right",
        EDIT,
    ),
    KeySpec(
        "delete-span",
        "x,delete",
        "delete_span",
        "delete",
        "delete the span under the cursor (innermost)",
        TAG,
        show=True,
    ),
    KeySpec("undo", "u,ctrl+z", "undo", "undo", "undo the last change in this article (persistent)", TAG, show=True),
    KeySpec("redo", "U,ctrl+y", "redo", "redo", "redo", TAG),
    KeySpec("repeat", ".", "repeat", "repeat", "tag the next suggestion with the last label", TAG),
    KeySpec(
        "tag-mentions",
        "asterisk",
        "tag_mentions",
        "every mention",
        "tag every mention of the actor under the cursor in this article (one undo step)",
        TAG,
    ),
    KeySpec(
        "accept-all",
        "plus",
        "accept_all",
        "accept all",
        "review every untagged suggestion of a label, then tag them all (one undo step)",
        TAG,
    ),
    KeySpec(
        "link",
        "r",
        "link",
        "link",
        "link the quote or claim under the cursor to its speaker: the proposal, or move to any mention",
        LINK,
        show=True,
    ),
    KeySpec(
        "accept",
        "enter",
        "accept",
        "take",
        "take what the status line offers: the speaker it names, or the suggestion tab jumped to (as suggested, or "
        "trimmed or grown by the resize keys) with its speaker",
        LINK,
        show=True,
    ),
    KeySpec("done", "d", "done", "done", "mark the article done and open the next one to do", ARTICLES, show=True),
    OPEN_ACTORS,
    KeySpec("next-article", "]", "article(1)", "next", "next article", ARTICLES),
    KeySpec("prev-article", "[", "article(-1)", "prev", "previous article", ARTICLES),
    KeySpec(
        "project-copy",
        "P",
        "project_copy",
        "copy",
        "bring a wire copy's annotations over where their text is found (one undo step)",
        TAG,
    ),
    KeySpec("toggle-panel", "p", "toggle_panel", "spans", "show or hide the span list", VIEW),
    KeySpec(
        "focus-panel", "o", "focus_panel", "list", "go to the span list (enter jumps, x deletes, escape returns)", VIEW
    ),
)

# The span list beside (or below) the text.
PANEL_KEYS: tuple[KeySpec, ...] = (
    KeySpec("panel-down", "down,j", "move(1)", "down", "next row", PANEL),
    KeySpec("panel-up", "up,k", "move(-1)", "up", "previous row", PANEL),
    KeySpec("panel-jump", "enter", "jump", "jump", "jump to the span in the text", PANEL, show=True),
    KeySpec("panel-delete", "x,delete", "delete", "delete", "delete the span or the link", PANEL, show=True),
    KeySpec("panel-leave", "escape,o", "leave", "text", "back to the text", PANEL, show=True),
)

LIBRARY_KEYS: tuple[KeySpec, ...] = (
    KeySpec("library-open", "enter", "open", "open", "open the article", LIBRARY, show=True),
    KeySpec(
        "library-filter",
        "slash",
        "filter",
        "filter title, status, who",
        "filter by title, source, file, status or annotator as you type",
        LIBRARY,
        show=True,
    ),
    KeySpec("library-sort", "o", "sort", "sort", "sort by date, title or status (cycles)", LIBRARY, show=True),
    KeySpec("library-down", "down,j", "cursor(1)", "down", "next article", LIBRARY),
    KeySpec("library-up", "up,k", "cursor(-1)", "up", "previous article", LIBRARY),
    KeySpec("library-page-down", "pagedown", "page(1)", "page", "a page of articles down", LIBRARY),
    KeySpec("library-page-up", "pageup", "page(-1)", "page", "a page of articles up", LIBRARY),
    KeySpec("library-top", "home,g", "edge(-1)", "top", "first article", LIBRARY),
    KeySpec("library-bottom", "end,G", "edge(1)", "bottom", "last article", LIBRARY),
    KeySpec("library-clear-filter", "escape", "clear_filter", "clear", "clear the filter", LIBRARY),
    KeySpec("library-set-date", "D", "set_date", "date", "set the date of an article that states none", LIBRARY),
    replace(OPEN_ACTORS, section=LIBRARY, show=True),
)

# The actors screen: every actor across the corpus.
ACTORS_KEYS: tuple[KeySpec, ...] = (
    KeySpec(
        "actors-open", "enter", "open", "timeline", "the actor's statements across articles, by date", ACTORS, show=True
    ),
    KeySpec("actors-filter", "slash", "filter", "filter", "filter actors by name as you type", ACTORS, show=True),
    KeySpec("actors-down", "down,j", "cursor(1)", "down", "next actor", ACTORS),
    KeySpec("actors-up", "up,k", "cursor(-1)", "up", "previous actor", ACTORS),
    KeySpec("actors-page-down", "pagedown", "page(1)", "page", "a page of actors down", ACTORS),
    KeySpec("actors-page-up", "pageup", "page(-1)", "page", "a page of actors up", ACTORS),
    KeySpec("actors-mark", "space", "mark", "mark", "mark the actor to merge (again to unmark)", ACTORS, show=True),
    KeySpec("actors-merge", "m", "merge", "merge", "merge the marked actors into this one", ACTORS, show=True),
    KeySpec(
        "actors-split",
        "s",
        "split",
        "split",
        "split some of this actor's names off into a new actor",
        ACTORS,
        show=True,
    ),
    KeySpec(
        "actors-confirm", "c", "confirm", "confirm", "confirm chipread's grouping of this actor", ACTORS, show=True
    ),
    KeySpec(
        "actors-accept", "y", "accept", "accept", "make the merge chipread suggests (metonymy, a shared name)", ACTORS
    ),
    KeySpec("actors-rename", "r", "rename", "rename", "rename the actor", ACTORS),
    KeySpec("actors-undo", "u,ctrl+z", "undo", "undo", "undo the last actor change (persistent)", ACTORS, show=True),
    KeySpec("actors-redo", "U,ctrl+y", "redo", "redo", "redo", ACTORS),
    KeySpec("actors-back", "escape", "back", "back", "clear the filter / back", ACTORS, show=True),
)

# An actor's timeline: their statements in date order.
TIMELINE_KEYS: tuple[KeySpec, ...] = (
    KeySpec("timeline-open", "enter", "open", "open", "open the article at this statement", TIMELINE, show=True),
    KeySpec("timeline-down", "down,j", "cursor(1)", "down", "next statement", TIMELINE),
    KeySpec("timeline-up", "up,k", "cursor(-1)", "up", "previous statement", TIMELINE),
    KeySpec("timeline-page-down", "pagedown", "page(1)", "page", "a page of statements down", TIMELINE),
    KeySpec("timeline-page-up", "pageup", "page(-1)", "page", "a page of statements up", TIMELINE),
    KeySpec(
        "timeline-set-date", "D", "set_date", "date", "set the date of this statement's article", TIMELINE, show=True
    ),
    KeySpec("timeline-back", "escape", "back", "back", "back to the actors", TIMELINE, show=True),
)

# The small dialogs of the actors screens (split, rename, a date, a projection's report).
DIALOG_KEYS: tuple[KeySpec, ...] = (
    KeySpec("dialog-done", "enter", "done", "done", "accept the dialog", DIALOG, show=True),
    KeySpec("dialog-cancel", "escape", "cancel", "cancel", "close the dialog, changing nothing", DIALOG, show=True),
)

# The review screen: from disagreement to disagreement, one key to settle each into the adjudicator's store.
REVIEW_KEYS: tuple[KeySpec, ...] = (
    KeySpec("review-next", "n,tab", "move(1)", "next", "next disagreement", REVIEW, show=True),
    KeySpec("review-prev", "N,shift+tab", "move(-1)", "prev", "previous disagreement", REVIEW),
    *(
        KeySpec(
            f"review-accept-{n}",
            str(n),
            f"accept({n})",
            "accept" if n == 1 else f"accept {n}",
            f"accept version {n} into the adjudicator's store",
            REVIEW,
            show=n == 1,
        )
        for n in range(1, 10)
    ),
    KeySpec(
        "review-reject",
        "0,x",
        "reject",
        "none",
        "none of them: the adjudicator's store keeps nothing here",
        REVIEW,
        show=True,
    ),
    KeySpec("review-edit", "e", "edit", "edit", "edit here in the reader, as the adjudicator", REVIEW, show=True),
    KeySpec("review-agreed", "A", "agreed", "agreed", "accept every agreed item not yet accepted", REVIEW),
    KeySpec("review-undo", "u,ctrl+z", "undo", "undo", "undo the adjudicator's last change here", REVIEW, show=True),
    KeySpec("review-redo", "U,ctrl+y", "redo", "redo", "redo", REVIEW),
    KeySpec("review-done", "d", "done", "done", "mark adjudicated and review the next article", REVIEW, show=True),
    KeySpec("review-back", "escape", "back", "back", "back to the library", REVIEW, show=True),
)

HELP_KEYS: tuple[KeySpec, ...] = (
    KeySpec("help-close", "escape,question_mark,q", "dismiss", "close", "close this screen", HELP, show=True),
    KeySpec("help-down", "down,j", "scroll(1)", "down", "scroll down", HELP),
    KeySpec("help-up", "up,k", "scroll(-1)", "up", "scroll up", HELP),
)


# The one-screen look at every suggestion of a label before tagging them all, and the export dialog.
ACCEPT_ALL_KEYS: tuple[KeySpec, ...] = (
    KeySpec("accept-all-run", "enter", "accept", "tag them all", "tag every suggestion listed", DIALOG, show=True),
    KeySpec("accept-all-cancel", "escape", "dismiss_review", "cancel", "close without tagging", DIALOG, show=True),
    KeySpec("accept-all-down", "down,j", "scroll(1)", "down", "scroll the list down", DIALOG),
    KeySpec("accept-all-up", "up,k", "scroll(-1)", "up", "scroll the list up", DIALOG),
)
EXPORT_KEYS: tuple[KeySpec, ...] = (
    KeySpec("export-run", "ctrl+s", "export", "export", "export (enter in a field does it too)", DIALOG, show=True),
    KeySpec("export-cancel", "escape", "cancel", "cancel", "close without exporting", DIALOG, show=True),
)

APP_KEYS: tuple[KeySpec, ...] = (
    KeySpec("help", "question_mark", "help", "help", "every key (this screen)", APP, show=True),
    KeySpec(
        "command-palette",
        "ctrl+p",
        "command_palette",
        "palette",
        "command palette: jump to an article, export, label actions",
        APP,
        show=True,
        priority=True,
    ),
    KeySpec("quit", "ctrl+q", "quit", "quit", "quit (everything is already saved)", APP, show=True, priority=True),
)

GROUPS = (
    VIEW_KEYS,
    READER_KEYS,
    PANEL_KEYS,
    LIBRARY_KEYS,
    REVIEW_KEYS,
    ACTORS_KEYS,
    TIMELINE_KEYS,
    DIALOG_KEYS,
    HELP_KEYS,
    ACCEPT_ALL_KEYS,
    EXPORT_KEYS,
    APP_KEYS,
)
FIXED_IDS = {spec.id for group in GROUPS for spec in group}


def label_keys(labels: LabelSet, keymap: Mapping[str, str] | None = None) -> tuple[KeySpec, ...]:
    """Two bindings per label: its key tags (from the label set; remappable as tag-<label>), and the same key in
    capitals jumps to the next untagged suggestion that label takes (jump-<label>), when no other binding of the
    reader has that capital (the user's keymap applied)."""
    keymap = keymap or {}
    taken = {k for spec in (*VIEW_KEYS, *READER_KEYS, *APP_KEYS) for k in effective_keys(spec, keymap)}
    for label in labels.labels:
        taken |= {normalize(k) for k in keymap.get(f"tag-{label.name}", label.key).split(",") if k.strip()}
    specs: list[KeySpec] = []
    for label in labels.labels:
        specs.append(
            KeySpec(
                f"tag-{label.name}",
                label.key,
                f"tag('{label.name}')",
                label.name,
                f"tag the selection, or the {label.name} suggestion under the cursor, as {label.name}",
                TAG,
                show=False,  # the legend above the text shows each label with its key
            )
        )
        capital = label.key.upper()
        what = "quote or claim suggestion" if label.name in labels.heads else "name"
        free = capital != label.key and normalize(capital) not in taken
        specs.append(
            KeySpec(
                f"jump-{label.name}",
                capital if free or keymap.get(f"jump-{label.name}") else "",
                f"jump('{label.name}')",
                label.name,
                f"next untagged {what} to tag as {label.name}",
                JUMP,
            )
        )
    return tuple(specs)


def bindings(specs: Iterable[KeySpec], keymap: Mapping[str, str] | None = None) -> list[Binding]:
    """Textual bindings for these specs (a spec with no default key is bound only when `keymap` gives it one)."""
    keymap = keymap or {}
    return [
        spec.binding() if spec.keys else replace(spec, keys=keymap[spec.id]).binding()
        for spec in specs
        if spec.keys or spec.id in keymap
    ]


def normalize(key: str) -> str:
    """A key as Textual names it in key events ("?" -> "question_mark", "G" stays "G")."""
    from textual.keys import _character_to_key

    key = key.strip()
    return _character_to_key(key) if len(key) == 1 else key


def effective_keys(spec: KeySpec, keymap: Mapping[str, str]) -> list[str]:
    """The keys that trigger `spec` once the user's keymap is applied."""
    return [normalize(k) for k in keymap.get(spec.id, spec.keys).split(",") if k.strip()]


def check_keys(config: Config) -> dict[str, str]:
    """Validate the config's [keys] table and the label keys; returns the keymap for App.set_keymap.

    Fails with one ConfigError line naming the label (or binding) and the key that collide.
    """
    keymap = check_binding_ids(config)
    specs = label_keys(config.labels, keymap)
    labels = tuple(spec for spec in specs if spec.id.startswith("tag-"))
    jumps = tuple(spec for spec in specs if spec.id.startswith("jump-"))
    # Each place that has the focus sees its own keys, its screen's and the app's: no key may mean two
    # things in one place. The span list's keys shadow the reader's on purpose (o leaves the list, x
    # deletes the row), so they are checked among themselves and against the app's keys; the help
    # screen's close key shadows the app's help key on purpose (? opens and closes it), so it is
    # checked against the app's priority keys only.
    priority = tuple(spec for spec in APP_KEYS if spec.priority)
    _check_scope(config, keymap, labels, (*VIEW_KEYS, *READER_KEYS, *jumps, *APP_KEYS))
    _check_scope(config, keymap, (), (*PANEL_KEYS, *APP_KEYS))
    _check_scope(config, keymap, (), (*LIBRARY_KEYS, *APP_KEYS))
    _check_scope(config, keymap, (), (*REVIEW_KEYS, *APP_KEYS))
    _check_scope(config, keymap, (), (*ACTORS_KEYS, *APP_KEYS))
    _check_scope(config, keymap, (), (*TIMELINE_KEYS, *APP_KEYS))
    _check_scope(config, keymap, (), (*DIALOG_KEYS, *priority))
    _check_scope(config, keymap, (), (*HELP_KEYS, *priority))
    _check_scope(config, keymap, (), (*ACCEPT_ALL_KEYS, *priority))
    _check_scope(config, keymap, (), (*EXPORT_KEYS, *priority))
    return keymap


def check_binding_ids(config: Config) -> dict[str, str]:
    """Every id in the config's [keys] names a binding (one ConfigError line naming a misspelled one).

    Pure (no Textual): every command checks it, so a typo is found by `chipread list` as by the annotator.
    """
    known = FIXED_IDS | {spec.id for spec in label_keys(config.labels)}
    for binding_id in config.keys:
        if binding_id not in known:
            raise ConfigError(
                config.path, f"keys.{binding_id}", "unknown binding id (press ? in chipread to see them all)"
            )
    return dict(config.keys)


def _check_scope(
    config: Config, keymap: Mapping[str, str], labels: Iterable[KeySpec], others: Iterable[KeySpec]
) -> None:
    owner: dict[str, KeySpec] = {}
    for spec in others:
        for key in effective_keys(spec, keymap):
            if key in owner and owner[key].id != spec.id:
                # Name the binding the user remapped, not the default it ran into.
                culprit, other = (
                    (owner[key], spec) if owner[key].id in keymap and spec.id not in keymap else (spec, owner[key])
                )
                raise ConfigError(
                    config.path,
                    f"keys.{culprit.id}",
                    f"{key!r} is already the key of {other.id} ({other.help}); pick another key",
                )
            owner[key] = spec
    for spec in labels:
        name = spec.id.removeprefix("tag-")
        for key in effective_keys(spec, keymap):
            if key in owner:
                other = owner[key]
                where = f"keys.{spec.id}" if spec.id in keymap else f"labels.{name}.key"
                shown = keymap.get(spec.id, spec.keys)
                raise ConfigError(
                    config.path,
                    where,
                    f"label {name!r} uses key {shown!r}, which is already the key of {other.id} ({other.help}); "
                    f"choose another key for {name} or remap {other.id} in [keys]",
                )
            owner[key] = spec


def spec_of(binding_id: str, labels: LabelSet, keymap: Mapping[str, str] | None = None) -> KeySpec:
    for spec in (*(spec for group in GROUPS for spec in group), *label_keys(labels, keymap)):
        if spec.id == binding_id:
            return spec
    raise KeyError(binding_id)


def sections(labels: LabelSet, keymap: Mapping[str, str] | None = None) -> list[tuple[str, list[KeySpec]]]:
    """Every binding grouped for the help screen, in reading order."""
    order = (
        MOVE,
        JUMP,
        SELECT,
        EDIT,
        TAG,
        LINK,
        ARTICLES,
        VIEW,
        PANEL,
        LIBRARY,
        REVIEW,
        ACTORS,
        TIMELINE,
        DIALOG,
        HELP,
        APP,
    )
    grouped: dict[str, list[KeySpec]] = {name: [] for name in order}
    everything = (
        *VIEW_KEYS,
        *label_keys(labels, keymap),
        *READER_KEYS,
        *PANEL_KEYS,
        *LIBRARY_KEYS,
        *REVIEW_KEYS,
        *ACTORS_KEYS,
        *TIMELINE_KEYS,
        *DIALOG_KEYS,
        *HELP_KEYS,
        *ACCEPT_ALL_KEYS,
        *EXPORT_KEYS,
        *APP_KEYS,
    )
    seen: set[str] = set()
    for spec in everything:
        if spec.id not in seen:  # a binding on two screens (open-actors) is listed once
            seen.add(spec.id)
            grouped[spec.section].append(spec)
    return [(name, specs) for name, specs in grouped.items() if specs]
