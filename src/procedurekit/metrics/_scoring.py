"""Decision 766/QĐ-TTg (2022) scoring: indicators, group points, and rates from counters.

:class:`Indicator766` and :class:`ScoringConfig` are the configuration (the 2022 values in
:data:`DECISION_766_2022`; the split of a group's points among its indicators is an
assumption); :class:`Counts` are the counters behind every rate and :func:`_evaluate` turns
them into a :class:`GroupResult` of :class:`IndicatorValue` scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from procedurekit.errors import InvalidArgumentError

#: The five groups of Decision 766/QĐ-TTg (2022), in report order.
GROUPS: Final = ("disclosure", "progress", "online_service", "digitisation", "satisfaction")

_GROUP_NAMES: Final = {
    "disclosure": ("Công khai, minh bạch", "Disclosure"),
    "progress": ("Tiến độ giải quyết", "Progress"),
    "online_service": ("Dịch vụ công trực tuyến", "Online service"),
    "digitisation": ("Số hóa hồ sơ", "Digitisation"),
    "satisfaction": ("Mức độ hài lòng", "Satisfaction"),
}


# -- configuration -----------------------------------------------------------------------------


def _check_fraction(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise InvalidArgumentError(
            f"{attribute.name} must be a share in (0, 1], got {value!r}",
            path=attribute.name,
            value=value,
            expected="0.8 for 80 %",
        )


def _check_points(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise InvalidArgumentError(
            f"{attribute.name} must be a non-negative number of points, got {value!r}",
            path=attribute.name,
            value=value,
            expected="20",
        )


def _check_group(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in GROUPS:
        raise InvalidArgumentError(
            f"group must be one of {', '.join(GROUPS)}, got {value!r}",
            path=attribute.name,
            value=value,
            expected="'progress'",
        )


@attrs.frozen
class Indicator766:
    """One indicator of Decision 766/QĐ-TTg: its code, group, points and full-score threshold.

    ``threshold`` is the rate that earns full points (``0.8`` = 80 %), ``None`` when the
    Decision sets none (then the score is rate × points).
    """

    code: str
    group: str = attrs.field(validator=_check_group)
    name_en: str
    name_vi: str
    points: float = attrs.field(validator=_check_points)
    threshold: float | None = attrs.field(default=None, validator=_check_fraction)

    def score(self, rate: float | None) -> float | None:
        """``min(1, rate / threshold) × points``; ``None`` when the rate is unknown."""
        if rate is None:
            return None
        full = self.threshold if self.threshold is not None else 1.0
        return min(1.0, max(0.0, rate) / full) * self.points


def _indicators(value: Iterable[Indicator766]) -> tuple[Indicator766, ...]:
    items = tuple(value)
    codes = [i.code for i in items]
    if len(set(codes)) != len(codes):
        raise InvalidArgumentError(
            f"indicator codes must be unique, got {codes}",
            path="indicators",
            value=codes,
            expected="one Indicator766 per code",
        )
    return items


def _group_points(
    value: Mapping[str, float] | Iterable[tuple[str, float]],
) -> tuple[tuple[str, float], ...]:
    pairs = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    for name, points in pairs:
        if name not in GROUPS:
            raise InvalidArgumentError(
                f"group_points has an unknown group {name!r}",
                path="group_points",
                value=name,
                expected=", ".join(GROUPS),
            )
        if isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
            raise InvalidArgumentError(
                f"group_points[{name!r}] must be a non-negative number, got {points!r}",
                path=f"group_points[{name!r}]",
                value=points,
                expected="20",
            )
    return pairs


@attrs.frozen
class ScoringConfig:
    """Indicators, group points and options of a scoring: Decision 766/QĐ-TTg by default.

    ``exclude_withdrawn``: a dossier withdrawn by the applicant (công dân rút) leaves the
    2.1 denominator (the provincial reports list it apart, "trả lại / rút").
    Change a value with :func:`attrs.evolve` or :meth:`with_indicator`.
    """

    indicators: tuple[Indicator766, ...] = attrs.field(converter=_indicators)
    group_points: tuple[tuple[str, float], ...] = attrs.field(converter=_group_points)
    name: str = "custom"
    source: str | None = None
    exclude_withdrawn: bool = attrs.field(default=True, kw_only=True)

    @classmethod
    def decision_766_2022(cls) -> ScoringConfig:
        """The 2022 values of Decision 766/QĐ-TTg (DOMAIN.md §6); see the module doc."""
        return DECISION_766_2022

    def indicator(self, code: str) -> Indicator766:
        """The indicator with ``code`` ("2.1")."""
        for item in self.indicators:
            if item.code == code:
                return item
        raise InvalidArgumentError(
            f"no indicator {code!r} in this configuration",
            path="code",
            value=code,
            expected=", ".join(i.code for i in self.indicators),
        )

    def points_of(self, group: str) -> float:
        """The points of ``group`` (its share of the 100)."""
        return dict(self.group_points).get(group, 0.0)

    def with_indicator(self, code: str, **changes: Any) -> ScoringConfig:
        """A copy with indicator ``code`` changed: ``with_indicator("3.3", threshold=0.6)``."""
        old = self.indicator(code)
        new = attrs.evolve(old, **changes)
        return attrs.evolve(self, indicators=tuple(new if i is old else i for i in self.indicators))


#: Decision 766/QĐ-TTg (2022), the default configuration.
DECISION_766_2022: Final = ScoringConfig(
    indicators=(
        Indicator766("2.1", "progress", "on time", "Giải quyết đúng hạn", 20),
        Indicator766(
            "3.1", "online_service", "procedures with online service", "TTHC có DVCTT", 6, 0.8
        ),
        Indicator766("3.3", "online_service", "online dossiers", "Hồ sơ trực tuyến", 6, 0.5),
        Indicator766("3.6", "online_service", "online payment", "Thanh toán trực tuyến", 10),
        Indicator766("4.1", "digitisation", "electronic results", "Cấp kết quả điện tử", 7),
        Indicator766("4.2", "digitisation", "digitised dossiers", "Số hóa hồ sơ", 8, 0.8),
        Indicator766(
            "4.3", "digitisation", "reuse of digitised data", "Tái sử dụng dữ liệu số hóa", 7, 0.8
        ),
        Indicator766("5.4", "satisfaction", "satisfaction", "Mức độ hài lòng", 18, 0.9),
    ),
    group_points=(
        ("disclosure", 18),
        ("progress", 20),
        ("online_service", 22),
        ("digitisation", 22),
        ("satisfaction", 18),
    ),
    name="Decision 766/QĐ-TTg (2022)",
    source="Quyết định 766/QĐ-TTg ngày 23/6/2022 (Bộ chỉ số chỉ đạo, điều hành và đánh giá "
    "chất lượng phục vụ người dân, doanh nghiệp); per-indicator points are an assumption",
)


# -- counts and results -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Counts:
    """The counters behind every rate. ``processed`` is the number of finished dossiers the
    outcome shares are taken of (early + on time + late unless a report gives its own).

    Denominators count only the dossiers that state the fact (DossierFacts flags are
    ``None`` when not stated): ``fee_bearing`` fee-bearing dossiers stating whether they
    were paid online (3.6); ``paper_result`` finished dossiers with a paper result stating
    whether an electronic one was issued (4.1); ``digitised_stated``, ``reused_stated``,
    ``complaints_stated`` those stating digitisation and e-result, reuse, complaints (4.2,
    4.3, 5.4). ``paid_free`` counts dossiers paid online for a procedure the catalogue
    states free, ``fee_unknown`` dossiers whose procedure's fee the catalogue does not
    state: neither enters 3.6.
    """

    received: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_time: int = 0
    overdue: int = 0
    unknown: int = 0
    withdrawn: int = 0
    online: int = 0
    fee_bearing: int = 0
    paid_online: int = 0
    paper_result: int = 0
    electronic_result: int = 0
    digitised: int = 0
    reused: int = 0
    complaints: int = 0
    multiple_supplements: int = 0
    digitised_stated: int = 0
    reused_stated: int = 0
    complaints_stated: int = 0
    paid_free: int = 0
    fee_unknown: int = 0
    processed: int | None = None

    @property
    def judged(self) -> int:
        """Dossiers with an outcome: the 2.1 denominator."""
        return self.early + self.on_time + self.late + self.in_time + self.overdue

    @property
    def finished(self) -> int:
        """Finished dossiers: ``processed`` when a report gives it, else early+on time+late."""
        if self.processed is not None:
            return self.processed
        return self.early + self.on_time + self.late

    def to_dict(self) -> dict[str, int | None]:
        """The counters as a plain dict (JSON, CSV)."""
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class IndicatorValue:
    """One indicator's value for one group: the counts, the rate and the score.

    ``rate`` and ``score`` are ``None`` when the indicator is not computed; ``reason`` then
    says why in English (a missing column, no dossier stating the fact) and ``reason_vi``
    the same in Vietnamese. A group's points are shared over its computed indicators only.
    """

    code: str
    group: str
    name_en: str
    name_vi: str
    numerator: int | None
    denominator: int | None
    rate: float | None
    threshold: float | None
    points: float
    score: float | None
    reason: str | None = None
    reason_vi: str | None = None


#: Why an indicator is not computed when its denominator is zero, as ``(vi, en)`` (the
#: default reasons; a caller that knows a column is missing says so instead,
#: :func:`~procedurekit.metrics.missing_reasons`). The one table of these texts: the JSON
#: ``reason`` is the English one, ``reason_vi`` the Vietnamese one.
NOT_COMPUTED: Final[Mapping[str, tuple[str, str]]] = {
    "2.1": (
        "không hồ sơ nào đánh giá được (thiếu ngày tiếp nhận, thời hạn hoặc trạng thái)",
        "no dossier could be judged (receipt, time limit or status missing)",
    ),
    "3.1": (
        "danh mục không ghi mức độ dịch vụ công trực tuyến",
        "the catalogue records no online service level",
    ),
    "3.3": ("không có hồ sơ nào được tiếp nhận", "no dossier received"),
    "3.6": (
        "không hồ sơ có phí, lệ phí nào ghi có thanh toán trực tuyến hay không",
        "no fee-bearing dossier states whether it was paid online",
    ),
    "4.1": (
        "không hồ sơ đã giải quyết có kết quả giấy nào ghi có cấp kết quả điện tử hay không",
        "no finished dossier with a paper result states whether an electronic result was issued",
    ),
    "4.2": (
        "không hồ sơ nào ghi cả số hóa thành phần lẫn kết quả điện tử",
        "no dossier states both digitisation and an electronic result",
    ),
    "4.3": (
        "không hồ sơ nào ghi có tái sử dụng dữ liệu số hóa hay không",
        "no dossier states whether digitised data was reused",
    ),
    "5.4": (
        "không hồ sơ nào ghi có phản ánh, kiến nghị hay không, hoặc không hồ sơ nào đánh giá được",
        "no dossier states whether a complaint was made, or none could be judged",
    ),
}

#: The reason of an indicator :data:`NOT_COMPUTED` does not list, as ``(vi, en)``.
_NO_DATA: Final = ("không có dữ liệu cho chỉ tiêu này", "no data for this indicator")

#: The reasons :func:`~procedurekit.metrics.missing_reasons` gives, as ``(vi, en)``
#: templates: a dossier column the indicator reads is absent (``{columns}``: the columns,
#: each named by its portal header in Vietnamese and its key in English), or the catalogue
#: states no fee at all.
MISSING_COLUMN: Final = (
    "tệp hồ sơ không có cột {columns}",
    "the dossier file has no {columns} column",
)
NO_FEE_STATED: Final = (
    "danh mục không ghi phí, lệ phí nào, nên không biết hồ sơ nào phải nộp phí",
    "the catalogue states no fee, so no dossier is known to be fee-bearing",
)


@attrs.frozen(kw_only=True)
class GroupResult:
    """The metrics of one group of dossiers (one agency, one month, or everything).

    ``key`` is the grouping value(s), ``()`` for the whole; ``indicators`` every configured
    indicator (rate ``None`` when its data is absent); ``group_scores`` per 766 group:
    ``(group, score, computed_points, group_points)``; ``total`` the sum of the scores and
    ``total_points`` the points those scores were out of.
    """

    key: tuple[str, ...]
    counts: Counts
    indicators: tuple[IndicatorValue, ...]
    group_scores: tuple[tuple[str, float, float, float], ...]
    total: float
    total_points: float

    def indicator(self, code: str) -> IndicatorValue:
        """The value of indicator ``code``."""
        for item in self.indicators:
            if item.code == code:
                return item
        raise InvalidArgumentError(
            f"no indicator {code!r}", path="code", value=code, expected="'2.1'"
        )

    def rate(self, code: str) -> float | None:
        """The rate of indicator ``code`` (0..1), ``None`` when unknown."""
        return self.indicator(code).rate

    @property
    def on_time_rate(self) -> float | None:
        """Indicator 2.1: (early + on time + open in time) / dossiers with an outcome."""
        return (
            self.rate("2.1")
            if _has(self, "2.1")
            else _ratio(
                self.counts.early + self.counts.on_time + self.counts.in_time, self.counts.judged
            )
        )

    @property
    def returned_on_time_rate(self) -> float | None:
        """(early + on time) / finished: the rate provincial monthly reports print."""
        c = self.counts
        return _ratio(c.early + c.on_time, c.early + c.on_time + c.late)

    def share(self, outcome: str) -> float | None:
        """``outcome`` ("early", "on_time", "late") as a share of finished dossiers."""
        if outcome not in ("early", "on_time", "late"):
            raise InvalidArgumentError(
                f"share takes 'early', 'on_time' or 'late', got {outcome!r}",
                path="outcome",
                value=outcome,
                expected="'late'",
            )
        return _ratio(getattr(self.counts, outcome), self.counts.finished)


def _has(result: GroupResult, code: str) -> bool:
    return any(i.code == code for i in result.indicators)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _evaluate(
    key: tuple[str, ...],
    c: Counts,
    config: ScoringConfig,
    *,
    procedures_online: tuple[int, int] | None = None,
) -> GroupResult:
    """Rates and scores of ``c``; an indicator that cannot be computed gets the default
    reason of :data:`NOT_COMPUTED` (a caller that knows better replaces it afterwards:
    :func:`~procedurekit.metrics.with_reasons`)."""
    judged = c.judged
    late_rate = _ratio(c.late + c.overdue, judged)
    complaint_rate = _ratio(c.complaints, c.complaints_stated)
    satisfaction: float | None = None
    if late_rate is not None and complaint_rate is not None:
        satisfaction = max(0.0, 1.0 - late_rate - complaint_rate)
    pairs: dict[str, tuple[int | None, int | None, float | None]] = {
        "2.1": (c.early + c.on_time + c.in_time, judged, None),
        "3.3": (c.online, c.received, None),
        "3.6": (c.paid_online, c.fee_bearing, None),
        "4.1": (c.electronic_result, c.paper_result, None),
        "4.2": (c.digitised, c.digitised_stated, None),
        "4.3": (c.reused, c.reused_stated, None),
        "5.4": (None, None, satisfaction),
    }
    if procedures_online is not None:
        pairs["3.1"] = (procedures_online[0], procedures_online[1], None)
    values: list[IndicatorValue] = []
    for ind in config.indicators:
        num, den, direct = pairs.get(ind.code, (None, None, None))
        rate = (
            direct
            if direct is not None
            else (_ratio(num, den) if num is not None and den else None)
        )
        reason_vi = reason = None
        if rate is None:
            reason_vi, reason = NOT_COMPUTED.get(ind.code, _NO_DATA)
        values.append(
            IndicatorValue(
                code=ind.code,
                group=ind.group,
                name_en=ind.name_en,
                name_vi=ind.name_vi,
                numerator=num,
                denominator=den,
                rate=rate,
                threshold=ind.threshold,
                points=ind.points,
                score=ind.score(rate),
                reason=reason,
                reason_vi=reason_vi,
            )
        )
    groups: list[tuple[str, float, float, float]] = []
    for group in GROUPS:
        mine = [v for v in values if v.group == group and v.score is not None]
        score = sum(v.score for v in mine if v.score is not None)
        computed = sum(v.points for v in mine)
        groups.append((group, score, computed, config.points_of(group)))
    return GroupResult(
        key=key,
        counts=c,
        indicators=tuple(values),
        group_scores=tuple(groups),
        total=sum(g[1] for g in groups),
        total_points=sum(g[2] for g in groups),
    )
