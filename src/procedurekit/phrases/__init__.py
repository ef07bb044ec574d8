"""Processing-time phrases: the parser and the formatter.

- :func:`parse_duration` and :func:`parse_processing_time` read the free-text time limits of
  catalogues ("05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "Trong ngày; nếu nhận hồ
  sơ sau 15 giờ ...") in Vietnamese and English (:mod:`~procedurekit.phrases.parse`);
- :class:`ProcessingTime` and its parts hold everything such a text states
  (:mod:`~procedurekit.phrases.processing_time`);
- :func:`format_duration` and :func:`format_processing_time` write them back
  (:mod:`~procedurekit.phrases.format`).

>>> format_duration(parse_duration("05 ngày làm việc"), "en")
'5 working days'
"""

from procedurekit.phrases.format import DurationStyle, format_duration, format_processing_time
from procedurekit.phrases.parse import (
    BareHours,
    DefaultUnit,
    Language,
    parse_duration,
    parse_processing_time,
)
from procedurekit.phrases.processing_time import Case, Extension, ProcessingTime, Step

__all__ = [
    "BareHours",
    "Case",
    "DefaultUnit",
    "DurationStyle",
    "Extension",
    "Language",
    "ProcessingTime",
    "Step",
    "format_duration",
    "format_processing_time",
    "parse_duration",
    "parse_processing_time",
]
