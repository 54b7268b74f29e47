"""Process-wide memory settings, made once the first window is up, before any worker
thread exists (the workers start with the unlock).

glibc gives each thread that allocates its own malloc arena and keeps what is freed in
it for reuse. The workers here (vault reads and saves, backups) each read large results
and free them, so every arena keeps its own high-water mark: measured at a hundred times
one coordinator's records, two arenas instead of one per thread kept the peak about
9 MiB lower, at no measurable cost in speed. Elsewhere (Windows, macOS, musl) nothing is
changed.
"""

from __future__ import annotations

import sys

_M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 2


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Ask glibc for at most `arenas` malloc arenas; whether it agreed."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # noqa: PLC0415 (after the first window: its import slows the start)

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.restype = ctypes.c_int
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return bool(mallopt(_M_ARENA_MAX, arenas))
