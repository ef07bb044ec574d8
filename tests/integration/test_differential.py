"""Differential tests: every path that judges a dossier gives the same due date and outcome.

Hypothesis generates a catalogue (working days, calendar days, months, same day, office
hours; per channel or for the whole procedure) and dossiers with event logs walked through
the dossier state machine (supplement pauses, financial-obligation pauses, an apology,
refusals, withdrawals, open dossiers), written as a flat dossier file with Vietnamese or
English event labels and ISO or dd/mm/yyyy dates. Then, for every dossier:

- ``Dossier.clock`` (the model, with the procedure's terms from the one catalogue mapper),
- the audit (``procedurekit audit --per-dossier``: each dossier's judgement),
- the metrics (the counts of ``metrics_from_files``),
- the column functions (``procedurekit.batch.due_dates`` and ``outcomes``, for the dossiers
  they cover: day-based limits, no pause, no apology)

must agree.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import procedurekit as pk
from procedurekit import batch
from procedurekit.io import catalogue_procedures, read_catalogue, terms_for
from procedurekit.judge import Judgement
from procedurekit.metrics import metrics_from_files
from procedurekit.models import Dossier, DossierCode, Event, EventKind
from procedurekit.vocab import Channel, Outcome

K = EventKind
TZ = pk.VIETNAM_TZ
VN = pk.WorkingCalendar.vietnam()
RULES = pk.DeadlineRules(VN)
AS_OF = date(2026, 12, 1)

#: Time texts a catalogue may state, and whether the column functions cover them.
TIMES = [
    ("05 ngày làm việc", True),
    ("10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", True),
    ("15 ngày", True),
    ("01 tháng", True),
    ("Trong ngày; nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo", True),
    ("08 giờ làm việc", False),
    ("0,5 ngày làm việc", False),
    ("05 ngày làm việc; không kể thời gian thực hiện nghĩa vụ tài chính", True),
]
CHANNELS = ["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]
END_KINDS = [K.PROCESSED, K.REFUSED, K.STOPPED, K.WITHDRAWN]


@st.composite
def catalogues(draw: st.DrawFn) -> list[dict[str, str]]:
    """Three procedures, each with a time per channel or one for the whole procedure."""
    rows = []
    for i in range(3):
        per_channel = draw(st.booleans())
        times = [draw(st.sampled_from(TIMES))[0] for _ in CHANNELS]
        rows.append(
            {
                "code": f"1.00000{i}",
                "per_channel": "yes" if per_channel else "",
                "times": json.dumps(times if per_channel else times[:1], ensure_ascii=False),
            }
        )
    return rows


@st.composite
def event_logs(draw: st.DrawFn) -> list[Event]:
    """A valid log: accepted, then pauses, maybe an apology, then maybe an end."""
    day = draw(st.integers(0, 2500))
    start = datetime(2019, 1, 2, 7, 30, tzinfo=TZ) + timedelta(days=day)
    start += timedelta(minutes=draw(st.integers(0, 10 * 60)))
    t = start
    log = [Event(kind=K.ACCEPTED, at=t)]
    apology_done = False

    def later() -> datetime:
        nonlocal t
        t = t + timedelta(hours=draw(st.integers(1, 24 * 6)))
        return t

    for _ in range(draw(st.integers(0, 3))):
        choice = draw(st.sampled_from(["supplement", "financial", "apology", "transfer"]))
        if choice == "supplement":
            log += [Event(kind=K.SUPPLEMENT_REQUESTED, at=later()),
                    Event(kind=K.SUPPLEMENT_RECEIVED, at=later())]  # fmt: skip
        elif choice == "financial":
            log += [Event(kind=K.FINANCIAL_OBLIGATION_REQUESTED, at=later()),
                    Event(kind=K.FINANCIAL_OBLIGATION_PAID, at=later())]  # fmt: skip
        elif choice == "apology" and not apology_done:
            at = later()
            new_due = at.date() + timedelta(days=draw(st.integers(1, 20)))
            log.append(Event(kind=K.APOLOGY_ISSUED, at=at, new_due_date=new_due))
            apology_done = True
        else:
            log.append(Event(kind=K.TRANSFERRED, at=later()))
    if draw(st.booleans()):
        end = draw(st.sampled_from(END_KINDS))
        log.append(Event(kind=end, at=later()))
        if end is K.PROCESSED and draw(st.booleans()):
            log.append(Event(kind=K.RESULT_RETURNED, at=later()))
    elif draw(st.booleans()):
        log.append(Event(kind=K.SUPPLEMENT_REQUESTED, at=later()))  # an open pause
    return log


def _label(kind: EventKind, vietnamese: bool) -> str:
    return kind.label_vi if vietnamese else kind.value


def _write(
    tmp: Path,
    catalogue: list[dict[str, str]],
    dossiers: list[tuple[str, str, list[Event]]],
    *,
    vietnamese: bool,
    dmy: bool,
) -> tuple[Path, Path]:
    cat = tmp / "catalogue.csv"
    lines = ["Mã số,Tên,Hình thức nộp,Thời hạn giải quyết"]
    for row in catalogue:
        times = json.loads(row["times"])
        if row["per_channel"]:
            for channel, text in zip(CHANNELS, times, strict=True):
                lines.append(f'{row["code"]},Thủ tục {row["code"]},{channel},"{text}"')
        else:
            lines.append(f'{row["code"]},Thủ tục {row["code"]},,"{times[0]}"')
    cat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp / "dossiers.csv"
    out = ["ma_ho_so,ma_thu_tuc,kenh,ngay_tiep_nhan,events"]
    for code, channel, log in dossiers:
        received = log[0].at
        text = received.strftime("%d/%m/%Y %H:%M") if dmy else received.isoformat()
        events = [
            {"kind": _label(e.kind, vietnamese), "at": e.at.isoformat()}
            | ({"new_due_date": e.new_due_date.isoformat()} if e.new_due_date else {})
            for e in log
        ]
        cell = json.dumps(events, ensure_ascii=False).replace('"', '""')
        out.append(f'{code},{code[3:11]},{channel},{text},"{cell}"')
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return cat, path


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    catalogue=catalogues(),
    logs=st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from(CHANNELS), event_logs()),
        min_size=1,
        max_size=12,
    ),
    vietnamese=st.booleans(),
    dmy=st.booleans(),
)
def test_clock_audit_metrics_and_columns_agree(
    tmp_path_factory: Any,
    catalogue: list[dict[str, str]],
    logs: list[tuple[int, str, list[Event]]],
    vietnamese: bool,
    dmy: bool,
) -> None:
    tmp = tmp_path_factory.mktemp("diff")
    dossiers = [
        (f"H1-1.00000{p}-{i:04d}", channel, log) for i, (p, channel, log) in enumerate(logs)
    ]
    cat_path, dossier_path = _write(tmp, catalogue, dossiers, vietnamese=vietnamese, dmy=dmy)
    procedures = {str(p.code): p for p in catalogue_procedures(read_catalogue(cat_path)) if p.code}
    # the audit, one judgement per dossier
    judged: dict[str, Judgement] = {}
    report = pk.audit_files(
        dossier_path,
        cat_path,
        as_of=AS_OF,
        max_examples=None,
        per_dossier=lambda j: judged.__setitem__(str(j.code), j),
    )
    assert report.stats["dossiers"] == len(dossiers)
    clock_outcomes: Counter[str] = Counter()
    counted: Counter[str] = Counter()  # what 2.1 counts: withdrawn dossiers leave it
    for code, channel_label, log in dossiers:
        proc = procedures[code[3:11]]
        channel = Channel.from_label(channel_label)
        terms = terms_for(proc, channel)
        assert terms is not None
        assert terms.processing_time is not None
        duration = terms.processing_time.for_channel(channel)
        d = Dossier.replay(log, code=DossierCode(code), channel=channel)
        # The terms that govern the dossier (its channel's, else the procedure's general
        # ones), read for the dossier's channel.
        governing = pk.ChannelTerms(channel=channel, processing_time=terms.processing_time)
        clock = d.clock(RULES, governing, as_of=AS_OF)
        j = judged[code]
        assert j.due_date == clock.due_date, code
        assert j.outcome == clock.outcome, code
        assert j.extended_due_date == clock.extended_due_date, code
        assert set(clock.flags) <= set(j.flags), code
        clock_outcomes[clock.outcome.value if clock.outcome else "not_judged"] += 1
        if clock.end is None or clock.end.kind is not K.WITHDRAWN:
            counted[clock.outcome.value if clock.outcome else "unknown"] += 1
        # the column functions, where they apply
        covered = any(text == terms.time_text and ok for text, ok in TIMES) and not (
            clock.pauses or clock.extended_due_date
        )
        if covered and clock.received_at is not None:
            due = batch.due_dates(VN, [clock.received_at.replace(tzinfo=None)], duration)
            assert due == [clock.due_date], code
            end = clock.end_at.date() if clock.end_at else None
            late = clock.flags.count("multiple-supplement-requests") > 0
            if not late:
                found = batch.outcomes(due, [end], as_of=AS_OF)
                assert found == [clock.outcome.value if clock.outcome else None], code
    # the audit's counts and the metrics' counts are the clock's
    assert dict(report.stats["outcomes"]) == dict(clock_outcomes)
    counts = metrics_from_files(
        dossier_path, catalogue=[cat_path], as_of=AS_OF
    ).overall.counts.to_dict()
    for outcome in Outcome:
        assert counts[outcome.value] == counted.get(outcome.value, 0), outcome
