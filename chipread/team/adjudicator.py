"""Who adjudicates: the annotator name whose store holds the settled (gold) annotation."""

from __future__ import annotations

from chipread.config import Config
from chipread.store import check_annotator

DEFAULT_ADJUDICATOR = "gold"


def adjudicator_name(config: Config | None = None, given: str | None = None) -> str:
    """`given` (a command-line option), else the config's `adjudicator`, else "gold"."""
    return check_annotator(given or (config.adjudicator if config else None) or DEFAULT_ADJUDICATOR)
