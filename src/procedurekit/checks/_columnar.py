"""The columnar engine (``--engine arrow``): a dossier file judged in Arrow record batches.

The row engine (:func:`procedurekit.io.iter_dossiers` and :class:`procedurekit.judge.Judge`,
one record at a time) is the reference. This engine reads the same file with pyarrow (the
``arrow`` extra) in record batches, a CSV or TSV file as text columns, a JSON Lines file as
text columns (every key of the file in its first line, every value text or null), a
Parquet table (a file or a directory of partitions) as its typed columns made into the
columns the engine reads (:class:`~procedurekit.io._parquet_columns.ParquetPlan`), and
splits each batch in two:

- **rows judged in columns**: the common case, a clean row (every cell plain text, an
  ISO receipt moment or a timestamp of whole seconds, a standard dossier code that agrees
  with it, known labels, a procedure whose time limit is counted in working days, calendar
  days or months, no event log). Their due dates come from the judge itself, asked once
  per (procedure, channel, receipt day) (a *probe*: the due date, the due date on the
  calendar known at receipt, the clock's flags and the calendar findings); their
  outcomes, appointment findings, duplicates and left-out reasons are computed for the
  whole column with numpy;
- **every other row** (anything unusual, and the first rows of each finding code, so that
  the examples kept are the row engine's) is handed, in file order, to the row engine's
  own reader cleaning (:meth:`procedurekit.io.dossiers.DossierReading.record`) and judge:
  a CSV row as its record's text cells, a JSON Lines row as its object, a Parquet row as
  the Parquet reader's cells.

The next batch is read, and its columns checked (the codes' shape and digests, printable
cells, date shapes: :class:`_Checked`), in a worker thread while the batch before is
judged; judging, duplicates and counting stay in the calling thread, in file order.

So the findings, counts and examples are the row engine's: ``tests/checks/test_engines.py``
runs both engines on generated clean and hostile files, CSV, JSON Lines and Parquet, and
requires identical reports.

The engine declines a file (and the row engine reads it) whenever reading it in columns
could differ from reading it line by line: a text file that is not a plain UTF-8 CSV or TSV
with its header on the first line, a NUL byte, a quoted cell over several lines, a record
the standard library's strict CSV reader would read differently; a JSON Lines file with a
number, list or object value, a key missing from its first line or met only later, a
repeated key, a blank line, a byte-order mark or gzip; a Parquet column of a type
it does not read (see :mod:`procedurekit.io._parquet_columns`), partitions whose columns
differ, a moment Python cannot hold; a date column the row engine would not read as ISO
8601 (or, typed, as itself) (found at the end of the one pass: the sink and the judge's
counts are then put back as they were), an unusual header, a table without a receipt
column; and whenever the caller asks for something it does not compute in columns
(``--per-dossier``, ``--findings-out``, all examples, a receipt policy other than
``as-submitted``, no catalogue, service models in metrics). Blank lines and Excel's
``,,,,`` rows of a CSV are read in columns as the row reader reads them (rejected, counted).

Reading the batches and checking their bytes is :mod:`procedurekit.io._arrow_columns`;
the audit's and the metrics' consumers of the engine are in
:mod:`procedurekit.checks.audit` and :mod:`procedurekit.metrics._columnar`.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from procedurekit._text import has_invisible, remove_invisible
from procedurekit._time import VIETNAM_TZ
from procedurekit.durations import CalendarDays, Months, WorkingDays
from procedurekit.errors import InputFileError, InvalidArgumentError, MissingExtraError
from procedurekit.findings import FindingSink, rule
from procedurekit.io import ReadLimits
from procedurekit.io._arrow_columns import (
    Declined,
    SeenDigests,
    arrow_available,
    arrow_missing,
    delimiter_of,
    digest64,
    digest_column,
    dossier_codes,
    is_iso_shape,
    iso_dates,
    json_batches,
    numpy_module,
    printable,
    record_batches,
    scan_json_lines,
    scan_lines,
)
from procedurekit.io._parquet import (
    batch_cells,
    column_converters,
    file_batches,
    parquet_files,
)
from procedurekit.io._parquet_columns import ParquetPlan, typed_dates
from procedurekit.io._tables import RawRow, detect_format, json_row, report_if_empty
from procedurekit.io.dates import (
    DateDecision,
    DateEvidence,
    DateFormat,
    date_format_of,
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
from procedurekit.vocab import DISTRICT_LEVEL_ABOLISHED, Channel, Level, Status

if TYPE_CHECKING:
    from procedurekit.judge import Judge
    from procedurekit.models.procedure import Procedure

#: The ``stats.outcomes`` key of dossiers whose outcome could not be judged.
NOT_JUDGED: Final = "not_judged"

__all__ = [
    "ARROW_MIN_BYTES",
    "ENGINES",
    "NOT_JUDGED",
    "BatchRows",
    "ColumnEngine",
    "Engine",
    "arrow_available",
    "digest64",
    "read_in_columns",
    "use_arrow",
]

Engine = Literal["auto", "python", "arrow"]
#: The engines ``audit``/``metrics`` accept: ``auto`` chooses ``arrow`` for a large CSV,
#: JSON Lines or Parquet table when pyarrow is installed, ``python`` is the row engine.
ENGINES: Final = ("auto", "python", "arrow")
#: ``auto`` reads a file at least this big with the columnar engine (below it, starting
#: pyarrow costs more than it saves).
ARROW_MIN_BYTES: Final = 4 << 20
#: Bytes of CSV per record batch.
_DURATIONS: Final = (WorkingDays, CalendarDays, Months)


class _Oracle:
    """Stands in for the judge's set of codes seen: answers what the columns decided."""

    __slots__ = ("answer",)

    def __init__(self) -> None:
        self.answer = False

    def add(self, key: str) -> bool:
        return self.answer


