"""Hypothesis properties of the readers and writers."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from procedurekit.io import DateFormat, escape_formula, parse_date_value, read_catalogue, write_csv

cells = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=5))
def test_csv_round_trip_escapes_formulas(rows: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.csv"
        data = [{"code": f"1.00000{i}", "name": a, "Ghi chú": b} for i, (a, b) in enumerate(rows)]
        write_csv(path, data)
        cat = read_catalogue(path)
        assert cat.rows == len(rows)
        for rec, (a, b) in zip(cat.procedures, rows, strict=True):
            assert rec.fields.get("name", "") == escape_formula(a)
            assert rec.extra.get("Ghi chú", "") == escape_formula(b)
            for cell in (rec.fields.get("name", ""), rec.extra.get("Ghi chú", "")):
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(
    st.datetimes(min_value=datetime(1991, 1, 1), max_value=datetime(2099, 12, 31)).map(
        lambda d: d.replace(second=0, microsecond=0)
    )
)
def test_date_formats_read_back(moment: datetime) -> None:
    day = moment.date()
    assert parse_date_value(day.isoformat(), DateFormat.ISO) == day
    assert parse_date_value(f"{day:%d/%m/%Y}", DateFormat.DMY) == day
    got = parse_date_value(f"{moment:%d/%m/%Y %H:%M}", DateFormat.DMY)
    assert isinstance(got, datetime)
    assert got.replace(tzinfo=None) == moment
    serial = (day - date(1899, 12, 30)).days
    assert parse_date_value(str(serial), DateFormat.EXCEL) == day
