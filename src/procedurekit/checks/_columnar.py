"""The columnar audit engine (``--engine arrow``): a dossier CSV judged in Arrow record batches.

The row engine (:func:`procedurekit.io.iter_dossiers` and :class:`procedurekit.judge.Judge`,
one record at a time) is the reference. This engine reads the same file with pyarrow (the
``arrow`` extra) in record batches and splits each batch in two:

- **rows judged in columns**: the common case, a clean row (every cell plain text, an
  ISO receipt moment, a standard dossier code that agrees with it, known labels, a
  procedure whose time limit is counted in working days, calendar days or months, no event
  log). Their due dates come from the judge itself, asked once per (procedure, channel,
  receipt day) (a *probe*: the due date, the due date on the calendar known at receipt,
  the clock's flags and the calendar findings); their outcomes, appointment findings,
  duplicates and left-out reasons are computed for the whole column with numpy;
- **every other row** (anything unusual, and the first rows of each finding code, so that
  the examples kept are the row engine's) is handed, in file order, to the row engine's
  own reader cleaning (:meth:`procedurekit.io.dossiers.DossierReading.record`) and judge.

So the findings, counts and examples are the row engine's: ``tests/checks/test_engines.py``
runs both engines on generated clean and hostile files and requires identical reports.

The engine declines a file (and the row engine reads it) whenever reading it in columns
could differ from reading it line by line: a file that is not a plain UTF-8 CSV or TSV with
its header on the first line, blank lines, a quoted cell over several lines, a record the
standard library's strict CSV reader would read differently, control characters, a date
column not written in ISO 8601, an unusual header; and whenever the audit asks for
something it does not compute in columns (``--per-dossier``, ``--findings-out``, all
examples, a receipt policy other than ``as-submitted``, no catalogue).

Duplicate dossier codes are found with a 64-bit FNV-1a digest of each code kept in sorted
numpy runs (8 bytes per code, as :mod:`procedurekit._dedup` keeps 8 bytes): two different
codes share a digest with probability about n² / 2⁶⁵.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from procedurekit._text import has_invisible, remove_invisible
from procedurekit._time import VIETNAM_TZ
from procedurekit.durations import CalendarDays, Months, WorkingDays
from procedurekit.errors import InvalidArgumentError, MissingExtraError
from procedurekit.findings import FindingSink, rule
from procedurekit.io import ReadLimits
from procedurekit.io._tables import detect_format, report_if_empty
from procedurekit.io.dates import (
    DateDecision,
    DateEvidence,
    DateFormat,
    follow_order,
)
from procedurekit.io.dossiers import (
    DATE_FIELDS,
    FLAG_FIELDS,
    DossierReading,
    DossierRecord,
    code_receipt_date,
    read_flag,
)
from procedurekit.judge import FLAG_END_WITHOUT_DATE
from procedurekit.vocab import DISTRICT_LEVEL_ABOLISHED, Channel, Level, Status

if TYPE_CHECKING:
    from procedurekit.checks.audit import AuditPartial, _Audit
    from procedurekit.judge import Judge
    from procedurekit.models.procedure import Procedure

#: The ``stats.outcomes`` key of dossiers whose outcome could not be judged.
NOT_JUDGED: Final = "not_judged"

__all__ = [
    "ARROW_MIN_BYTES",
    "ENGINES",
    "NOT_JUDGED",
    "Engine",
    "arrow_available",
    "audit_file_arrow",
    "fnv1a64",
    "read_in_columns",
    "use_arrow",
]

Engine = Literal["auto", "python", "arrow"]
#: The engines ``audit``/``metrics`` accept: ``auto`` chooses ``arrow`` for a large CSV when
#: pyarrow is installed, ``python`` is the row engine (the reference).
ENGINES: Final = ("auto", "python", "arrow")
#: ``auto`` reads a file at least this big with the columnar engine (below it, starting
#: pyarrow costs more than it saves).
ARROW_MIN_BYTES: Final = 4 << 20
#: Bytes of CSV per record batch.
_BLOCK: Final = 2 << 20
_FNV_OFFSET: Final = 0xCBF29CE484222325
_FNV_PRIME: Final = 0x100000001B3
_MASK64: Final = (1 << 64) - 1
_EPOCH: Final = date(1970, 1, 1)
_EPOCH_ORDINAL: Final = _EPOCH.toordinal()

# ISO 8601 as the date reader reads it, in the shapes judged in columns.
_ISO_ANY: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$"

_DURATIONS: Final = (WorkingDays, CalendarDays, Months)


def arrow_available() -> bool:
    """Whether pyarrow and numpy can be imported (the ``arrow`` extra)."""
    try:
        import numpy  # noqa: F401
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.csv  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return True


class _Decline(Exception):
    """The file is read by the row engine instead (the reason is the message)."""


# -- digests ---------------------------------------------------------------------------------


def fnv1a64(text: str) -> int:
    """The 64-bit FNV-1a digest of ``text``'s UTF-8 bytes (as :func:`_fnv_column` computes
    it for a whole column)."""
    h = _FNV_OFFSET
    for b in text.encode("utf-8", "surrogatepass"):
        h = ((h ^ b) * _FNV_PRIME) & _MASK64
    return h


def _fnv_column(np: Any, arr: Any) -> Any:
    """``fnv1a64`` of every value of a pyarrow string array, as a ``uint64`` array."""
    n = len(arr)
    bufs = arr.buffers()
    off = np.frombuffer(bufs[1], dtype=np.int32, count=n + 1, offset=arr.offset * 4)
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    start = off[:-1].astype(np.int64)
    length = (off[1:] - off[:-1]).astype(np.int64)
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    prime = np.uint64(_FNV_PRIME)
    longest = int(length.max()) if n else 0
    live = np.arange(n)
    for k in range(longest):
        live = live[length[live] > k]
        h[live] = (h[live] ^ data[start[live] + k].astype(np.uint64)) * prime
    return h


class _SeenDigests:
    """The digests seen so far, 8 bytes each, in sorted runs of decreasing size (a run is
    merged with the one before it while that one is less than twice its size, so there
    are about log2(n) runs and each digest is merged about log2(n) times)."""

    def __init__(self, np: Any) -> None:
        self.np = np
        self.runs: list[Any] = []

    def _seen(self, h: Any) -> Any:
        np = self.np
        found = np.zeros(len(h), dtype=bool)
        for run in self.runs:
            i = np.minimum(np.searchsorted(run, h), len(run) - 1)
            found |= run[i] == h
        return found

    def _add(self, new: Any) -> None:
        np = self.np
        runs = self.runs
        runs.append(np.sort(new))
        while len(runs) > 1 and len(runs[-2]) <= 2 * len(runs[-1]):
            last = runs.pop()
            runs.append(np.sort(np.concatenate((runs.pop(), last)), kind="stable"))

    def duplicates(self, h: Any, keyed: Any) -> Any:
        """Which rows (``keyed``: rows with a code) repeat the digest of an earlier row."""
        np = self.np
        dup = np.zeros(len(h), dtype=bool)
        idx = np.flatnonzero(keyed)
        if not len(idx):
            return dup
        hk = h[idx]
        uniq, first, inverse = np.unique(hk, return_index=True, return_inverse=True)
        repeated = (np.arange(len(hk)) != first[inverse]) | self._seen(uniq)[inverse]
        dup[idx] = repeated
        new = hk[~repeated]
        if len(new):
            self._add(new)
        return dup


class _Oracle:
    """Stands in for the judge's set of codes seen: answers what the columns decided."""

    __slots__ = ("answer",)

    def __init__(self) -> None:
        self.answer = False

    def add(self, key: str) -> bool:
        return self.answer