# -- the file --------------------------------------------------------------------------------


class _Survey:
    """The date survey of the row engine (:meth:`DossierReading.survey`), counted in columns:
    a value of an ISO shape that is a real date is one ISO reading, any other value is
    counted by :class:`DateEvidence` itself."""

    def __init__(self) -> None:
        self.evidence = {key: DateEvidence() for key in DATE_FIELDS}

    def add_native(self, key: str, values: int) -> None:
        """``values`` typed values (a timestamp or date column): each read as itself."""
        ev = self.evidence[key]
        ev.values += values
        ev.native += values

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


# -- the sources -----------------------------------------------------------------------------


class _CsvColumns:
    """A CSV or TSV file read in columns: record batches of text columns; a row handed to
    the row engine is its record's cells, read as the delimited-text reader reads them."""

    #: The row reader leaves out blank records (``,,,,``) before they are rows.
    skips_blank = True

    def __init__(self, pa: Any, path: Path, headers: list[str], sep: str) -> None:
        self.pa, self.path, self.headers, self.sep = pa, path, headers, sep
        #: The line of the first record (the header is line 1).
        self.first_line = 2

    def batches(self) -> Iterator[tuple[Any, Any, Any]]:
        """``(view, batch, odd)`` per record batch: the columns the engine reads, the
        batch itself, and the rows to hand back whatever their columns say (``None``)."""
        for batch in record_batches(self.pa, self.path, self.headers, self.sep):
            yield batch, batch, None

    def cells(self, batch: Any, idx: Sequence[int]) -> list[dict[str, Any]]:
        """The cells of rows ``idx`` as the row reader gets them, before cleaning."""
        return batch.take(self.pa.array(idx, type=self.pa.int64())).to_pylist()  # type: ignore[no-any-return]

    def typed(self, header: str) -> bool:
        """Whether column ``header`` is typed (dates read by :func:`typed_dates`)."""
        return False

    def raw_row(self, reader: Any, cells: dict[str, Any], line: int) -> RawRow | None:
        """The row engine's row of ``cells`` (``None``: a blank record, left out)."""
        return reader.text_row(self.headers, [cells[h] for h in self.headers], line)  # type: ignore[no-any-return]


