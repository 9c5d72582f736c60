"""chipread: keyboard-driven annotation of news text."""

__version__ = "0.1.0"