# -- the file --------------------------------------------------------------------------------


def _delimiter(path: Path, fmt: str, given: str | None) -> str:
    """The delimiter the row engine uses: the one given, tab for TSV, else the most
    frequent of ``,`` ``;`` tab on the first line."""
    if given:
        return given
    if fmt == "tsv":
        return "\t"
    with path.open("rb") as f:
        first = f.readline().decode("utf-8", errors="replace")
    counts = {c: first.count(c) for c in (",", ";", "\t")}
    return max(counts, key=lambda c: counts[c]) if any(counts.values()) else ","


def _scan(np: Any, path: Path, sep: str, width: int, max_line: int) -> int:
    """The number of data lines; raises :class:`_Decline` when a line is longer than
    ``max_line`` bytes, the file holds a NUL byte, or a line with a quote is one the strict
    CSV reader refuses or reads as another width (a quoted cell over several lines). Reads
    ``max_line`` bytes at a time, so a longer line crosses a chunk's end. A blank line is
    not looked for: pyarrow refuses its one cell in a table of several columns (and the
    engine declines a table of one column)."""
    lines = 0
    quotes = False
    since = 0  # bytes since the last newline
    with path.open("rb") as f:
        while True:
            chunk = f.read(max(max_line, 1 << 16))
            if not chunk:
                break
            newlines = chunk.count(b"\n")
            if b"\x00" in chunk:
                raise _Decline("a NUL byte (the CSV reader refuses the line)")
            quotes = quotes or b'"' in chunk
            first = chunk.find(b"\n")
            if first < 0:
                since += len(chunk)
            else:
                if since + first > max_line:
                    raise _Decline("a line longer than the limit")
                since = len(chunk) - 1 - chunk.rfind(b"\n")
            if since > max_line:
                raise _Decline("a line longer than the limit")
            lines += newlines
    if since:
        lines += 1  # a last line without a newline
    if quotes:
        with path.open("r", encoding="utf-8", newline="") as text:
            next(text, None)
            for line in text:
                if '"' in line:
                    try:
                        cells = next(csv.reader([line.rstrip("\r\n")], delimiter=sep, strict=True))
                    except (csv.Error, StopIteration) as exc:
                        raise _Decline("a quoted cell the CSV reader refuses") from exc
                    if len(cells) != width:
                        raise _Decline("a quoted record over several lines")
    return lines - 1


def _batches(
    pa: Any, path: Path, headers: list[str], sep: str, include: Sequence[str] = ()
) -> Iterator[Any]:
    """The file's record batches, every column read as text (only ``include`` if given)."""
    import pyarrow.csv as pacsv

    reader = pacsv.open_csv(
        os.fspath(path),
        read_options=pacsv.ReadOptions(
            column_names=headers, skip_rows=1, block_size=_BLOCK, use_threads=True
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=sep, newlines_in_values=False, ignore_empty_lines=False
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={h: pa.string() for h in headers},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            include_columns=list(include) or None,
        ),
    )
    try:
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                return
            yield batch
    finally:
        reader.close()


# -- dates in columns ------------------------------------------------------------------------


def _bytes_of(np: Any, arr: Any) -> tuple[Any, Any, Any]:
    """``(data, start, length)`` of a pyarrow string array: its UTF-8 bytes, and each
    value's first byte and byte length."""
    n = len(arr)
    bufs = arr.buffers()
    off = np.frombuffer(bufs[1], dtype=np.int32, count=n + 1, offset=arr.offset * 4)
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    start = off[:-1].astype(np.int64)
    return data, start, off[1:].astype(np.int64) - start


def _count_bytes(np: Any, data: Any, start: Any, length: Any, flags: Any) -> Any:
    """How many of each value's bytes have ``flags`` set."""
    if not len(start):
        return np.zeros(0, dtype=np.int64)
    cum = np.concatenate(([0], np.cumsum(flags, dtype=np.int64)))
    return cum[start + length] - cum[start]


def _printable(np: Any, arr: Any) -> tuple[Any, Any]:
    """``(printable, size)`` per value: printable ASCII only; its size in bytes."""
    data, start, length = _bytes_of(np, arr)
    odd = (data < 32) | (data > 126)
    if not odd.any():
        return np.ones(len(arr), dtype=bool), length
    return _count_bytes(np, data, start, length, odd) == 0, length


class _Months:
    """Days since 1970-01-01 of the first of every month of years 1 to 9999, by
    ``[year, month]`` (month 13 is the next January): a date is ``first[y, m] + d - 1``,
    a month has ``first[y, m + 1] - first[y, m]`` days."""

    _table: Any = None

    @classmethod
    def first(cls, np: Any) -> Any:
        if cls._table is None:
            years = np.arange(0, 10001, dtype=np.int64)[:, None]
            months = np.arange(0, 14, dtype=np.int64)[None, :]
            y = np.where(months > 12, years + 1, years)
            m = np.clip(np.where(months > 12, 1, months), 1, 12)
            # days_from_civil (H. Hinnant), proleptic Gregorian
            y2 = y - (m <= 2)
            era = y2 // 400
            yoe = y2 - era * 400
            doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5
            cls._table = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
        return cls._table


