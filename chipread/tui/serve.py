"""The annotator served to a browser with textual-serve: the only place outside the app that touches Textual's world."""

from __future__ import annotations

from chipread.errors import ChipreadError


def serve(command: str, host: str, port: int) -> None:
    """Run `command` (a chipread that asks who it is) for each browser session, until interrupted."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise ChipreadError("chipread serve needs textual-serve: pip install 'chipread[serve]'") from None
    Server(command, host=host, port=port, title="chipread").serve()
