"""Whether a process still runs, by its pid, and when it started: the import's
abandoned-run check and the isolated children's watch on their caller use it."""

from __future__ import annotations

import os

__all__ = ["alive", "started_at"]


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a dead child not yet reaped — a zombie — does
    not). Where signals cannot probe a process (Windows), ``True``: it may."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OSError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` has ended but is not reaped yet (Linux; ``False`` elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False


def started_at(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch; Linux), else ``None``.
    A pid is reused: a process that started after something it is said to have done
    did not do it."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            ticks = int(stat.read().rsplit(b")", 1)[1].split()[19])
        with open("/proc/stat", "rb") as system:
            boot = next(int(line.split()[1]) for line in system if line.startswith(b"btime"))
    except (OSError, IndexError, ValueError, StopIteration):
        return None
    return boot + ticks / os.sysconf("SC_CLK_TCK")