def _days_of(np: Any, y: Any, m: Any, d: Any) -> tuple[Any, Any]:
    """``(real, days)``: whether ``y-m-d`` is a date of years 1 to 9999, and its days since
    1970-01-01 (0 where not)."""
    first = _Months.first(np)
    ym = (y >= 1) & (y <= 9999) & (m >= 1) & (m <= 12)
    yy = np.where(ym, y, 1970)
    mm = np.where(ym, m, 1)
    start = first[yy, mm]
    real = ym & (d >= 1) & (d <= first[yy, mm + 1] - start)
    return real, np.where(real, start + d - 1, 0)


def _iso(np: Any, arr: Any) -> tuple[Any, Any, Any, Any]:
    """``(shape, valid, day, seconds)`` of an ISO column: ``shape`` 0 empty, 1 a date
    (``YYYY-MM-DD``), 2 a moment without offset (``YYYY-MM-DDTHH:MM[:SS]``, ``T`` or a
    space), 3 anything else; ``valid`` whether that date or moment exists; ``day`` days
    since 1970-01-01; ``seconds`` of the day. Read from the bytes at fixed positions."""
    data, start, length = _bytes_of(np, arr)
    n = len(arr)
    shape = np.full(n, 3, dtype=np.int8)
    shape[length == 0] = 0
    valid = np.zeros(n, dtype=bool)
    day = np.zeros(n, dtype=np.int64)
    seconds = np.zeros(n, dtype=np.int64)
    for size in (10, 16, 19):
        idx = np.flatnonzero(length == size)
        if not len(idx):
            continue
        if len(idx) == n and int(start[0]) + n * size == int(start[-1]) + size:
            # every value has this size: the bytes are an n x size block, no gathering
            block = data[int(start[0]) : int(start[0]) + n * size].reshape(n, size)
            ch = [block[:, k] for k in range(size)]
        else:
            at = start[idx]
            ch = [data[at + k] for k in range(size)]

        def digit(k: int, ch: list[Any] = ch) -> Any:
            return (ch[k] >= 48) & (ch[k] <= 57)

        def num(*ks: int, ch: list[Any] = ch) -> Any:
            out = np.zeros(len(ch[0]), dtype=np.int64)
            for k in ks:
                out = out * 10 + (ch[k].astype(np.int64) - 48)
            return out

        ok = (ch[4] == 45) & (ch[7] == 45)
        for k in (0, 1, 2, 3, 5, 6, 8, 9):
            ok &= digit(k)
        if size > 10:
            ok &= ((ch[10] == 84) | (ch[10] == 32)) & (ch[13] == 58)
            for k in (11, 12, 14, 15):
                ok &= digit(k)
            if size == 19:
                ok &= (ch[16] == 58) & digit(17) & digit(18)
        real, days = _days_of(np, num(0, 1, 2, 3), num(5, 6), num(8, 9))
        real &= ok
        secs = np.zeros(len(idx), dtype=np.int64)
        if size > 10:
            hh, mi = num(11, 12), num(14, 15)
            ss = num(17, 18) if size == 19 else 0
            real &= (hh <= 23) & (mi <= 59) & (ss <= 59)
            secs = hh * 3600 + mi * 60 + ss
        shape[idx[ok]] = 1 if size == 10 else 2
        valid[idx] = real
        day[idx] = np.where(real, days, 0)
        seconds[idx] = np.where(real, secs, 0)
    return shape, valid, day, seconds


def _codes(np: Any, arr: Any) -> tuple[Any, Any]:
    """``(standard, day)`` of a dossier-code column: whether the code has the shape
    ``<agency>-YYMMDD-NNNN`` in printable ASCII without spaces (the judge's
    ``malformed-dossier-code`` never fires on it), and the days since 1970 of its YYMMDD
    as :meth:`~procedurekit.models.DossierCode.parse` reads it (-1 when not a real date)."""
    data, start, length = _bytes_of(np, arr)
    n = len(arr)
    end = start + length
    tail = np.zeros(n, dtype=np.int64)  # trailing digits
    live = np.flatnonzero(length > 0)
    k = 0
    while len(live):
        b = data[end[live] - 1 - k]
        live = live[(b >= 48) & (b <= 57)]
        tail[live] += 1
        k += 1
        live = live[length[live] > k]
    ok = (tail >= 4) & (length >= tail + 9)
    dash2 = np.where(ok, end - tail - 1, 0)
    dash1 = dash2 - 7
    idx = np.flatnonzero(ok)
    good = (data[dash2[idx]] == 45) & (data[dash1[idx]] == 45)
    ch = [data[dash1[idx] + 1 + j] for j in range(6)]
    for c in ch:
        good &= (c >= 48) & (c <= 57)
    bad = (data < 33) | (data > 126)
    prefix = _count_bytes(np, data, start[idx], dash1[idx] - start[idx], bad) == 0
    good &= prefix
    standard = np.zeros(n, dtype=bool)
    standard[idx] = good
    v = [c.astype(np.int64) - 48 for c in ch]
    real, days = _days_of(np, 2000 + v[0] * 10 + v[1], v[2] * 10 + v[3], v[4] * 10 + v[5])
    real &= good
    day = np.full(n, -1, dtype=np.int64)
    day[idx] = np.where(real, days, -1)
    return standard, day


class _Survey:
    """The date survey of the row engine (:meth:`DossierReading.survey`), counted in columns:
    a value of an ISO shape that is a real date is one ISO reading, any other value is
    counted by :class:`DateEvidence` itself."""

    def __init__(self) -> None:
        self.evidence = {key: DateEvidence() for key in DATE_FIELDS}

    def add_bulk(self, key: str, values: int, valid: int) -> None:
        ev = self.evidence[key]
        ev.values += values
        if valid:
            ev.fits[DateFormat.ISO] += valid

    def decide(self) -> dict[str, DateDecision]:
        lead = self.evidence["received_at"].decide()
        return {
            "received_at": lead,
            **{k: follow_order(self.evidence[k].decide(), lead) for k in DATE_FIELDS[1:]},
        }


# -- the engine ------------------------------------------------------------------------------