class _ParquetColumns:
    """A Parquet table (a file or a directory of partitions) read in columns: each record
    batch as :class:`~procedurekit.io._parquet_columns.ParquetPlan` makes it; a row handed to
    the row engine is its typed cells, converted as the Parquet reader converts them."""

    #: The Parquet reader reads every row, blank or not.
    skips_blank = False

    def __init__(self, pa: Any, files: list[Path], plan: ParquetPlan) -> None:
        self.pa, self.files, self.plan = pa, files, plan
        self.convert = column_converters(pa, plan.schema)
        self.headers: list[str] = list(plan.schema.names)
        #: A Parquet row's "line" is its row number.
        self.first_line = 1

    def batches(self) -> Iterator[tuple[Any, Any, Any]]:
        """As :meth:`_CsvColumns.batches`, over every file in path order."""
        for file in self.files:  # each file's schema is the plan's (see _parquet_source)
            for batch in file_batches(file, self.pa):
                view, odd = self.plan.view(batch)
                yield view, batch, odd

    def cells(self, batch: Any, idx: Sequence[int]) -> list[dict[str, Any]]:
        taken = batch.take(self.pa.array(idx, type=self.pa.int64()))
        return list(batch_cells(self.pa, taken, self.convert))

    def typed(self, header: str) -> bool:
        return self.plan.kind(header) in ("moment", "day")

    def raw_row(self, reader: Any, cells: dict[str, Any], line: int) -> RawRow | None:
        return reader.cell_row(cells, line)  # type: ignore[no-any-return]


class _JsonLinesColumns:
    """A JSON Lines file read in columns: every key a text column (pyarrow's JSON reader
    with the keys of the file's first block, text only, refusing a key it did not see
    there); a row handed to the row engine is its object, as the JSON Lines reader makes it
    (a key the line lacks is a null, which reads as one). The first record always goes to
    the row engine: there it meets, and reports, the keys no field reads, as it would."""

    skips_blank = False

    def __init__(self, pa: Any, path: Path, headers: list[str]) -> None:
        self.pa, self.path, self.headers = pa, path, headers
        #: Line ``n`` holds record ``n`` (no header, no blank line: see scan_json_lines).
        self.first_line = 1

    def batches(self) -> Iterator[tuple[Any, Any, Any]]:
        import numpy as np
        import pyarrow.compute as pc  # type: ignore[import-untyped]

        pa = self.pa
        for i, batch in enumerate(json_batches(pa, self.path, self.headers, _JSON_BLOCK)):
            view = pa.RecordBatch.from_arrays(
                [pc.fill_null(c, "") for c in batch.columns], names=batch.schema.names
            )
            odd = None
            if i == 0:  # the first record, to the row engine (see above)
                odd = np.zeros(batch.num_rows, dtype=bool)
                odd[:1] = True
            yield view, batch, odd

    def cells(self, batch: Any, idx: Sequence[int]) -> list[dict[str, Any]]:
        return batch.take(self.pa.array(idx, type=self.pa.int64())).to_pylist()  # type: ignore[no-any-return]

    def typed(self, header: str) -> bool:
        return False

    def raw_row(self, reader: Any, cells: dict[str, Any], line: int) -> RawRow | None:
        return json_row(reader, cells, line)


ColumnSource = _CsvColumns | _ParquetColumns | _JsonLinesColumns
#: Bytes of JSON Lines per record batch.
_JSON_BLOCK: Final = 2 << 20


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


_EPOCH_ORDINAL: Final = date(1970, 1, 1).toordinal()


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
    return _by_distinct(np, _encoded(pc, np, arr), fn)


def _encoded(pc: Any, np: Any, arr: Any) -> tuple[Any, list[str]]:
    """``(indices, distinct values)`` of a text column: its dictionary encoding."""
    enc = pc.dictionary_encode(arr)
    return np.asarray(enc.indices), enc.dictionary.to_pylist()


def _by_distinct(np: Any, encoded: tuple[Any, list[str]], fn: Callable[[str], int]) -> Any:
    """``fn`` of each value of an encoded column, computed once per distinct value."""
    indices, distinct = encoded
    return np.array([fn(v) for v in distinct] or [0], dtype=np.int64)[indices]


class _Checked:
    """What a batch's columns say by themselves, computed ahead of judging it: the dossier
    codes' shape, YYMMDD day and digests, each text column's printable cells and sizes, and
    each date column's shapes and days."""

    code_ok: Any
    code_day: Any
    digests: Any
    printable: list[tuple[Any, Any] | None]
    dates: dict[str, tuple[Any, Any, Any, Any]]


class BatchRows:
    """The columns of one record batch as the engine judges them (numpy arrays, one value
    per row): what was read, which rows are clean, what the judge does with each."""

    get: Callable[[str], Any]
    #: Dictionary-encoded columns (indices, distinct values), encoded once per batch.
    encoded: dict[str, tuple[Any, list[str]]]
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


