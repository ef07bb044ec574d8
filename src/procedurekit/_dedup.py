"""Which keys were seen before, in bounded memory: 8 bytes per key, whatever the key.

Private, standard library only. A file of 10 million dossiers cannot keep 10 million code
strings (about 1 GB in Python); :class:`SeenKeys` keeps a 64-bit BLAKE2b digest of each
key instead: recent digests in a ``set``, older ones sorted in ``array('q')`` runs of 8
bytes each (10 million keys: about 80 MB), merged so that at most :data:`_MAX_RUNS` runs
are searched. Two different keys share a digest with probability about n² / 2⁶⁵ (for 10
million keys, 3 in a million): then the second is reported as a duplicate of a key it is
not, and a report that names the key lets a reader see that.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from heapq import merge
from typing import Final

__all__ = ["SeenKeys"]

#: Digests kept in the set before they are sorted into a run (about 70 MB at most).
_RECENT: Final = 1 << 20
#: Runs searched at most; more are merged into one.
_MAX_RUNS: Final = 6


def _digest(key: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
        "big",
        signed=True,
    )


class SeenKeys:
    """``add(key)`` says whether ``key`` was added before.

    >>> seen = SeenKeys()
    >>> seen.add("H21.65-260302-0001"), seen.add("H21.65-260302-0001")
    (False, True)
    """

    __slots__ = ("_recent", "_runs")

    def __init__(self) -> None:
        self._recent: set[int] = set()
        self._runs: list[array[int]] = []

    def __len__(self) -> int:
        return len(self._recent) + sum(len(r) for r in self._runs)

    def add(self, key: str) -> bool:
        """Record ``key``; ``True`` when it was recorded before."""
        h = _digest(key)
        if h in self._recent:
            return True
        for run in self._runs:
            i = bisect_left(run, h)
            if i < len(run) and run[i] == h:
                return True
        self._recent.add(h)
        if len(self._recent) >= _RECENT:
            self._flush()
        return False

    def _flush(self) -> None:
        self._runs.append(array("q", sorted(self._recent)))
        self._recent = set()
        if len(self._runs) > _MAX_RUNS:
            self._runs = [array("q", merge(*self._runs))]
