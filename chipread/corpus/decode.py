"""Turn a file's bytes into text, or say in one line why it cannot be an article."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

# Files above this are skipped unread (tests patch it). News articles are a few KB; 5 MB is a book.
MAX_BYTES = 5 * 1024 * 1024

# Share of control bytes (outside tab/newline/CR/FF/ESC) above which a file is binary, not text.
_CONTROL_SHARE = 0.05
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


class Unreadable(Exception):
    """The file is not an article; str() is the one-line reason."""


def limit_text() -> str:
    return f"{MAX_BYTES / 1_048_576:g} MB"


def read_text(path: Path, size: int | None = None, *, fmt: str = "txt") -> tuple[str, list[str]]:
    """Read and decode one corpus file; raise Unreadable with the reason it cannot be used."""
    try:
        if size is None:
            size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise Unreadable(f"too large ({size / 1_048_576:.1f} MB; the limit is {limit_text()})")
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot read file ({exc.strerror or exc.__class__.__name__})") from None
    if len(data) > MAX_BYTES:
        raise Unreadable(f"too large ({len(data) / 1_048_576:.1f} MB; the limit is {limit_text()})")
    return decode_bytes(data, fmt=fmt)


def decode_bytes(data: bytes, *, fmt: str = "txt") -> tuple[str, list[str]]:
    """Decode bytes to str with warnings; raise Unreadable for empty or binary data."""
    warnings: list[str] = []
    text = _decode_bom(data, warnings)
    if text is None:
        if b"\x00" in data:
            text = _decode_utf16_without_bom(data)
            if text is None:
                raise Unreadable("binary file (contains NUL bytes), not text")
            warnings.append("UTF-16 without a byte-order mark; read as UTF-16")
        else:
            sample = data[:65536]
            if _CONTROL_BYTES.search(sample) and len(_CONTROL_BYTES.findall(sample)) > _CONTROL_SHARE * len(sample):
                raise Unreadable("binary file (mostly control bytes), not text")
            text = _decode_8bit(data, fmt, warnings)
    if not text.strip():
        raise Unreadable("empty file")
    return text, warnings


def _decode_bom(data: bytes, warnings: list[str]) -> str | None:
    """The text after a byte-order mark, in the codec it names; None without one.

    Undecodable bytes become U+FFFD with a warning saying how many; a file that is mostly such bytes
    is not text in that codec (a binary file that happens to start like a mark) and is skipped.
    """
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if not data.startswith(bom):
            continue
        body = data[len(bom) :]
        text = body.decode(codec, errors="replace")
        if "\ufffd" not in text:
            return text
        # Each undecodable run is one U+FFFD with "replace" and nothing with "ignore" (a U+FFFD the
        # file itself holds is in both): the difference in length counts what was replaced.
        bad = len(text) - len(body.decode(codec, errors="ignore"))
        if bad > len(text) / 2:
            raise Unreadable(
                f"not {codec.upper()} text despite its byte-order mark ({bad} of {len(text)} characters undecodable)"
            )
        if bad:
            warnings.append(
                f"not valid {codec.upper()} ({bad} bad sequence{'s' if bad != 1 else ''} replaced with U+FFFD)"
            )
        return text
    return None


def _decode_utf16_without_bom(data: bytes) -> str | None:
    # Mostly-ASCII UTF-16 has a NUL in every other byte; real binaries do not.
    even, odd = data[0::2], data[1::2]
    if len(data) < 4 or len(data) % 2:
        return None
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return data.decode("utf-16-le", errors="replace")
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return data.decode("utf-16-be", errors="replace")
    return None


def _decode_8bit(data: bytes, fmt: str, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if fmt == "html" else None
    if declared and declared != "utf-8":
        try:
            text = data.decode(declared, errors="replace")
        except (LookupError, UnicodeError):
            # Not a character set (zlib, base64, rot13 turn bytes into bytes; undefined and idna refuse
            # to replace): the page is read as if it declared none, one odd page never stops a corpus.
            pass
        else:
            warnings.append(f"not valid UTF-8, read as its declared charset {declared}")
            return text
    valid = len(_UTF8_MULTIBYTE.findall(data))
    bad = _count_bad_utf8(data)
    if valid > bad:
        # Mostly UTF-8 with a few damaged bytes: a legacy codec would garble every good character.
        warnings.append(f"not valid UTF-8 ({bad} bad byte{'s' if bad != 1 else ''} replaced with U+FFFD)")
        return data.decode("utf-8", errors="replace")
    warnings.append("not valid UTF-8, read as Windows-1252")
    return data.decode("cp1252", errors="replace")


def _count_bad_utf8(data: bytes) -> int:
    return data.decode("utf-8", errors="replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