class ColumnEngine:
    """One file audited in columns (see the module docstring)."""

    def __init__(self, judge: Judge, sink: FindingSink, reading: DossierReading,
                 source: ColumnSource) -> None:  # fmt: skip
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        self.np, self.pa, self.pc = np, pa, pc
        self.judge = judge
        self.sink = sink
        self.reading = reading
        self.src = reading.src
        self.reader = reading.reader
        self.source = source
        self.headers = list(source.headers)
        roles = reading.roles
        self.keys = dict(roles.keys) if roles.fixed else {h: roles.key(h) for h in self.headers}
        #: Whether each date field is read from a typed column (a Parquet timestamp or date):
        #: the first column of the field, as :class:`_Columns` takes it.
        first: dict[str | None, str] = {}
        for h in self.headers:
            first.setdefault(self.keys.get(h), h)
        self.key_typed = {k: k in first and source.typed(first[k]) for k in DATE_FIELDS}
        self.limit = reading.limits.max_cell_chars
        self.seen = SeenDigests(np)
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
        taken = self.source.cells(batch, idx)
        header_of = {k: h for h, k in reversed(list(self.keys.items())) if k is not None}
        blank = self.source.skips_blank
        for raw in taken:
            if blank and not any(raw[h].strip() for h in self.headers):
                continue
            cells = {h: self._clean(v) if type(v) is str else v for h, v in raw.items()}
            known, _ = self.reading.roles.split(cells)
            for key in DATE_FIELDS:
                header = header_of.get(key)
                if header is None or self.key_typed[key]:
                    continue
                cell = raw.get(header)
                if type(cell) is str and is_iso_shape(cell):
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

    def _read(self) -> Iterator[tuple[Any, Any, Any]]:
        try:
            yield from self.source.batches()
        except (self.pa.ArrowException, OSError, UnicodeDecodeError, InputFileError) as exc:
            raise Declined(f"pyarrow cannot read the file ({exc})") from exc

    # -- pass 2: judging ---------------------------------------------------------------------

    def run(self, progress: Callable[[int], None] | None, expected_rows: int) -> None:
        """Judge every batch; with :attr:`survey` set, count the date values as the row
        engine's survey does, for :func:`read_in_columns` to check the formats assumed."""
        first_line = self.source.first_line
        r0 = 0
        # Reading a batch and the checks that depend on its columns only run one batch
        # ahead, in a worker thread, while the batch before is judged (pyarrow and numpy
        # release the GIL); batches are judged in file order.
        batches = self._read()

        def ahead() -> tuple[Any, Any, Any, _Checked] | None:
            item = next(batches, None)
            return None if item is None else (*item, self._check(item[0]))

        with ThreadPoolExecutor(1, thread_name_prefix="procedurekit-columns") as pool:
            future = pool.submit(ahead)
            while (got := future.result()) is not None:
                future = pool.submit(ahead)
                view, batch, odd, checked = got
                self._batch(view, batch, odd, first_line + r0, checked)
                r0 += batch.num_rows
                if progress is not None:
                    progress(self.src.records)
        if r0 != expected_rows:
            raise Declined("pyarrow found a different number of records than the row reader")
        if r0 == 0:
            raise Declined("no data row")

    def _check(self, view: Any) -> _Checked:
        """What a batch's columns say by themselves (see :class:`_Checked`)."""
        np = self.np
        get = _Columns(view, self.headers, self.keys).get
        out = _Checked()
        code = get("dossier_code")
        if code is not None:
            out.code_ok, out.code_day = dossier_codes(np, code)
            out.digests = digest_column(np, code)
        out.printable = [
            printable(np, col) if self.pa.types.is_string(col.type) else None
            for col in view.columns
        ]
        out.dates = {key: self._dates(get(key)) for key in DATE_FIELDS if get(key) is not None}
        return out

    def _batch(self, view: Any, batch: Any, odd: Any, line0: int, checked: _Checked) -> None:
        """Judge one record batch (``view``: its columns as the engine reads them; ``odd``:
        rows to hand back whatever they hold; ``checked``: what its columns say): read its
        columns, judge the clean rows in columns, hand the others (and the first rows of
        each finding code) to the row engine, count."""
        rows = self._columns(view, batch, checked)
        if rows is None:  # read_in_columns declines such a table before reading it
            raise Declined("no receipt column")
        if odd is not None:
            rows.clean &= ~odd
        self._judge(rows)
        findings = self._findings(rows)
        self._slow(batch, line0, self.np.flatnonzero(rows.slow), rows.dup)
        self._count(rows, findings)

    def _dups(self, batch: Any, checked: _Checked) -> tuple[Any, Any, Any]:
        """``(duplicate, standard, code day)``: which rows repeat an earlier row's dossier
        code (as the row engine cleans and strips it), which codes have the standard shape
        in plain ASCII, and the days since 1970 of their YYMMDD."""
        np = self.np
        n = batch.num_rows
        code = _Columns(batch, self.headers, self.keys).get("dossier_code")
        if code is None:
            none = np.zeros(n, dtype=bool)
            return none, none, np.full(n, -1, dtype=np.int64)
        code_ok, code_day, h = checked.code_ok, checked.code_day, checked.digests
        keyed = code_ok.copy()
        # Rows whose code is not a standard ASCII one: their key as the row engine cleans it.
        odd = np.flatnonzero(~code_ok)
        if len(odd):
            texts = code.take(self.pa.array(odd, type=self.pa.int64())).to_pylist()
            for i, text in zip(odd.tolist(), texts, strict=True):
                key = self._clean(text).strip()
                if key:
                    keyed[i] = True
                    h[i] = digest64(key)
        return self.seen.duplicates(h, keyed), code_ok, code_day

    def _dates(self, col: Any) -> tuple[Any, Any, Any, Any]:
        """:func:`iso_dates` of a text column, :func:`typed_dates` of a typed one."""
        if self.pa.types.is_string(col.type):
            return iso_dates(self.np, col)
        return typed_dates(self.np, self.pa, col)

    def _columns(self, view: Any, batch: Any, checked: _Checked) -> BatchRows | None:
        """The batch's columns as the row engine would read them, and which rows are clean
        (read without a finding, in the shapes judged in columns)."""
        np, pc = self.np, self.pc
        n = view.num_rows
        get = _Columns(view, self.headers, self.keys).get
        rec = get("received_at")
        if rec is None:
            return None
        r = BatchRows()
        r.get = get
        r.encoded = {}
        r.dup, code_ok, code_day = self._dups(view, checked)
        # Cells the reader leaves as they are (no invisible character, not too long).
        plain = np.ones(n, dtype=bool)
        for col, shown in zip(view.columns, checked.printable, strict=True):
            if shown is None:
                continue
            ok, size = shown
            if not ok.all():
                bad = np.flatnonzero(~ok)
                values = col.take(self.pa.array(bad, type=self.pa.int64()))
                ok[bad] = _labels(pc, np, values, lambda v: int(self._plain(v)), len(bad)) > 0
            plain &= ok & (size <= self.limit)
        r_shape, r_valid, r.r_day, r_sec = checked.dates["received_at"]
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
            a_shape, a_valid, r.a_day, _ = checked.dates["appointment_date"]
            shapes["appointment_date"] = (a_shape, a_valid)
            clean &= (a_shape == 0) | (((a_shape == 1) | (a_shape == 2)) & a_valid)
            r.has_appt = a_shape != 0
        end = get("end_at")
        if end is not None:
            e_shape, e_valid, r.e_day, e_sec = checked.dates["end_at"]
            r.e_moment = r.e_day * 86400 + e_sec
            shapes["end_at"] = (e_shape, e_valid)
            clean &= (e_shape == 0) | (((e_shape == 1) | (e_shape == 2)) & e_valid)
            r.has_end = e_shape != 0
        if self.survey is not None:
            self._count_dates(batch, shapes, self.survey)
        for key in DATE_FIELDS:
            col = get(key)
            if col is not None and self.reading.formats.get(key) is not DateFormat.ISO:
                empty = pc.equal(col, "") if self.pa.types.is_string(col.type) else pc.is_null(col)
                clean &= np.asarray(empty)
        events = get("events")
        if events is not None:
            clean &= np.asarray(pc.equal(events, ""))
        r.paid = np.zeros(n, dtype=bool)
        for key in FLAG_FIELDS:
            col = get(key)
            if col is not None:
                got = self._mapped(r, key, _flag)
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
            if self.key_typed[key]:
                survey.add_native(key, int((shape != 0).sum()))
                continue
            iso = (shape == 1) | (shape == 2)
            survey.add_bulk(key, int(iso.sum()), int((iso & valid).sum()))
            odd_rows.update(np.flatnonzero(shape == 3).tolist())
        if odd_rows:
            self._survey_odd(batch, sorted(odd_rows), survey)

    def _judge(self, r: BatchRows) -> None:
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
        r.chan = self._mapped(r, "channel", self._channel_id)
        r.status = self._mapped(r, "status", self._status)
        district = self._mapped(r, "level", self._district)
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

    def _findings(self, r: BatchRows) -> dict[str, Any]:
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

    def _count(self, r: BatchRows, findings: dict[str, Any]) -> None:
        """Count the rows left to the columns (what the consumer of judgements counts)."""
        raise NotImplementedError

    def _mapped(self, r: BatchRows, key: str, fn: Callable[[str], int]) -> Any:
        """``fn`` of each row's ``key`` cell (``fn("")`` when the column is absent),
        computed once per distinct cell; the column is dictionary-encoded once per batch
        whatever reads it."""
        np = self.np
        col = r.get(key)
        if col is None:
            return np.full(len(r.clean), fn(""), dtype=np.int64)
        enc = r.encoded.get(key)
        if enc is None:
            enc = r.encoded[key] = _encoded(self.pc, np, col)
        return _by_distinct(np, enc, fn)

    def _left_and_tallied(self, r: BatchRows, findings: dict[str, Any]) -> Any:
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
    def outcome_masks(r: BatchRows, j: Any, as_of_day: int | None) -> dict[str, Any]:
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
        rows = self.source.cells(batch, idx.tolist()) if len(idx) else []
        seen = judge._seen
        judge._seen = self.oracle  # type: ignore[assignment]
        try:
            for i, row in zip(idx.tolist(), rows, strict=True):
                src.records += i - done  # the rows judged in columns before this one
                done = i + 1
                raw = self.source.raw_row(reader, row, line0 + i)
                if raw is None:
                    continue
                self.oracle.answer = bool(dup[i])
                record = self.reading.record(raw, raw.row)
                self.on_record(record)
        finally:
            judge._seen = seen
        src.records += batch.num_rows - done


