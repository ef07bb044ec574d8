"""Bulk working-day arithmetic over columns: :mod:`procedurekit.deadlines.columns`.

This module is that module's public face under its short name; see it for the rules.
"""

from procedurekit.deadlines.columns import (
    EARLY,
    IN_TIME,
    LATE,
    ON_TIME,
    OUTCOMES,
    OVERDUE,
    Outcome,
    add_working_days,
    due_dates,
    outcomes,
    working_days_between,
)

__all__ = [
    "EARLY",
    "IN_TIME",
    "LATE",
    "ON_TIME",
    "OUTCOMES",
    "OVERDUE",
    "Outcome",
    "add_working_days",
    "due_dates",
    "outcomes",
    "working_days_between",
]