class _Probe:
    """What the judge says of a dossier of one procedure and channel received on one day."""

    __slots__ = ("calendar_key", "codes", "due", "flags", "legal", "ok")

    def __init__(
        self,
        *,
        ok: bool,
        due: int = 0,
        legal: int = 0,
        codes: tuple[str, ...] = (),
        flags: tuple[str, ...] = (),
        calendar_key: date | None = None,
    ) -> None:
        self.ok, self.due, self.legal, self.codes, self.flags = ok, due, legal, codes, flags
        self.calendar_key = calendar_key


def _days(d: date) -> int:
    return d.toordinal() - _EPOCH_ORDINAL


def _day(n: int) -> date:
    return date.fromordinal(n + _EPOCH_ORDINAL)


def _flag(text: str) -> int:
    """A yes/no cell as the reader reads it: 1 yes, 0 no or not stated, -1 unreadable."""
    try:
        return 1 if read_flag(text) else 0
    except ValueError:
        return -1


class _Columns:
    """Per-batch columns by key, and the per-distinct-label lookups (bounded caches)."""

    def __init__(self, batch: Any, headers: list[str], keys: Mapping[str, str | None]) -> None:
        self.batch = batch
        self.by_key: dict[str, Any] = {}
        for i, header in enumerate(headers):
            key = keys.get(header)
            if key is not None and key not in self.by_key:
                self.by_key[key] = batch.column(i)

    def get(self, key: str) -> Any:
        return self.by_key.get(key)


def _labels(pc: Any, np: Any, arr: Any, fn: Callable[[str], int], n: int) -> Any:
    """``fn`` of each value of a low-cardinality text column, computed once per distinct
    value (``-1`` for every row when the column is absent)."""
    if arr is None:
        return np.full(n, fn(""), dtype=np.int64)
    enc = pc.dictionary_encode(arr)
    dictionary = enc.dictionary.to_pylist()
    table = np.array([fn(v) for v in dictionary] or [0], dtype=np.int64)
    return table[np.asarray(enc.indices)]


class _Rows:
    """The columns of one record batch as the engine judges them (numpy arrays, one value
    per row): what was read, which rows are clean, what the judge does with each."""

    get: Callable[[str], Any]
    dup: Any
    clean: Any
    moment: Any
    r_day: Any
    a_day: Any
    has_appt: Any
    e_day: Any
    e_moment: Any
    has_end: Any
    paid: Any
    is_dup: Any
    after: Any
    outside: Any
    chan: Any
    status: Any
    end_seen: Any
    due: Any
    legal: Any
    pkey: Any
    pair: Any
    probes: list[_Probe]
    judged: Any
    slow: Any


