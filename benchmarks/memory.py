"""Peak memory of the current process, measured from a reset point (Linux /proc)."""

from __future__ import annotations

import resource
from pathlib import Path


def reset_peak() -> None:
    """Reset the high-water mark: ru_maxrss survives fork+exec, so a child would report its parent's peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
