"""Parquet dossier tables read in columns: what each column is to the columnar engine.

The columnar engine (:mod:`procedurekit.checks._columnar`) judges Arrow string columns
(:mod:`procedurekit.io._arrow_columns`). A Parquet table has typed columns, which the row
reader (:mod:`procedurekit.io._parquet`) turns into Python values. Here each column of a
record batch becomes the column the engine reads, chosen so that what the engine decides
from it is what the row engine decides from those Python values:

- **text** (``string``, ``large_string``, a dictionary of strings): the same text, a null
  as an empty cell (the row reader leaves a null out of the row, which reads as empty);
- **a whole number** in a column the dossier reader reads as text or a flag, and **a
  boolean** in a flag column: its text (``123``, ``true``/``false``), as :func:`str` and
  the flag reader read them;
- **a timestamp or a date** in a date column: kept typed, read by :func:`typed_dates` into
  the day and the second of the day in Vietnam time (a naive timestamp *is* Vietnam local
  time, an aware one is converted, as the row reader does);
- **an event log** of a type other than text (a list of structs): whether the row states
  one (a non-null value), since the engine judges only rows without one;
- **a column no field reads** (an unknown column): it changes nothing the engine judges,
  except a floating-point value that is not finite (the row reader reports it), so only
  those are kept, as a mask of rows to hand to the row engine.

Any other combination (a number in a date column, a list in a text column, binary text,
partitions whose schemas differ, a timestamp Python cannot hold) is :class:`Declined`, and
the row engine reads the table. pyarrow and numpy are imported by the callers only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from procedurekit._time import VIETNAM_TZ
from procedurekit.io._arrow_columns import Declined
from procedurekit.io.dossiers import DATE_FIELDS, FLAG_FIELDS

__all__ = [
    "ParquetPlan",
    "typed_dates",
]

_DATE_KEYS: Final = frozenset(DATE_FIELDS)
#: The yes/no fields: a boolean there is read as the flag reader reads ``true``/``false``
#: (elsewhere a boolean is ``True``/``False`` to the row reader, so not read in columns).
_FLAG_KEYS: Final = frozenset(FLAG_FIELDS)
#: Seconds per unit of a timestamp column.
_PER_SECOND: Final = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
#: Vietnam's offset from UTC (:data:`procedurekit._time.VIETNAM_TZ`, a fixed offset), seconds.
_VN_OFFSET: Final = int(VIETNAM_TZ.utcoffset(None).total_seconds())
#: Days since 1970-01-01 of 0001-01-01 and of 9999-12-31: what Python's ``date`` holds.
_FIRST_DAY: Final = -719_162
_LAST_DAY: Final = 2_932_896


class ParquetPlan:
    """What each column of a table is to the engine (see the module docstring); built from
    the schema of the table's first file, which every file must share."""

    def __init__(self, pa: Any, schema: Any, keys: Mapping[str, str | None]) -> None:
        self.pa = pa
        self.schema = schema
        self.kinds: list[str] = []
        types = pa.types
        for field in schema:
            typ, key = field.type, keys.get(field.name)
            text = (
                types.is_string(typ)
                or types.is_large_string(typ)
                or (
                    types.is_dictionary(typ)
                    and (types.is_string(typ.value_type) or types.is_large_string(typ.value_type))
                )
            )
            if text:
                kind = "text"
            elif key == "events":
                kind = "stated"
            elif key is None:
                kind = "float" if types.is_floating(typ) else _unknown_kind(pa, typ, field.name)
            elif key in _DATE_KEYS and (types.is_timestamp(typ) or types.is_date(typ)):
                kind = "moment" if types.is_timestamp(typ) else "day"
            elif (key not in _DATE_KEYS and types.is_integer(typ)) or (
                key in _FLAG_KEYS and types.is_boolean(typ)
            ):
                kind = "text"
            else:
                raise Declined(f"column {field.name!r} ({typ}) is not read in columns")
            self.kinds.append(kind)

    def kind(self, name: str) -> str | None:
        """The kind of column ``name`` (``None``: not a column of the table)."""
        names = self.schema.names
        return self.kinds[names.index(name)] if name in names else None

    def check_schema(self, schema: Any, name: str) -> None:
        """Refuse a file whose schema is not the first file's."""
        if not schema.equals(self.schema):
            raise Declined(f"{name}: its columns differ from the first file's")

    def view(self, batch: Any) -> tuple[Any, Any]:
        """``(view, odd)``: the batch as the engine reads it (one column per column of the
        table, text or typed dates), and which rows must go to the row engine (a
        floating-point value that is not finite in an unknown column)."""
        pa = self.pa
        import numpy as np
        import pyarrow.compute as pc  # type: ignore[import-untyped]

        n = batch.num_rows
        odd = np.zeros(n, dtype=bool)
        columns = []
        empty = None
        for col, kind in zip(batch.columns, self.kinds, strict=True):
            if kind == "text":
                col = pc.fill_null(col.cast(pa.string()), "")
            elif kind == "stated":
                col = pc.if_else(pc.is_null(col), "", "x")
            elif kind not in ("moment", "day"):
                if kind == "float":
                    finite = pc.fill_null(pc.is_finite(col), fill_value=True)
                    odd |= ~np.asarray(finite)
                if empty is None:
                    empty = pa.repeat(pa.scalar("", pa.string()), n)
                col = empty
            columns.append(col)
        return pa.RecordBatch.from_arrays(columns, names=batch.schema.names), odd


def _unknown_kind(pa: Any, typ: Any, name: str) -> str:
    """An unknown column of a type the row reader does not clean: nothing to check."""
    types = pa.types
    if (
        types.is_integer(typ)
        or types.is_boolean(typ)
        or types.is_timestamp(typ)
        or types.is_date(typ)
        or types.is_null(typ)
    ):
        return "ignored"
    raise Declined(f"column {name!r} ({typ}) is not read in columns")


def typed_dates(np: Any, pa: Any, col: Any) -> tuple[Any, Any, Any, Any]:
    """``(shape, valid, day, seconds)`` of a timestamp or date column, as
    :func:`~procedurekit.io._arrow_columns.iso_dates` gives them for text: ``shape`` 0 null,
    1 a date, 2 a moment; ``valid`` a date, or a moment of whole seconds (one with a
    fraction is judged by the row engine, since the engine compares whole seconds); ``day``
    days since 1970-01-01 and ``seconds`` of the day, in Vietnam time.

    A batch holding a value Python cannot hold (before year 1, after 9999) is
    :class:`Declined`: the row reader reads that batch's column as text."""
    n = len(col)
    present = ~np.asarray(col.is_null())
    if pa.types.is_date(col.type):
        day = np.asarray(col.cast(pa.date32()).cast(pa.int32()).fill_null(0), dtype=np.int64)
        seconds = np.zeros(n, dtype=np.int64)
        shape = np.where(present, 1, 0).astype(np.int8)
        valid = present
    else:
        per = _PER_SECOND[col.type.unit]
        raw = np.asarray(col.cast(pa.int64()).fill_null(0), dtype=np.int64)
        local = raw // per + (_VN_OFFSET if col.type.tz is not None else 0)
        day, seconds = np.divmod(local, 86400)
        shape = np.where(present, 2, 0).astype(np.int8)
        valid = present & (raw % per == 0)
    if present.any():
        held = day[present]
        if int(held.min()) < _FIRST_DAY or int(held.max()) > _LAST_DAY:
            raise Declined("a date column holds a value before year 1 or after 9999")
    return shape, valid, np.where(valid, day, 0), np.where(valid, seconds, 0)