class _Engine:
    """One file audited in columns (see the module docstring)."""

    def __init__(self, judge: Judge, sink: FindingSink, reading: DossierReading, path: Path,
                 sep: str) -> None:  # fmt: skip
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc  # type: ignore[import-untyped]

        self.np, self.pa, self.pc = np, pa, pc
        self.judge = judge
        self.sink = sink
        self.reading = reading
        self.src = reading.src
        self.reader = reading.src.reader
        self.path = path
        self.sep = sep
        self.headers = list(reading.src.headers)
        self.keys = dict(reading.roles.keys)
        self.limit = reading.limits.max_cell_chars
        self.seen = _SeenDigests(np)
        self.oracle = _Oracle()
        self.probe_judge = _probe_judge(judge)
        self.probes: dict[tuple[int, int], _Probe] = {}
        self.pairs: dict[tuple[str, str], int] = {}
        self.pair_terms: list[tuple[str, str, bool, bool | None]] = []
        #: The catalogue's procedure of each pair id.
        self.pair_procedures: list[Procedure] = []
        self.terms_ids: dict[tuple[object, ...], int] = {}
        self.channel_ids: dict[str, int] = {}
        self.channel_names: list[str] = []
        self.plain_cache: dict[str, bool] = {}
        #: The date survey counted while judging (``None``: the formats were given).
        self.survey: _Survey | None = None if reading.explicit is not None else _Survey()
        moment = judge.moment
        if moment is not None:
            local = moment.astimezone(VIETNAM_TZ)
            self.as_of: int | None = _days(local.date()) * 86400 + (
                local.hour * 3600 + local.minute * 60 + local.second
            )
            self.as_of_day: int | None = _days(local.date())
        else:
            self.as_of = self.as_of_day = None

    # -- lookups --------------------------------------------------------------------------

    def _plain(self, value: str) -> bool:
        found = self.plain_cache.get(value)
        if found is None:
            found = not has_invisible(value) and len(value) <= self.limit
            if len(self.plain_cache) < 65536:
                self.plain_cache[value] = found
        return found

    def _channel_id(self, text: str) -> int:
        """-2 an unknown label, else the index of the channel's count key."""
        t = text.strip()
        channel = self.judge._label(Channel, t) if t else None
        if t and channel is None:
            return -2
        name = channel.value if channel is not None else "unknown"
        if name not in self.channel_ids:
            self.channel_ids[name] = len(self.channel_names)
            self.channel_names.append(name)
        return self.channel_ids[name]

    def _status(self, text: str) -> int:
        """-2 an unknown label, 1 an end status, 0 otherwise."""
        t = text.strip()
        if not t:
            return 0
        status = self.judge._label(Status, t)
        if status is None:
            return -2
        return 1 if status.is_end else 0

    def _district(self, text: str) -> int:
        t = text.strip()
        return int(bool(t) and self.judge._label(Level, t) is Level.DISTRICT)

    def _pair(self, procedure: str, channel: str) -> int:
        """The id of a (procedure, channel) pair whose terms are judged in columns, else -1."""
        key = (procedure.strip(), channel.strip())
        found = self.pairs.get(key)
        if found is not None:
            return found
        chan = self.judge._label(Channel, key[1]) if key[1] else None
        terms = self.judge._terms(key[0], chan) if key[0] else None
        ok = (
            (chan is not None or not key[1])  # an unknown channel is the row engine's
            and terms is not None
            and terms.procedure is not None
            and type(terms.duration) in _DURATIONS
            and (type(terms.duration) is not WorkingDays or type(terms.duration.value) is int)
        )
        if not ok:
            found = -1
        else:
            assert terms is not None
            # Pairs with the same terms share their probes (the judge reads the channel only
            # through them).
            same = (
                id(terms.procedure), terms.duration, terms.exclusions, terms.committed,
                terms.fee_bearing,
            )  # fmt: skip
            found = self.terms_ids.get(same)
            if found is None:
                found = self.terms_ids[same] = len(self.pair_terms)
                self.pair_terms.append((key[0], key[1], True, terms.fee_bearing))
                assert terms.procedure is not None  # ok says so
                self.pair_procedures.append(terms.procedure)
        if len(self.pairs) < 65536:
            self.pairs[key] = found
        return found

    def _probe(self, pair: int, day: int) -> _Probe:
        found = self.probes.get((pair, day))
        if found is not None:
            return found
        procedure, channel, _, _ = self.pair_terms[pair]
        judge = self.probe_judge
        try:
            received = datetime.combine(_day(day), time(12, 0), VIETNAM_TZ)
        except (OverflowError, ValueError):
            found = _Probe(ok=False)
        else:
            record = DossierRecord(
                0, 0, self.reading.name, procedure_code=procedure, channel=channel,
                received_at=received,
            )  # fmt: skip
            j = judge.judge(record, None)
            if (
                j is None
                or j.due_source != "law"
                or j.due_date is None
                or j.legal_due_at_receipt is None
                or "deadline-error" in j.findings
            ):
                found = _Probe(ok=False)
            else:
                known = self.judge.known
                found = _Probe(
                    ok=True,
                    due=_days(j.due_date),
                    legal=_days(j.legal_due_at_receipt),
                    codes=tuple(c for c in j.findings if c != "missing-appointment"),
                    flags=j.flags,
                    calendar_key=known.key(_day(day)) if known is not None else None,
                )
        if len(self.probes) < 1 << 18:
            self.probes[(pair, day)] = found
        return found

    # -- pass 1: the survey and the checks that decline ----------------------------------

    def _survey_odd(self, batch: Any, idx: list[int], survey: _Survey) -> None:
        """Count the rows holding a date value of no ISO shape as the row engine's survey
        does: the row's cells after the reader's cleaning, blank rows left out; the values
        of ISO shape were counted in bulk."""
        taken = batch.take(self.pa.array(idx, type=self.pa.int64())).to_pylist()
        header_of = {k: h for h, k in reversed(list(self.keys.items())) if k is not None}
        for raw in taken:
            if not any(raw[h].strip() for h in self.headers):
                continue
            known, _ = self.reading.roles.split({h: self._clean(raw[h]) for h in self.headers})
            for key in DATE_FIELDS:
                header = header_of.get(key)
                if header is None or _iso_shape(raw[header]):
                    continue
                value = known.get(key)
                if key == "received_at":
                    if value is not None and value != "":
                        code = code_receipt_date(known.get("dossier_code"))
                        survey.evidence[key].add(value, code)
                else:
                    survey.evidence[key].add(value)

    def _clean(self, value: str) -> str:
        return remove_invisible(value)[: self.limit] if not self._plain(value) else value

    def _read(self, include: Sequence[str] = ()) -> Iterator[Any]:
        try:
            yield from _batches(self.pa, self.path, self.headers, self.sep, include)
        except (self.pa.ArrowException, OSError, UnicodeDecodeError) as exc:
            raise _Decline(f"pyarrow cannot read the file ({exc})") from exc

    # -- pass 2: judging ---------------------------------------------------------------------

    def run(self, progress: Callable[[int], None] | None, expected_rows: int) -> None:
        """Judge every batch; with :attr:`survey` set, count the date values as the row
        engine's survey does, for :func:`audit_file_arrow` to check the formats assumed."""
        first_line = self.src.header_line + 1
        r0 = 0
        for batch in self._read():
            self._batch(batch, first_line + r0)
            r0 += batch.num_rows
            if progress is not None:
                progress(self.src.records)
        if r0 != expected_rows:
            raise _Decline("the CSV reader found a different number of records")
        if r0 == 0:
            raise _Decline("no data row")

    def _batch(self, batch: Any, line0: int) -> None:
        """Judge one record batch: read its columns, judge the clean rows in columns, hand
        the others (and the first rows of each finding code) to the row engine, count."""
        rows = self._columns(batch)
        if rows is None:  # audit_file_arrow declines such a table before reading it
            raise _Decline("no receipt column")
        self._judge(rows)
        findings = self._findings(rows)
        self._slow(batch, line0, self.np.flatnonzero(rows.slow), rows.dup)
        self._count(rows, findings)

    def _dups(self, batch: Any) -> tuple[Any, Any, Any]:
        """``(duplicate, standard, code day)``: which rows repeat an earlier row's dossier
        code (as the row engine cleans and strips it), which codes have the standard shape
        in plain ASCII, and the days since 1970 of their YYMMDD."""
        np = self.np
        n = batch.num_rows
        code = _Columns(batch, self.headers, self.keys).get("dossier_code")
        if code is None:
            none = np.zeros(n, dtype=bool)
            return none, none, np.full(n, -1, dtype=np.int64)
        code_ok, code_day = _codes(np, code)
        h = _fnv_column(np, code)
        keyed = code_ok.copy()
        # Rows whose code is not a standard ASCII one: their key as the row engine cleans it.
        odd = np.flatnonzero(~code_ok)
        if len(odd):
            texts = code.take(self.pa.array(odd, type=self.pa.int64())).to_pylist()
            for i, text in zip(odd.tolist(), texts, strict=True):
                key = self._clean(text).strip()
                if key:
                    keyed[i] = True
                    h[i] = fnv1a64(key)
        return self.seen.duplicates(h, keyed), code_ok, code_day

    def _columns(self, batch: Any) -> _Rows | None:
        """The batch's columns as the row engine would read them, and which rows are clean
        (read without a finding, in the shapes judged in columns)."""
        np, pc = self.np, self.pc
        n = batch.num_rows
        get = _Columns(batch, self.headers, self.keys).get
        rec = get("received_at")
        if rec is None:
            return None
        r = _Rows()
        r.get = get
        r.dup, code_ok, code_day = self._dups(batch)
        # Cells the reader leaves as they are (no invisible character, not too long).
        plain = np.ones(n, dtype=bool)
        for col in batch.columns:
            ok, size = _printable(np, col)
            if not ok.all():
                bad = np.flatnonzero(~ok)
                values = col.take(self.pa.array(bad, type=self.pa.int64()))
                ok[bad] = _labels(pc, np, values, lambda v: int(self._plain(v)), len(bad)) > 0
            plain &= ok & (size <= self.limit)
        r_shape, r_valid, r.r_day, r_sec = _iso(np, rec)
        r.moment = r.r_day * 86400 + r_sec
        shapes = {"received_at": (r_shape, r_valid)}
        clean = plain & code_ok & (r_shape == 2) & r_valid
        clean &= (code_day < 0) | (code_day == r.r_day)
        r.a_day = np.zeros(n, dtype=np.int64)
        r.has_appt = np.zeros(n, dtype=bool)
        r.e_day = np.zeros(n, dtype=np.int64)
        r.e_moment = np.zeros(n, dtype=np.int64)
        r.has_end = np.zeros(n, dtype=bool)
        appt = get("appointment_date")
        if appt is not None:
            a_shape, a_valid, r.a_day, _ = _iso(np, appt)
            shapes["appointment_date"] = (a_shape, a_valid)
            clean &= (a_shape == 0) | (((a_shape == 1) | (a_shape == 2)) & a_valid)
            r.has_appt = a_shape != 0
        end = get("end_at")
        if end is not None:
            e_shape, e_valid, r.e_day, e_sec = _iso(np, end)
            r.e_moment = r.e_day * 86400 + e_sec
            shapes["end_at"] = (e_shape, e_valid)
            clean &= (e_shape == 0) | (((e_shape == 1) | (e_shape == 2)) & e_valid)
            r.has_end = e_shape != 0
        if self.survey is not None:
            self._count_dates(batch, shapes, self.survey)
        for key in DATE_FIELDS:
            if get(key) is not None and self.reading.formats.get(key) is not DateFormat.ISO:
                clean &= np.asarray(pc.equal(get(key), ""))
        events = get("events")
        if events is not None:
            clean &= np.asarray(pc.equal(events, ""))
        r.paid = np.zeros(n, dtype=bool)
        for key in FLAG_FIELDS:
            col = get(key)
            if col is not None:
                got = _labels(pc, np, col, _flag, n)
                clean &= got >= 0
                if key == "fee_paid_online":
                    r.paid = got == 1
        r.clean = clean
        return r

    def _count_dates(self, batch: Any, shapes: dict[str, tuple[Any, Any]], survey: _Survey) -> None:
        """Count the batch's date values into the survey (see :class:`_Survey`)."""
        np = self.np
        odd_rows: set[int] = set()
        for key, (shape, valid) in shapes.items():
            iso = (shape == 1) | (shape == 2)
            survey.add_bulk(key, int(iso.sum()), int((iso & valid).sum()))
            odd_rows.update(np.flatnonzero(shape == 3).tolist())
        if odd_rows:
            self._survey_odd(batch, sorted(odd_rows), survey)

    def _judge(self, r: _Rows) -> None:
        """What the judge does with each clean row, in its order: a duplicate, a receipt
        after ``as_of`` or outside the period left out; then the rows judged in columns
        (known labels, terms counted in days or months, the probe's due dates)."""
        np, pc = self.np, self.pc
        judge = self.judge
        get = r.get
        n = len(r.clean)
        r.is_dup = r.clean & r.dup
        live = r.clean & ~r.dup
        r.after = np.zeros(n, dtype=bool)
        if self.as_of is not None:
            # Moments here are whole seconds: ``> as_of`` is ``>`` its whole second.
            r.after = live & (r.moment > self.as_of)
        live &= ~r.after
        r.outside = np.zeros(n, dtype=bool)
        if judge.received_from is not None:
            r.outside |= live & (r.r_day < _days(judge.received_from))
        if judge.received_to is not None:
            r.outside |= live & (r.r_day > _days(judge.received_to))
        live &= ~r.outside
        r.chan = _labels(pc, np, get("channel"), self._channel_id, n)
        r.status = _labels(pc, np, get("status"), self._status, n)
        district = _labels(pc, np, get("level"), self._district, n)
        proc, chan_text = get("procedure_code"), get("channel")
        if proc is None:
            pair = np.full(n, -1, dtype=np.int64)
        elif chan_text is None:
            pair = _labels(pc, np, proc, lambda v: self._pair(v, ""), n)
        else:
            joined = pc.binary_join_element_wise(proc, chan_text, "\x00")
            pair = _labels(pc, np, joined, lambda v: self._pair(*v.split("\x00", 1)), n)
        r.pair = pair
        judged = live & (r.chan >= 0) & (r.status >= 0) & (pair >= 0)
        judged &= ~((district == 1) & (r.r_day > _days(DISTRICT_LEVEL_ABOLISHED.last_day)))
        if self.pair_terms:
            free = np.array([t[3] is False for t in self.pair_terms], dtype=bool)
            judged &= ~(r.paid & free[np.clip(pair, 0, None)])
        # The end as the clock sees it at as_of; an end before the receipt day is reported.
        r.end_seen = r.has_end.copy()
        if self.as_of is not None:
            r.end_seen &= r.e_moment <= self.as_of
        judged &= ~(r.end_seen & (r.e_day < r.r_day))
        # The probes: one per (terms, receipt day).
        ok = np.zeros(n, dtype=bool)
        r.due = np.zeros(n, dtype=np.int64)
        r.legal = np.zeros(n, dtype=np.int64)
        r.pkey = np.zeros(n, dtype=np.int64)
        r.probes = []
        cand = np.flatnonzero(judged)
        if len(cand):
            combined = pair[cand] * (1 << 32) + (r.r_day[cand] + (1 << 31))
            uniq, inverse = np.unique(combined, return_inverse=True)
            r.probes = [self._probe(u >> 32, (u & 0xFFFFFFFF) - (1 << 31)) for u in uniq.tolist()]
            ok[cand] = np.array([p.ok for p in r.probes], dtype=bool)[inverse]
            r.due[cand] = np.array([p.due for p in r.probes], dtype=np.int64)[inverse]
            r.legal[cand] = np.array([p.legal for p in r.probes], dtype=np.int64)[inverse]
            r.pkey[cand] = inverse
        r.judged = judged & ok
        r.slow = ~(r.is_dup | (r.clean & (r.after | r.outside)) | r.judged)

    def _findings(self, r: _Rows) -> dict[str, Any]:
        """The rows of each finding code raised in columns; the first rows of a code still
        short of examples are moved to the row engine (``r.slow``), which keeps them."""
        np = self.np
        judged = r.judged
        rows: dict[str, Any] = {
            "duplicate-dossier-code": r.is_dup,
            "appointment-too-early": judged & r.has_appt & (r.a_day < r.legal),
            "appointment-too-late": judged & r.has_appt & (r.a_day > r.legal),
            "missing-appointment": judged & ~r.has_appt,
        }
        by_code: dict[str, list[int]] = {}
        for i, p in enumerate(r.probes):
            if p.ok:
                for c in p.codes:
                    by_code.setdefault(c, []).append(i)
        for c, ids in by_code.items():
            found = judged & np.isin(r.pkey, np.array(ids, dtype=np.int64))
            rows[c] = rows[c] | found if c in rows else found
        sink = self.sink
        assert sink.max_examples is not None
        for c, mask in rows.items():
            need = sink.max_examples - sink.counts.get(c, 0)
            if need > 0:
                r.slow[np.flatnonzero(mask & ~r.slow)[:need]] = True
        return rows

    def _count(self, r: _Rows, findings: dict[str, Any]) -> None:
        """Count the rows left to the columns (what the consumer of judgements counts)."""
        raise NotImplementedError

    def _left_and_tallied(self, r: _Rows, findings: dict[str, Any]) -> Any:
        """Count the rows left out and the findings of the rows left to the columns; the
        rows judged in columns (a mask)."""
        fast = ~r.slow
        left = {
            "duplicate": r.is_dup & fast,
            "after-as-of": r.after & fast,
            "outside-period": r.outside & fast,
        }
        for reason, mask in left.items():
            k = int(mask.sum())
            if k:
                self.left_out(reason, k)
                self.judge.skipped[reason] += k
        for c, mask in findings.items():
            k = int((mask & fast).sum())
            if k:
                _tally(self.sink, c, k)
        return r.judged & fast

    def left_out(self, reason: str, k: int) -> None:
        """``k`` rows left out for ``reason`` (the judge's ``last_skip``)."""

    def on_record(self, record: DossierRecord) -> None:
        """Judge one record the row engine read (a row handed back)."""
        raise NotImplementedError

    @staticmethod
    def outcome_masks(r: _Rows, j: Any, as_of_day: int | None) -> dict[str, Any]:
        """The rows of ``j`` by outcome (``None``: not judged), as the judge classifies."""
        ended = j & r.end_seen
        due = r.due
        out: dict[str, Any] = {
            "late": ended & (r.e_day > due),
            "on_time": ended & (r.e_day == due),
            "early": ended & (r.e_day < due),
            # an end status whose end is not seen at as_of: not judged (end-without-date)
            NOT_JUDGED: j & ~r.end_seen & (r.status == 1),
        }
        opened = j & ~r.end_seen & (r.status != 1)
        if as_of_day is None:
            out[NOT_JUDGED] = out[NOT_JUDGED] | opened
        else:
            out["overdue"] = opened & (as_of_day > due)
            out["in_time"] = opened & (as_of_day <= due)
        return out

    def _slow(self, batch: Any, line0: int, idx: Any, dup: Any) -> None:
        """Hand rows ``idx`` of the batch to the row engine, in file order."""
        src = self.src
        reader = self.reader
        judge = self.judge
        done = 0
        rows = batch.take(self.pa.array(idx, type=self.pa.int64())).to_pylist() if len(idx) else []
        seen = judge._seen
        judge._seen = self.oracle  # type: ignore[assignment]
        try:
            for i, row in zip(idx.tolist(), rows, strict=True):
                src.records += i - done  # the rows judged in columns before this one
                done = i + 1
                raw = reader.text_row(self.headers, [row[h] for h in self.headers], line0 + i)
                if raw is None:
                    continue
                self.oracle.answer = bool(dup[i])
                record = self.reading.record(raw, raw.row)
                self.on_record(record)
        finally:
            judge._seen = seen
        src.records += batch.num_rows - done


