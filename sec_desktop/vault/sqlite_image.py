"""The in-memory database's bytes without copying them: saving and opening large vaults.

Python's `serialize()` and `deserialize()` each copy the whole database. At a hundred
times one coordinator's records (a 150 MB image) a save would then briefly hold two extra
copies of every record in plaintext memory, and an open three. Instead, through SQLite's
own C interface (the library Python's `_sqlite3` module is linked to):

- `view(connection)`: `sqlite3_serialize(..., SQLITE_SERIALIZE_NOCOPY)` gives the memdb's
  own buffer, read in place while the caller holds the vault's save lock (no write can
  move it meanwhile);
- `load(connection, size, fill)`: a buffer from `sqlite3_malloc64` is filled by the
  caller (decrypted straight into it) and handed to `sqlite3_deserialize`, which then
  owns it. Unauthenticated bytes never reach SQLite: `fill` raises before that.

The connection's `sqlite3 *` is the first field of CPython's connection object (the
same from 3.11 to 3.14); on another interpreter, or if SQLite's symbols are not
reachable (on Windows, `_sqlite3.pyd` does not export them), `available()` is False
and the copying calls are used instead: the same bytes, with the copies.
"""

from __future__ import annotations

import ctypes
import logging
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

log = logging.getLogger(__name__)

_SERIALIZE_NOCOPY = 0x001
_DESERIALIZE_FREEONCLOSE = 0x001
_DESERIALIZE_RESIZEABLE = 0x002
_SQLITE_OK = 0
_KNOWN_LAYOUT = ((3, 11), (3, 12), (3, 13), (3, 14))
_MAIN = b"main"


@cache
def _library() -> ctypes.CDLL | None:
    if sys.implementation.name != "cpython" or sys.version_info[:2] not in _KNOWN_LAYOUT:
        return None
    try:
        import _sqlite3  # noqa: PLC0415 (the extension module, for its path)

        library = ctypes.CDLL(_sqlite3.__file__)
        serialize = library.sqlite3_serialize
        deserialize = library.sqlite3_deserialize
        malloc = library.sqlite3_malloc64
        free = library.sqlite3_free
    except (ImportError, OSError, AttributeError):
        log.info("SQLite's C interface is not reachable; whole-image copies are used")
        return None
    # The library found must be the one Python's module runs on, or its handle means
    # nothing to it: the versions must agree.
    library.sqlite3_libversion_number.restype = ctypes.c_int
    major, minor, patch = sqlite3.sqlite_version_info
    if library.sqlite3_libversion_number() != major * 1_000_000 + minor * 1_000 + patch:
        log.info("Another SQLite than Python's was found; whole-image copies are used")
        return None
    serialize.restype = ctypes.c_void_p
    serialize.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int64),
        ctypes.c_uint,
    ]
    deserialize.restype = ctypes.c_int
    deserialize.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_void_p,
        ctypes.c_int64,
        ctypes.c_int64,
        ctypes.c_uint,
    ]
    malloc.restype = ctypes.c_void_p
    malloc.argtypes = [ctypes.c_uint64]
    free.restype = None
    free.argtypes = [ctypes.c_void_p]
    return library


def available() -> bool:
    return _library() is not None


def _handle(connection: sqlite3.Connection) -> int:
    # PyObject_HEAD, then `sqlite3 *db` (Modules/_sqlite/connection.h).
    pointer = ctypes.c_void_p.from_address(id(connection) + object.__basicsize__).value
    if not pointer:
        raise sqlite3.ProgrammingError("the connection is closed")
    return pointer


@contextmanager
def view(connection: sqlite3.Connection) -> Iterator[memoryview | None]:
    """The database's bytes in place (read-only), or None if that is not possible here
    (then call `connection.serialize()`). Hold the vault's save lock throughout: a write
    may move or free the buffer, so the view must not outlive the block."""
    library = _library()
    if library is None:
        yield None
        return
    size = ctypes.c_int64()
    address = library.sqlite3_serialize(
        _handle(connection), _MAIN, ctypes.byref(size), _SERIALIZE_NOCOPY
    )
    if not address:  # not a memdb (or empty): no buffer to lend
        yield None
        return
    buffer = (ctypes.c_char * size.value).from_address(address)
    # Both views are released when the block ends: a kept reference then raises instead
    # of reading memory SQLite may have moved or freed.
    with memoryview(buffer).cast("B") as lent, lent.toreadonly() as readonly:
        yield readonly


def load(connection: sqlite3.Connection, size: int, fill: Callable[[memoryview], None]) -> bool:
    """Make `connection`'s main database the `size` bytes that `fill(buffer)` writes.

    The buffer belongs to SQLite; if `fill` raises, it is wiped and freed and the error
    goes on. Returns False, having done nothing, where this is not possible here."""
    library = _library()
    if library is None or size <= 0:
        return False
    address = library.sqlite3_malloc64(size)
    if not address:
        raise MemoryError
    buffer = (ctypes.c_char * size).from_address(address)
    try:
        with memoryview(buffer).cast("B") as target:
            fill(target)
    except BaseException:
        ctypes.memset(address, 0, size)
        library.sqlite3_free(address)
        raise
    flags = _DESERIALIZE_FREEONCLOSE | _DESERIALIZE_RESIZEABLE
    # On failure SQLite frees the buffer itself (FREEONCLOSE), so it is not freed here.
    code = library.sqlite3_deserialize(_handle(connection), _MAIN, address, size, size, flags)
    if code != _SQLITE_OK:
        raise sqlite3.DatabaseError(f"deserialize failed ({code})")
    return True
