"""The shipped table equals a fresh build; the calendar against ``holidays`` for 2010-2060.

If ``test_shipped_table_equals_fresh_build`` fails after a ``holidays`` upgrade or an edit
of ``data/vietnam.toml``, regenerate: ``python -m procedurekit.calendar._build``
(docs/calendar-data.md, "Maintainers"), then review the diff of ``vietnam_table.json``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, timedelta
from typing import Any

import holidays
import pytest
from _paths import ROOT

import procedurekit as pk
from procedurekit.calendar import _build, vietnam
from procedurekit.calendar.vietnam import calendar_from_table, package_announcements
from procedurekit.calendar.working import FIRST_DAY, LAST_DAY, WorkingCalendar

#: Every day on which the procedurekit calendar and the ``holidays`` package (0.109)
#: disagree, 2010-2060, with the reason. Also written in docs/calendar-data.md.
KNOWN_DIFFERENCES: dict[date, tuple[bool, str]] = {
    # date: (procedurekit says working, why)
    date(2010, 9, 3): (False, "National Day 2010 swap, Công văn 5971/VPCP-KGVX"),
    date(2010, 9, 11): (True, "its make-up Saturday"),
    date(2011, 1, 29): (True, "Tết 2011 make-up Saturday, Công văn 9529/VPCP-KGVX"),
    date(2011, 1, 30): (True, "Tết 2011 make-up Sunday, Công văn 9529/VPCP-KGVX"),
    date(2011, 1, 31): (False, "Tết 2011 swapped day off (28 Chạp), Công văn 9529/VPCP-KGVX"),
    date(2011, 2, 1): (False, "Tết 2011 swapped day off (29 Chạp), Công văn 9529/VPCP-KGVX"),
    date(2011, 4, 9): (True, "Hùng Kings 2011 make-up Saturday, Công văn 9529/VPCP-KGVX"),
    date(2011, 4, 11): (False, "Hùng Kings 2011 swapped day off, Công văn 9529/VPCP-KGVX"),
    date(2012, 12, 31): (False, "New Year 2013 swap, Công văn 9570/VPCP-KGVX"),
    date(2013, 1, 5): (True, "its make-up Saturday"),
    date(2013, 2, 23): (True, "Tết 2013 make-up Saturday for 15/2, Công văn 9570/VPCP-KGVX"),
    date(2014, 1, 25): (True, "Tết 2014 make-up Saturday, Công văn 10525/VPCP-KGVX"),
    date(2014, 1, 28): (False, "Tết 2014 swapped day off (28 Chạp), Công văn 10525/VPCP-KGVX"),
    date(2014, 2, 5): (False, "Tết 2014 second nghỉ bù day, Công văn 10525/VPCP-KGVX"),
    date(2014, 2, 8): (True, "Tết 2014 make-up Saturday, Công văn 10525/VPCP-KGVX"),
    date(2026, 1, 2): (False, "New Year 2026 swap, Công văn 12729/VPCP-KGVX: holidays lacks it"),
    date(2026, 1, 10): (True, "make-up Saturday of that swap: holidays lacks it"),
}


@pytest.fixture(scope="module")
def fresh() -> dict[str, Any]:
    return _build.build_table()


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    return json.loads(_build.table_path().read_text(encoding="utf-8"))


def test_shipped_table_equals_fresh_build(fresh: dict[str, Any], shipped: dict[str, Any]) -> None:
    # holidays_version only stamps which release built it; the content must be identical.
    strip = {"holidays_version"}
    assert {k: v for k, v in shipped.items() if k not in strip} == {
        k: v for k, v in fresh.items() if k not in strip
    }, "stale vietnam_table.json: run python -m procedurekit.calendar._build"


def test_shipped_text_is_what_build_writes(fresh: dict[str, Any]) -> None:
    text = _build.table_path().read_text(encoding="utf-8")
    shipped_holidays = json.loads(text)["holidays_version"]
    assert text == _build.dump_table({**fresh, "holidays_version": shipped_holidays})


def test_table_bitmap_is_what_the_entries_give(shipped: dict[str, Any]) -> None:
    """The fast constructor's bitmap equals the one WorkingCalendar builds from the entries."""
    fast = calendar_from_table(shipped)
    slow = WorkingCalendar(
        fast.entries(),
        complete_years=fast.complete_years,
        unverified_years=fast.unverified_years,
        data_version=fast.data_version,
    )
    assert fast.table == slow.table
    assert fast == slow
    assert fast == pk.WorkingCalendar.vietnam()


def test_default_calendar_equals_assembled_one() -> None:
    built = _build.assemble(package_announcements())
    default = pk.WorkingCalendar.vietnam()
    assert built == default
    assert built.entries() == default.entries()
    assert built.data_version == default.data_version


def _fresh_process(code: str) -> str:
    """What ``code`` prints in a new interpreter (nothing imported yet)."""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return out.stdout


def test_default_calendar_does_not_import_holidays() -> None:
    code = (
        "import sys, datetime, procedurekit as pk\n"
        "pk.WorkingCalendar.vietnam().add_working_days(datetime.date(2026, 2, 13), 1)\n"
        "print('holidays' in sys.modules)\n"
    )
    assert _fresh_process(code).strip() == "False"


def test_calendars_as_known_on_a_day_start_from_the_shipped_rows() -> None:
    """A calendar as known on a day (one per data state in an audit) is assembled from the
    ``holidays`` rows kept in the shipped table, without importing ``holidays``: the same
    rows as the default calendar, whichever version is installed."""
    code = (
        "import sys, datetime, procedurekit as pk\n"
        "cal = pk.WorkingCalendar.vietnam(known_at=datetime.date(2025, 6, 1))\n"
        "print(cal.is_working_day(datetime.date(2025, 9, 2)), 'holidays' in sys.modules)\n"
    )
    assert _fresh_process(code).split() == ["False", "False"]
    assert list(vietnam._package_rows()) == list(_build.holidays_rows())


def test_every_holidays_name_is_translated() -> None:
    names = {name for _, name in _build.holidays_rows()}
    bases = {n.removesuffix(" (observed)") for n in names if not n.startswith("Day off")}
    assert bases <= set(_build.HOLIDAY_NAMES), bases - set(_build.HOLIDAY_NAMES)


def _holidays_view() -> tuple[set[date], set[date]]:
    """Weekdays off and weekend days worked, as the ``holidays`` package has them."""
    vn = holidays.country_holidays(
        "VN", years=range(2010, 2061), categories=("public",), language="en_US"
    )
    off = {d for d in vn if d.weekday() < 5}
    worked: set[date] = set()
    for names in vn.values():
        for m in re.finditer(r"substituted from (\d\d)/(\d\d)/(\d{4})", names):
            worked.add(date(int(m[3]), int(m[1]), int(m[2])))
    return off, worked


def test_cross_check_with_holidays_2010_2060() -> None:
    cal = pk.WorkingCalendar.vietnam()
    h_off, h_worked = _holidays_view()
    found: dict[date, bool] = {}
    d = FIRST_DAY
    while d <= LAST_DAY:
        h_working = d in h_worked if d.weekday() >= 5 else d not in h_off
        ours = cal.is_working_day(d)
        if ours != h_working:
            found[d] = ours
        d += timedelta(1)
    assert found == {d: w for d, (w, _) in KNOWN_DIFFERENCES.items()}


def test_known_differences_are_documented() -> None:

    doc = (ROOT / "docs" / "calendar-data.md").read_text(encoding="utf-8")
    for d in KNOWN_DIFFERENCES:
        assert d.isoformat() in doc