class _AuditEngine(_Engine):
    """The columnar engine counting into an audit's counters."""

    def __init__(self, a: _Audit, sink: FindingSink, reading: DossierReading, path: Path,
                 sep: str) -> None:  # fmt: skip
        super().__init__(a.judge, sink, reading, path, sep)
        self.a = a

    def left_out(self, reason: str, k: int) -> None:
        self.a.left_out[reason] += k

    def on_record(self, record: DossierRecord) -> None:
        self.a.add(record)

    def _count(self, r: _Rows, findings: dict[str, Any]) -> None:
        """Count the rows judged in columns, as :meth:`_Audit.add` counts judgements."""
        np = self.np
        a = self.a
        j = self._left_and_tallied(r, findings)
        k_j = int(j.sum())
        if not k_j:
            return
        a.dossiers += k_j
        a.audited += k_j
        a.appointments_checked += int((j & r.has_appt).sum())
        chans = np.bincount(r.chan[j], minlength=len(self.channel_names)).tolist()
        for cid, k in enumerate(chans):
            if k:
                a.channels[self.channel_names[cid]] += k
        for i, k in enumerate(np.bincount(r.pkey[j], minlength=len(r.probes)).tolist()):
            if k:
                p = r.probes[i]
                for f in p.flags:
                    a.clock_flags[f] += k
                if p.calendar_key is not None:
                    a.calendar_keys.add(p.calendar_key)
        for outcome, mask in self.outcome_masks(r, j, self.as_of_day).items():
            k = int(mask.sum())
            if k:
                a.outcomes[outcome] += k
                if outcome == NOT_JUDGED and self.as_of_day is not None:
                    a.clock_flags[FLAG_END_WITHOUT_DATE] += k
        if self.as_of_day is None:
            k = int((j & ~r.end_seen & (r.status == 1)).sum())
            if k:
                a.clock_flags[FLAG_END_WITHOUT_DATE] += k