def _tally(sink: FindingSink, code: str, n: int) -> None:
    """Count ``n`` findings of ``code`` that are not kept (its examples are complete)."""
    sink.severities.setdefault(code, rule(code).severity)
    sink.counts[code] += n


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


def _pyarrow() -> Any:
    """The ``pyarrow`` module (imported on the columnar path only)."""
    import pyarrow as pa

    return pa


def _parquet_source(
    path: Path, headers: Sequence[str], keys: Mapping[str, str | None]
) -> tuple[_ParquetColumns, int]:
    """The Parquet table at ``path`` as a source of record batches, and its number of rows;
    :class:`Declined` when its columns are not all read in columns (see
    :class:`~procedurekit.io._parquet_columns.ParquetPlan`)."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    pa = _pyarrow()
    files = parquet_files(path)
    try:
        meta = [pq.read_metadata(f) for f in files]
    except (pa.ArrowException, OSError) as exc:
        raise Declined(f"pyarrow cannot read the file ({exc})") from exc
    plan = ParquetPlan(pa, meta[0].schema.to_arrow_schema(), keys)
    for f, m in zip(files, meta, strict=True):
        plan.check_schema(m.schema.to_arrow_schema(), f.name)
    if plan.schema.names != list(headers):
        raise Declined("the reader renamed a column")
    return _ParquetColumns(pa, files, plan), sum(m.num_rows for m in meta)


def _json_lines_source(path: Path, reading: DossierReading) -> tuple[_JsonLinesColumns, int]:
    """The JSON Lines file at ``path`` as a source of record batches, and its number of
    lines; :class:`Declined` unless every line is one object of text values whose keys
    all appear in the file's first block, each the column of a dossier field (none
    unknown, no two of the same field), the receipt among them (see the module docstring).
    """
    import pyarrow.json as pj  # type: ignore[import-untyped]

    pa = _pyarrow()
    expected = scan_json_lines(path, reading.limits.max_line_bytes)
    try:
        reader = pj.open_json(os.fspath(path), read_options=pj.ReadOptions(block_size=_JSON_BLOCK))
        schema = reader.schema
        reader.close()
    except (pa.ArrowException, OSError) as exc:
        raise Declined(f"pyarrow cannot read the file ({exc})") from exc
    types = pa.types
    roles = reading.roles
    fields: dict[str, str] = {}
    for field in schema:
        # text, as pyarrow infers it (an ISO 8601 text is inferred as a timestamp; it is
        # read as text below)
        if not (types.is_string(field.type) or types.is_null(field.type)
                or types.is_timestamp(field.type) or types.is_date(field.type)):  # fmt: skip
            raise Declined(f"key {field.name!r} holds {field.type} values, not text")
        key = roles.key(field.name)
        if key is not None:
            if key in fields:
                raise Declined(f"keys {fields[key]!r} and {field.name!r} are one field")
            fields[key] = field.name
    if "received_at" not in fields or len(fields) < 2:
        raise Declined("no receipt key")
    # The first line names every key, in the schema's order: the row engine meets every
    # key, an unknown one reported, in the first record, which the engine hands back.
    with path.open("rb") as f:
        first = f.readline(reading.limits.max_line_bytes + 1)
    try:
        keys = list(json.loads(first, object_pairs_hook=lambda pairs: pairs))
    except (ValueError, TypeError) as exc:
        raise Declined("the first line is not a JSON object") from exc
    if [k for k, _ in keys] != list(schema.names):
        raise Declined("the first line does not hold every key, in order")
    return _JsonLinesColumns(pa, path, list(schema.names)), expected


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
        missing = arrow_missing()
        if missing:
            raise MissingExtraError.of(" and ".join(missing), "arrow", "the arrow engine")
        return True
    try:
        p = Path(path)
        files = parquet_files(p) if p.is_dir() else [p]
        big = sum(os.path.getsize(f) for f in files) >= ARROW_MIN_BYTES
    except (OSError, TypeError, ValueError, InputFileError):
        return False
    return big and arrow_available()


def read_in_columns(
    judge: Judge,
    sink: FindingSink,
    path: str | os.PathLike[str],
    make: Callable[[DossierReading, ColumnSource], ColumnEngine],
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
        or not (p.is_file() or p.is_dir())
    ):
        return None
    try:
        fmt = detect_format(p)
    except Exception:
        return None
    if fmt not in ("csv", "tsv", "parquet", "jsonl") or not arrow_available():
        return None
    if fmt == "jsonl" and p.suffix.lower() == ".gz":
        return None
    explicit = date_format_of(date_format)
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
    reader = reading.reader
    try:
        source: ColumnSource
        if fmt == "jsonl":
            if src.findings or reader is None:
                return None
            source, expected = _json_lines_source(p, reading)
        elif (
            src.header_line != (0 if fmt == "parquet" else 1)
            or src.named
            or reader is None
            or reader.blank_columns
            or any(f.code not in ("unknown-column", "duplicate-column") for f in src.findings)
            or len(src.headers) < 2
            or "received_at" not in reading.roles.keys.values()
        ):
            return None
        elif fmt == "parquet":
            source, expected = _parquet_source(p, src.headers, reading.roles.keys)
        else:
            sep = delimiter_of(p, src.fmt, reading.delimiter)
            width, limit = len(src.headers), reading.limits.max_line_bytes
            expected = scan_lines(numpy_module(), p, sep, width, limit)
            source = _CsvColumns(_pyarrow(), p, list(src.headers), sep)
        engine = make(reading, source)
    except (Declined, InputFileError):
        return None
    finally:
        src.close()  # not read: the engine reads the file itself
    return _judge_in_columns(judge, sink, reading, engine, expected, progress)


def _judge_in_columns(
    judge: Judge,
    sink: FindingSink,
    reading: DossierReading,
    engine: ColumnEngine,
    expected: int,
    progress: Callable[[int], None] | None,
) -> DossierReading | None:
    """Run ``engine`` over its file (see :func:`read_in_columns`)."""
    src = reading.src
    reader = reading.reader
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
                d.fmt is not (DateFormat.NATIVE if engine.key_typed[k] else DateFormat.ISO)
                and (d.fmt is not None or evidence[k].values)
                for k, d in decisions.items()
            ):
                # read in another format, or values no format reads (the row engine then
                # reads the column with none); a typed column's values are read as they are
                raise Declined("a date column the row engine does not read as ISO 8601")
    except Declined:
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
    if not reading.roles.fixed:
        # JSON Lines: the row reader adds each record's keys; every key was in the file's
        # first block (see _json_lines_source), so the columns are the source's.
        reading.stream.columns.update(k for k in engine.keys.values() if k is not None)
    report_if_empty(reader)
    reading.finish()
    reading.stream.rows = src.records
    return reading
