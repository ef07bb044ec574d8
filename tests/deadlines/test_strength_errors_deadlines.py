# ruff: noqa: E501  (the pinned messages are long; they are compared whole)
"""Test strength (mutation testing): the structure of every error the deadline engine and
the column functions raise.

STYLE.md 5-6: an error carries ``message``, ``path``, ``value`` and ``expected``, and
messages are API. Mutation testing showed most of them unpinned: a mutant could drop the
path, blank the expected value or garble the message and no test failed. Each row below
calls the public API with one bad input and pins the whole structure of the error.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

import pytest
from _errors import FIELDS, assert_error_structure

import procedurekit as pk
from procedurekit import batch

cal = pk.WorkingCalendar.vietnam()
H = pk.OfficeHours.standard()
rules = pk.DeadlineRules(cal, H)
dl = rules.due(datetime(2025, 3, 3, 9), pk.WorkingDays(5))

CASES = [
    pytest.param(
        lambda: rules.due(datetime(2025, 3, 3, 9), 5),
        pk.InvalidTypeError,
        "duration must be a Duration (WorkingDays(5), CalendarDays(15), ...), got int 5",
        "duration",
        "5",
        "WorkingDays(5)",
        id="due-duration-type",
    ),
    pytest.param(
        lambda: rules.due(datetime(2025, 3, 3, 9), pk.WorkingDays(5), procedure_code=2000815),
        pk.InvalidTypeError,
        "procedure_code must be a string or a ProcedureCode, got int 2000815",
        "procedure_code",
        "2000815",
        "'2.000815' or ProcedureCode('2.000815')",
        id="due-code-type",
    ),
    pytest.param(
        lambda: rules.due(datetime(2025, 3, 3, 9), pk.WorkingDays(5), service_model="QUICK_FRIDAY"),
        pk.InvalidTypeError,
        "service_model must be a ServiceModel, got str",
        "service_model",
        "'QUICK_FRIDAY'",
        "QUICK_FRIDAY",
        id="due-model-type",
    ),
    pytest.param(
        lambda: rules.due("2025-03-03", pk.WorkingDays(5)),
        pk.InvalidTypeError,
        "received_at must be a datetime or a date, got str '2025-03-03'",
        "received_at",
        "'2025-03-03'",
        "datetime(2026, 2, 13, 10, 0) or date(2026, 2, 13)",
        id="due-received-type",
    ),
    pytest.param(
        lambda: rules.due(datetime(2060, 12, 20, 9), pk.WorkingDays(40)),
        pk.CalendarRangeError,
        "the deadline falls outside the calendar's range 2010-01-01..2060-12-31 (check duration): 2060-12-20 + 40 working days falls outside the calendar's range 2010-01-01..2060-12-31",
        "duration",
        "40",
        "a result from 2010-01-01 to 2060-12-31",
        id="due-range",
    ),
    pytest.param(
        lambda: rules.due(datetime(2060, 12, 20, 9), pk.CalendarDays(40)),
        pk.CalendarRangeError,
        "the deadline falls outside the calendar's range 2010-01-01..2060-12-31 (check duration): d 2061-01-29 is outside the calendar's range 2010-01-01..2060-12-31",
        "duration",
        "datetime.date(2061, 1, 29)",
        "a result from 2010-01-01 to 2060-12-31",
        id="due-range-calendar",
    ),
    pytest.param(
        lambda: rules.due(datetime(2060, 10, 20, 9), pk.Months(4)),
        pk.CalendarRangeError,
        "the deadline falls outside the calendar's range 2010-01-01..2060-12-31 (check duration): d 2061-02-20 is outside the calendar's range 2010-01-01..2060-12-31",
        "duration",
        "datetime.date(2061, 2, 20)",
        "a result from 2010-01-01 to 2060-12-31",
        id="due-range-months",
    ),
    pytest.param(
        lambda: pk.DeadlineRules(cal, H, receipt_policy="later"),
        pk.InvalidArgumentError,
        "receipt_policy must be one of 'as-submitted', 'next-opening', 'state-treasury', 'customs', got 'later'",
        "receipt_policy",
        "'later'",
        "'as-submitted', 'next-opening', 'state-treasury', 'customs'",
        id="rules-policy",
    ),
    pytest.param(
        lambda: pk.DeadlineRules("vietnam", H),
        pk.InvalidTypeError,
        "calendar must be a WorkingCalendar, got str 'vietnam'",
        "calendar",
        "'vietnam'",
        "WorkingCalendar.vietnam()",
        id="rules-calendar-type",
    ),
    pytest.param(
        lambda: pk.DeadlineRules(cal, "standard"),
        pk.InvalidTypeError,
        "hours must be a OfficeHours, got str 'standard'",
        "hours",
        "'standard'",
        "OfficeHours.standard()",
        id="rules-hours-type",
    ),
    pytest.param(
        lambda: dl.paused(datetime(2025, 3, 5, 9), datetime(2025, 3, 4, 9)),
        pk.InvalidArgumentError,
        "end (2025-03-04 09:00:00) must not be before start (2025-03-05 09:00:00)",
        "end",
        "datetime.datetime(2025, 3, 4, 9, 0)",
        "the day the supplement arrived, on or after the request",
        id="paused-end-before-start",
    ),
    pytest.param(
        lambda: dl.paused("2025-03-04", datetime(2025, 3, 5, 9)),
        pk.InvalidTypeError,
        "start must be a datetime or a date, got str '2025-03-04'",
        "start",
        "'2025-03-04'",
        "datetime(2026, 2, 13, 10, 0) or date(2026, 2, 13)",
        id="paused-type",
    ),
    pytest.param(
        lambda: dl.extended("2025-03-14", datetime(2025, 3, 7, 9)),
        pk.InvalidTypeError,
        "new_due must be a datetime.date, got str '2025-03-14'",
        "new_due",
        "'2025-03-14'",
        "datetime.date(2026, 2, 13)",
        id="extended-type",
    ),
    pytest.param(
        lambda: dl.extended(date(2025, 3, 14), datetime(2025, 3, 7, 9)).extended(
            date(2025, 3, 17), datetime(2025, 3, 8, 9)
        ),
        pk.TransitionError,
        "Decree 61/2018/NĐ-CP Art. 19 (kept by Decree 118/2025/NĐ-CP): the appointment may be moved at most once; this deadline was already extended to 2025-03-14",
        "new_due",
        "datetime.date(2025, 3, 17)",
        "no second extension",
        id="extended-twice",
    ),
    pytest.param(
        lambda: dl.extended(date(2061, 1, 3), datetime(2025, 3, 7, 9)),
        pk.CalendarRangeError,
        "new_due 2061-01-03 is outside the calendar's range 2010-01-01..2060-12-31",
        "new_due",
        "datetime.date(2061, 1, 3)",
        "a date from 2010-01-01 to 2060-12-31",
        id="extended-range",
    ),
    pytest.param(
        lambda: pk.format_deadline(dl, lang="fr"),
        pk.InvalidArgumentError,
        "lang must be 'vi' or 'en', got 'fr'",
        "lang",
        "'fr'",
        "'vi' or 'en'",
        id="format-lang",
    ),
    pytest.param(
        lambda: pk.format_deadline("x"),
        pk.InvalidTypeError,
        "dl must be a Deadline, got str",
        "dl",
        "'x'",
        "rules.due(...)",
        id="format-type",
    ),
    pytest.param(
        lambda: batch.add_working_days("vietnam", [date(2025, 1, 1)], 1),
        pk.InvalidTypeError,
        "calendar must be a WorkingCalendar, got str",
        "calendar",
        "'vietnam'",
        "WorkingCalendar.vietnam()",
        id="batch-calendar",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, date(2025, 1, 1), 1),
        pk.InvalidTypeError,
        "dates must be a column (a list, tuple, iterable or numpy array), got date datetime.date(2025, 1, 1)",
        "dates",
        "datetime.date(2025, 1, 1)",
        "[date(2026, 2, 13), ...] for dates",
        id="batch-column",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, "2025-01-01", 1),
        pk.InvalidTypeError,
        "dates must be a column (a list, tuple, iterable or numpy array), got str '2025-01-01'",
        "dates",
        "'2025-01-01'",
        "[date(2026, 2, 13), ...] for dates",
        id="batch-column-str",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, [date(2025, 1, 1), datetime(2025, 1, 2, 9)], 1),
        pk.InvalidTypeError,
        "dates[1] must be a datetime.date, got a datetime datetime.datetime(2025, 1, 2, 9, 0); a date column refuses datetimes (their time of day would be dropped): pass dates",
        "dates[1]",
        "datetime.datetime(2025, 1, 2, 9, 0)",
        "datetime.date(2026, 2, 13)",
        id="batch-datetime",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, [date(2025, 1, 1), "2025-01-02"], 1),
        pk.InvalidTypeError,
        "dates[1] must be a datetime.date, got str '2025-01-02'",
        "dates[1]",
        "'2025-01-02'",
        "a datetime.date",
        id="batch-date-type",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, [date(2025, 1, 1), date(2061, 1, 2)], 1),
        pk.CalendarRangeError,
        "dates[1] 2061-01-02 is outside the calendar's range 2010-01-01..2060-12-31",
        "dates[1]",
        "datetime.date(2061, 1, 2)",
        "a date from 2010-01-01 to 2060-12-31",
        id="batch-range",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, [date(2025, 1, 1), date(2060, 12, 20)], 40),
        pk.CalendarRangeError,
        "dates[1]: 2060-12-20 + 40 working days falls outside the calendar's range 2010-01-01..2060-12-31",
        "dates[1]",
        "datetime.date(2060, 12, 20)",
        "a result inside the calendar's range",
        id="batch-result-range",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, [date(2025, 1, 1), date(2010, 1, 5)], -40),
        pk.CalendarRangeError,
        "dates[1]: 2010-01-05 - 40 working days falls outside the calendar's range 2010-01-01..2060-12-31",
        "dates[1]",
        "datetime.date(2010, 1, 5)",
        "a result inside the calendar's range",
        id="batch-result-range-neg",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, [date(2025, 1, 1)], 1.5),
        pk.InvalidTypeError,
        "ns must be a column (a list, tuple, iterable or numpy array), got float 1.5",
        "ns",
        "1.5",
        "[date(2026, 2, 13), ...] for ns",
        id="batch-n-type",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, [date(2025, 1, 1), date(2025, 1, 2)], [1, True]),
        pk.InvalidTypeError,
        "ns[1] must be an int (a number of working days), got bool True",
        "ns[1]",
        "True",
        "an int (a number of working days)",
        id="batch-ns-type",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, [date(2025, 1, 1)], [1, 2]),
        pk.InvalidArgumentError,
        "columns dates and ns have different lengths (1 and 2)",
        "ns",
        "2",
        "1 elements, one per element of dates",
        id="batch-lengths",
    ),
    pytest.param(
        lambda: batch.add_working_days(cal, [date(2025, 1, 1), date(2060, 12, 20)], [1, 40]),
        pk.CalendarRangeError,
        "dates[1]: 2060-12-20 + 40 working days falls outside the calendar's range 2010-01-01..2060-12-31",
        "dates[1]",
        "datetime.date(2060, 12, 20)",
        "a result inside the calendar's range",
        id="batch-col-results-range",
    ),
    pytest.param(
        lambda: batch.working_days_between(
            cal, [date(2025, 1, 1)], [date(2025, 1, 2), date(2025, 1, 3)]
        ),
        pk.InvalidArgumentError,
        "columns starts and ends have different lengths (1 and 2)",
        "ends",
        "2",
        "1 elements, one per element of starts",
        id="batch-between-lengths",
    ),
    pytest.param(
        lambda: batch.working_days_between(cal, [date(2025, 1, 1)], [date(2061, 1, 2)]),
        pk.CalendarRangeError,
        "ends[0] 2061-01-02 is outside the calendar's range 2010-01-01..2060-12-31",
        "ends[0]",
        "datetime.date(2061, 1, 2)",
        "a date from 2010-01-01 to 2060-12-31",
        id="batch-between-range",
    ),
    pytest.param(
        lambda: batch.working_days_between(
            cal, [date(2025, 1, 1), date(2009, 1, 1)], date(2025, 1, 5)
        ),
        pk.CalendarRangeError,
        "starts[1] 2009-01-01 is outside the calendar's range 2010-01-01..2060-12-31",
        "starts[1]",
        "datetime.date(2009, 1, 1)",
        "a date from 2010-01-01 to 2060-12-31",
        id="batch-between-range-a",
    ),
    pytest.param(
        lambda: batch.due_dates(cal, [date(2025, 1, 1), 5], pk.WorkingDays(5)),
        pk.InvalidTypeError,
        "received[1] must be a datetime.date or a naive local datetime.datetime, got int 5",
        "received[1]",
        "5",
        "a datetime.date or a naive local datetime.datetime",
        id="batch-due-type",
    ),
    pytest.param(
        lambda: batch.due_dates(cal, [date(2025, 1, 1), date(2060, 12, 20)], pk.WorkingDays(40)),
        pk.CalendarRangeError,
        "received[1]: 2060-12-20 + 40 working days falls outside the calendar's range 2010-01-01..2060-12-31",
        "received[1]",
        "datetime.date(2060, 12, 20)",
        "a result inside the calendar's range",
        id="batch-due-range",
    ),
    pytest.param(
        lambda: batch.due_dates(cal, [date(2025, 1, 1)], pk.WorkingHours(5)),
        pk.InvalidArgumentError,
        "durations[0] WorkingHours(5) is counted in office hours; batch.due_dates takes day-based durations only: use DeadlineRules.due for it",
        "durations[0]",
        "WorkingHours(5)",
        "an int, WorkingDays(5), CalendarDays(15), Months(1), SameDay()",
        id="batch-due-duration",
    ),
    pytest.param(
        lambda: batch.due_dates(cal, [date(2025, 1, 1)], [pk.WorkingDays(5), pk.WorkingDays(6)]),
        pk.InvalidArgumentError,
        "columns received and durations have different lengths (1 and 2)",
        "durations",
        "2",
        "1 elements, one per element of received",
        id="batch-due-lengths",
    ),
    pytest.param(
        lambda: batch.outcomes([date(2025, 1, 1)], [None], as_of="2025-01-02"),
        pk.InvalidTypeError,
        "as_of must be a datetime.date, got str '2025-01-02'",
        "as_of",
        "'2025-01-02'",
        "datetime.date(2026, 3, 31)",
        id="batch-outcomes-asof",
    ),
    pytest.param(
        lambda: batch.outcomes([date(2025, 1, 1)], [None, None], as_of=date(2025, 1, 2)),
        pk.InvalidArgumentError,
        "columns due and ends have different lengths (1 and 2)",
        "ends",
        "2",
        "1 elements, one per element of due",
        id="batch-outcomes-lengths",
    ),
    pytest.param(
        lambda: batch.outcomes([date(2025, 1, 1), "x"], [None, None], as_of=date(2025, 1, 2)),
        pk.InvalidTypeError,
        "due[1] must be a datetime.date or None, got str 'x'",
        "due[1]",
        "'x'",
        "a datetime.date or None",
        id="batch-outcomes-due-type",
    ),
    pytest.param(
        lambda: batch.outcomes([date(2025, 1, 1), None], [None, 5], as_of=date(2025, 1, 2)),
        pk.InvalidTypeError,
        "ends[1] must be a datetime.date or a naive local datetime.datetime, got int 5",
        "ends[1]",
        "5",
        "a datetime.date or a naive local datetime.datetime",
        id="batch-outcomes-end-type",
    ),
    pytest.param(
        lambda: batch.outcomes(
            [date(2025, 1, 1)],
            [datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-12)))],
            as_of=date(2025, 1, 2),
        ),
        pk.CalendarRangeError,
        "ends[0] 9999-12-31 23:00:00-12:00 is outside the calendar's range 2010-01-01..2060-12-31",
        "ends[0]",
        "datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=43200)))",
        "a date from 2010-01-01 to 2060-12-31",
        id="batch-outcomes-tz-range",
    ),
    pytest.param(
        lambda: batch.due_dates(cal, [date(2025, 1, 1), date(2060, 6, 1)], [1, pk.Months(12)]),
        pk.CalendarRangeError,
        "received[1]: 2060-06-01 + Months(12) falls outside the calendar's range 2010-01-01..2060-12-31",
        "received[1]",
        "datetime.date(2060, 6, 1)",
        "a result inside the calendar's range",
        id="batch-due-months-range",
    ),
    pytest.param(
        lambda: batch.due_dates(cal, [date(2060, 12, 1)], pk.CalendarDays(40)),
        pk.CalendarRangeError,
        "received[0]: 2060-12-01 + CalendarDays(40) falls outside the calendar's range 2010-01-01..2060-12-31",
        "received[0]",
        "datetime.date(2060, 12, 1)",
        "a result inside the calendar's range",
        id="batch-due-calendar-days-range",
    ),
    pytest.param(
        lambda: batch.due_dates(cal, [datetime(2060, 12, 31, 18)], pk.SameDay()),
        pk.CalendarRangeError,
        "received[0]: 2060-12-31 + 1 working days falls outside the calendar's range 2010-01-01..2060-12-31",
        "received[0]",
        "datetime.date(2060, 12, 31)",
        "a result inside the calendar's range",
        id="batch-due-same-day-range",
    ),
    pytest.param(
        lambda: batch.due_dates(
            cal, [datetime(2060, 12, 31, 18)], 1, receipt_policy="next-opening"
        ),
        pk.CalendarRangeError,
        "received[0]: 2060-12-31 + 1 working days falls outside the calendar's range 2010-01-01..2060-12-31",
        "received[0]",
        "datetime.date(2060, 12, 31)",
        "a result inside the calendar's range",
        id="batch-due-next-opening-range",
    ),
    pytest.param(
        lambda: batch.due_dates(cal, [date(2025, 1, 1), date(2061, 1, 3)], pk.SameDay()),
        pk.CalendarRangeError,
        "received[1] 2061-01-03 is outside the calendar's range 2010-01-01..2060-12-31",
        "received[1]",
        "datetime.date(2061, 1, 3)",
        "a date from 2010-01-01 to 2060-12-31",
        id="batch-due-receipt-range",
    ),
    pytest.param(
        lambda: batch.working_days_between(cal, date(2025, 1, 1), date(2025, 1, 2)),
        pk.InvalidTypeError,
        "starts and ends are both single dates; use WorkingCalendar.working_days_between",
        "starts",
        "datetime.date(2025, 1, 1)",
        "a column of dates for starts or ends",
        id="batch-between-two-dates",
    ),
    pytest.param(
        lambda: batch.working_days_between(cal, [date(2025, 1, 1)], datetime(2025, 1, 2)),
        pk.InvalidTypeError,
        "ends must be a datetime.date, got datetime datetime.datetime(2025, 1, 2, 0, 0)",
        "ends",
        "datetime.datetime(2025, 1, 2, 0, 0)",
        "datetime.date(2026, 2, 13)",
        id="batch-between-one-datetime",
    ),
    pytest.param(
        lambda: batch.working_days_between(cal, date(2061, 1, 1), [date(2025, 1, 1)]),
        pk.CalendarRangeError,
        "starts 2061-01-01 is outside the calendar's range 2010-01-01..2060-12-31",
        "starts",
        "datetime.date(2061, 1, 1)",
        "a date from 2010-01-01 to 2060-12-31",
        id="batch-between-one-date-range",
    ),
    pytest.param(
        lambda: batch.working_days_between(
            cal, [date(2025, 1, 1), date(2061, 1, 1)], date(2025, 1, 1)
        ),
        pk.CalendarRangeError,
        "starts[1] 2061-01-01 is outside the calendar's range 2010-01-01..2060-12-31",
        "starts[1]",
        "datetime.date(2061, 1, 1)",
        "a date from 2010-01-01 to 2060-12-31",
        id="batch-between-starts-range",
    ),
    pytest.param(
        lambda: batch.working_days_between(
            cal, [date(2025, 1, 1), date(2025, 1, 2)], [date(2025, 1, 1)]
        ),
        pk.InvalidArgumentError,
        "columns starts and ends have different lengths (2 and 1)",
        "ends",
        "1",
        "2 elements, one per element of starts",
        id="batch-between-lengths",
    ),
]

NUMPY_CASES = [
    pytest.param(
        lambda np: batch.add_working_days(
            cal, np.array(["2025-01-01", "NaT"], dtype="datetime64[D]"), 1
        ),
        pk.CalendarRangeError,
        "dates[1] NaT is outside the calendar's range 2010-01-01..2060-12-31",
        "dates[1]",
        lambda np: repr(np.datetime64("NaT", "D")),
        "a date from 2010-01-01 to 2060-12-31",
        id="numpy-nat",
    ),
    pytest.param(
        lambda np: batch.add_working_days(cal, np.array([1, 2]), 1),
        pk.InvalidTypeError,
        "dates must be a numpy datetime64 array, got dtype int64",
        "dates",
        "'int64'",
        "numpy.array(['2026-02-13'], dtype='datetime64[D]')",
        id="numpy-dates-dtype",
    ),
    pytest.param(
        lambda np: batch.add_working_days(
            cal, np.array(["2025-01-01"], dtype="datetime64[D]"), np.array([1.5])
        ),
        pk.InvalidTypeError,
        "ns must be an integer array, got dtype float64",
        "ns",
        "'float64'",
        "numpy.array([5, 10])",
        id="numpy-ns-dtype",
    ),
    pytest.param(
        lambda np: batch.add_working_days(
            cal, np.array(["2025-01-01"], dtype="datetime64[D]"), np.array([1, 2])
        ),
        pk.InvalidArgumentError,
        "columns dates and ns have different lengths (1 and 2)",
        "ns",
        "2",
        "1 elements, one per element of dates",
        id="numpy-ns-length",
    ),
    pytest.param(
        lambda np: batch.add_working_days(
            cal, np.array(["2025-01-01", "2060-12-20"], dtype="datetime64[D]"), np.array([1, 40])
        ),
        pk.CalendarRangeError,
        "dates[1]: 2060-12-20 + 40 working days falls outside the calendar's range 2010-01-01..2060-12-31",
        "dates[1]",
        lambda np: repr(np.datetime64("2060-12-20", "D")),
        "a result inside the calendar's range",
        id="numpy-result-range",
    ),
    pytest.param(
        lambda np: batch.due_dates(
            cal, np.array(["2025-01-01"], dtype="datetime64[D]"), pk.CalendarDays(3)
        ),
        pk.InvalidArgumentError,
        "the numpy path takes working days only (an int, WorkingDays(n) or an int array), got CalendarDays(3)",
        "durations",
        "CalendarDays(3)",
        "5, WorkingDays(5) or numpy.array([5, 10])",
        id="numpy-due-duration",
    ),
    pytest.param(
        lambda np: batch.working_days_between(
            cal,
            np.array(["2025-01-01", "2025-01-02"], dtype="datetime64[D]"),
            np.array(["2025-01-01", "2025-01-02", "2025-01-03"], dtype="datetime64[D]"),
        ),
        pk.InvalidArgumentError,
        "columns starts and ends have different lengths (2 and 3)",
        "ends",
        "3",
        "2 elements, one per element of starts",
        id="numpy-between-lengths",
    ),
]


@pytest.mark.parametrize(FIELDS, CASES)
def test_error_structure(
    call: Callable[[], object],
    kind: type[pk.ProcedureKitError],
    message: str,
    path: str,
    value: str,
    expected: str,
) -> None:
    assert_error_structure(call, kind, message, path, value, expected)


@pytest.mark.parametrize(FIELDS, NUMPY_CASES)
def test_numpy_error_structure(
    call: Callable[[object], object],
    kind: type[pk.ProcedureKitError],
    message: str,
    path: str,
    value: str | Callable[[object], str],
    expected: str,
) -> None:
    """As above; a numpy scalar's ``repr`` is numpy's own, so it is asked of numpy."""
    np = pytest.importorskip("numpy", reason="numpy is a test dependency for the numpy path")
    shown = value if isinstance(value, str) else value(np)
    assert_error_structure(lambda: call(np), kind, message, path, shown, expected)