def _iso_shape(text: str) -> bool:
    import re

    return re.fullmatch(_ISO_ANY[1:-1], text) is not None


def _tally(sink: FindingSink, code: str, n: int) -> None:
    """Count ``n`` findings of ``code`` that are not kept (its examples are complete)."""
    sink.severities.setdefault(code, rule(code).severity)
    sink.counts[code] += n


def _close_unread(src: Any, rows: Iterator[Any]) -> None:
    """Close the row engine's reader of ``src`` without reading it: its generator is
    started (so that closing it closes the file) and what that first step counted and
    found is taken back."""
    state = (src.records, src.lines_rejected, src.lines_blank, len(src.findings))
    try:
        next(rows, None)
    except Exception:  # the row engine would report it; here the file is only closed
        pass
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    src.records, src.lines_rejected, src.lines_blank = state[:3]
    del src.findings[state[3] :]


def _np() -> Any:
    import numpy

    return numpy


def _probe_judge(judge: Any) -> Any:
    """A copy of ``judge`` (sharing its caches) that judges without ``as_of``, period or
    duplicate checks: what a probe asks."""
    import copy

    probe = copy.copy(judge)
    probe.as_of = None
    probe.moment = None
    probe.received_from = None
    probe.received_to = None
    probe._seen = None
    return probe


def use_arrow(engine: Engine, path: str | os.PathLike[str]) -> bool:
    """Whether to try the columnar engine on ``path`` (it may still decline the file)."""
    if engine not in ENGINES:
        raise InvalidArgumentError(
            f"engine must be one of {', '.join(ENGINES)}, got {engine!r}",
            path="engine",
            value=engine,
            expected="'auto', 'python' or 'arrow'",
        )
    if engine == "python":
        return False
    if engine == "arrow":
        if not arrow_available():
            raise MissingExtraError.of("pyarrow", "arrow", "the arrow engine")
        return True
    try:
        big = os.path.getsize(path) >= ARROW_MIN_BYTES
    except (OSError, TypeError, ValueError):
        return False
    return big and arrow_available()


def read_in_columns(
    judge: Judge,
    sink: FindingSink,
    path: str | os.PathLike[str],
    make: Callable[[DossierReading, Path, str], _Engine],
    *,
    date_format: DateFormat | str | None,
    progress: Callable[[int], None] | None,
    limits: ReadLimits | None,
    sheet: str | Sequence[str] | None,
    columns: Mapping[str, str] | None,
    encoding: str | None,
) -> DossierReading | None:
    """Read and judge one dossier file with the engine ``make`` builds, or ``None`` when the
    columnar engine declines the file: then ``sink`` and the judge's counts are as they
    were, and the row engine reads the file (see the module docstring for when)."""
    p = Path(path)
    if (
        sink.tee is not None
        or sink.max_examples is None
        or judge.receipt_policy != "as-submitted"
        or not judge.has_catalogue
        or encoding not in (None, "utf-8", "utf8", "UTF-8")
        or not p.is_file()
    ):
        return None
    try:
        fmt = detect_format(p)
    except Exception:
        return None
    if fmt not in ("csv", "tsv") or not arrow_available():
        return None
    explicit = DateFormat(date_format) if isinstance(date_format, str) else date_format
    if explicit is not None and explicit is not DateFormat.ISO:
        return None
    try:
        reading = DossierReading(
            path, date_format=date_format, sink=sink, limits=limits, sheet=sheet,
            columns=columns, encoding=encoding,
        )  # fmt: skip
    except Exception:
        return None
    src = reading.src
    reader = src.reader
    rows = src.rows
    try:
        if (
            src.fmt not in ("csv", "tsv")
            or src.header_line != 1
            or src.named
            or reader is None
            or reader.blank_columns
            or any(f.code not in ("unknown-column", "duplicate-column") for f in src.findings)
            or len(src.headers) < 2
            or "received_at" not in reading.roles.keys.values()
        ):
            return None
        sep = _delimiter(p, src.fmt, reading.delimiter)
        expected = _scan(_np(), p, sep, len(src.headers), reading.limits.max_line_bytes)
        engine = make(reading, p, sep)
    except _Decline:
        return None
    finally:
        _close_unread(src, rows)
    # From here on the sink counts; the dates are read as ISO 8601 until the survey counted
    # on the way says whether the row engine would have read them so.
    saved = (Counter(judge.skipped), Counter(sink.counts), dict(sink.severities))
    start = len(sink.examples)
    if reading.explicit is not None:
        reading.decide(None)
    else:
        reading.formats.update(dict.fromkeys(DATE_FIELDS, DateFormat.ISO))
    try:
        engine.run(progress, expected)
        if engine.survey is not None:
            decisions = engine.survey.decide()
            evidence = engine.survey.evidence
            if any(
                d.fmt is not DateFormat.ISO and (d.fmt is not None or evidence[k].values)
                for k, d in decisions.items()
            ):
                # read in another format, or values no format reads (the row engine then
                # reads the column with none)
                raise _Decline("a date column the row engine does not read as ISO 8601")
    except _Decline:
        judge.skipped, sink.counts, sink.severities = saved
        del sink.examples[start:]
        sink.agency = None
        return None
    if engine.survey is not None:
        # The decisions' findings come first, as the row engine reports them before any row.
        after = sink.examples[start:]
        del sink.examples[start:]
        sink.agency = None  # file-level findings name no agency
        reading.formats.clear()
        reading.decide(decisions)
        sink.examples.extend(after)
    report_if_empty(reader)
    reading.finish()
    reading.stream.rows = src.records
    return reading


def audit_file_arrow(
    a: _Audit,
    path: str | os.PathLike[str],
    procedures: int,
    part: int,
    date_format: DateFormat | str | None,
    progress: Callable[[int], None] | None,
    limits: ReadLimits | None,
    sheet: str | Sequence[str] | None,
    columns: Mapping[str, str] | None,
    encoding: str | None,
) -> AuditPartial | None:
    """Audit one file in columns into a partial, or ``None`` when the engine declines the
    file (the row engine then reads it; nothing has been counted)."""
    if a.per_dossier is not None:
        return None
    sink = FindingSink(max_examples=a.sink.max_examples, tee=a.sink.tee)
    audit = a  # the counters are started afresh for this file (a part) only if it is read

    def make(reading: DossierReading, p: Path, sep: str) -> _Engine:
        audit.start(sink)
        return _AuditEngine(audit, sink, reading, p, sep)

    reading = read_in_columns(
        a.judge, sink, path, make, date_format=date_format, progress=progress,
        limits=limits, sheet=sheet, columns=columns, encoding=encoding,
    )  # fmt: skip
    if reading is None:
        return None
    src = reading.src
    return a.partial(
        part=part,
        rows=src.records,
        catalogue_procedures=procedures,
        file=reading.stream.file,
        date_formats=dict(reading.stream.date_formats),
        lines_rejected=src.lines_rejected,
        lines_blank=src.lines_blank,
        engine="arrow",
    )
