"""``check_announcements``: every rule on a generated announcement file, the example and the
shipped data, and the files that are not announcement files at all."""

from __future__ import annotations

import json
import string
import tomllib
from datetime import date
from pathlib import Path

import pytest
from _paths import ROOT

from procedurekit.calendar.announcements import CHECK_RULES, check_announcements
from procedurekit.errors import CalendarDataError, InvalidTypeError
from procedurekit.findings import RULES_BY_CODE, Severity

EXAMPLE = ROOT / "docs" / "examples" / "announcement-2027.example.toml"
SHIPPED = ROOT / "src" / "procedurekit" / "calendar" / "data" / "vietnam.toml"

DOC = "Công văn 0000/VPCP-KGVX (test)"
HEAD = 'format = 1\ndata_version = "test-2027.1"\n'


def entry(
    day: str,
    kind: str,
    *,
    name_vi: str = "Nghỉ hoán đổi",
    name_en: str = "Swapped day off",
    source: str = DOC,
    announced: str = "2026-12-01",
    status: str = "confirmed",
    extra: str = "",
) -> str:
    return (
        f'\n[[entries]]\ndate = {day}\nkind = "{kind}"\nname_vi = "{name_vi}"\n'
        f'name_en = "{name_en}"\nsource = "{source}"\nannounced = {announced}\n'
        f'status = "{status}"\n{extra}'
    )


def year(
    y: int = 2027,
    *,
    complete: str = "true",
    since: str | None = "2026-12-01",
    tet: str | None = DOC,
    national_day: str | None = DOC,
    status: str = "confirmed",
) -> str:
    text = f'\n[[years]]\nyear = {y}\nstatus = "{status}"\ncomplete = {complete}\n'
    if since is not None:
        text += f"complete_since = {since}\n"
    if tet is not None:
        text += f'tet_source = "{tet}"\n'
    if national_day is not None:
        text += f'national_day_source = "{national_day}"\n'
    return text


#: A clean swap: Thursday 2027-04-15 off (the day before Giỗ Tổ), Saturday 2027-04-24 worked.
SWAP = entry("2027-04-15", "swap") + entry(
    "2027-04-24", "makeup", name_vi="Làm bù cho thứ Năm 15/4/2027", name_en="Make-up day"
)


def write(tmp_path: Path, text: str, name: str = "announcement.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(tmp_path: Path, text: str) -> list[str]:
    return [f.code for f in check_announcements(write(tmp_path, text)).findings]


# -- clean files ------------------------------------------------------------------------------


def test_the_example_is_clean() -> None:
    report = check_announcements(EXAMPLE)
    assert report.valid
    assert report.findings == ()
    assert report.exit_code() == 0
    assert report.stats["years"] == [2027]
    assert report.stats["entries"] == 2
    assert report.kind == "calendar check"


def test_a_generated_swap_is_clean(tmp_path: Path) -> None:
    assert codes(tmp_path, HEAD + year() + SWAP) == []


def test_the_shipped_data_has_no_error() -> None:
    # The only findings on the package's own file: National Day decisions of 2014-2020
    # that the data does not cite (true: they were not identified).
    report = check_announcements(SHIPPED)
    assert report.valid
    assert {f.code for f in report.findings} == {"complete-year-without-source"}
    assert sorted(f.message[:4] for f in report.findings) == [
        "2014",
        "2015",
        "2016",
        "2018",
        "2019",
        "2020",
    ]


def test_a_json_file_is_checked_the_same(tmp_path: Path) -> None:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    text = json.dumps(data, default=str, ensure_ascii=False)
    report = check_announcements(write(tmp_path, text, "announcement.json"))
    assert report.valid
    assert report.findings == ()
    broken = json.loads(text)
    broken["entries"][0]["date"] = "2027-02-13"  # a Saturday swapped off
    report = check_announcements(write(tmp_path, json.dumps(broken), "broken.json"))
    assert [(f.code, f.field, f.line) for f in report.errors] == [
        ("swap-on-weekend", "entries[0].date", None)
    ]


# -- each rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the format
        (
            HEAD + year() + SWAP.replace('status = "confirmed"', 'colour = "red"', 1),
            "unknown-field",
        ),
        (HEAD + year() + SWAP.replace(f'source = "{DOC}"\n', "", 1), "missing-field"),
        (HEAD + year() + SWAP.replace('kind = "swap"', 'kind = "holiday"'), "invalid-field"),
        (HEAD + year() + SWAP + entry("2070-01-02", "swap"), "date-out-of-range"),
        (HEAD + year() + SWAP + entry("2027-04-15", "swap"), "duplicate-date"),
        (HEAD + year() + year() + SWAP, "duplicate-year"),
        (HEAD, "empty-announcement"),
        # the law
        (HEAD + entry("2027-02-13", "swap") + entry("2027-02-20", "makeup"), "swap-on-weekend"),
        (HEAD + entry("2027-04-16", "swap") + entry("2027-04-24", "makeup"), "swap-on-holiday"),
        (HEAD + entry("2027-04-15", "swap") + entry("2027-03-03", "makeup"), "makeup-on-weekday"),
        (HEAD + entry("2027-04-15", "swap") + entry("2027-05-01", "makeup"), "makeup-on-holiday"),
        (HEAD + entry("2027-02-10", "makeup"), "makeup-on-projected-day"),
        (HEAD + entry("2027-06-15", "statutory"), "statutory-not-a-holiday"),
        (HEAD + entry("2027-06-19", "compensatory"), "compensatory-on-weekend"),
        (HEAD + entry("2027-06-16", "compensatory"), "compensatory-without-holiday"),
        # the lunar calendar
        (
            HEAD
            + entry("2027-03-15", "swap", name_vi="Nghỉ Tết Nguyên Đán (hoán đổi)")
            + entry("2027-03-20", "makeup"),
            "far-from-lunar-holiday",
        ),
        (
            HEAD + entry("2027-02-11", "statutory", name_vi="Mùng hai Tết Nguyên Đán"),
            "lunar-date-mismatch",
        ),
        (
            HEAD + entry("2027-04-15", "statutory", name_vi="Giỗ Tổ Hùng Vương"),
            "lunar-date-mismatch",
        ),
        # sources and dates
        (
            HEAD + year() + SWAP.replace("announced = 2026-12-01", "announced = 2027-04-20", 1),
            "announced-after-day",
        ),
        (
            HEAD
            + year(tet="Báo chí", national_day="Báo chí")
            + SWAP.replace(DOC, "Báo chí đưa tin"),
            "source-without-number",
        ),
        (HEAD + year() + entry("2027-04-15", "swap"), "unbalanced-swap"),
        # each year's completion
        (HEAD + year(since=None) + SWAP, "complete-year-without-date"),
        (HEAD + year(national_day=None) + SWAP, "complete-year-without-source"),
        (HEAD + year(since="2020-01-01") + SWAP, "complete-since-out-of-range"),
        (HEAD + year(since="2026-11-01") + SWAP, "complete-since-before-decision"),
        (HEAD + year(2026, complete="false", since=None) + SWAP, "year-reopened"),
        (HEAD + SWAP, "year-stays-provisional"),
        (
            HEAD
            + year()
            + entry("2027-02-11", "statutory", name_vi="Tết Nguyên Đán (mùng sáu tháng Giêng)"),
            "tet-days-count",
        ),
        (
            HEAD + year() + entry("2027-09-01", "statutory", name_vi="Quốc khánh"),
            "national-day-count",
        ),
    ],
)
def test_each_rule_fires(tmp_path: Path, text: str, code: str) -> None:
    found = codes(tmp_path, text)
    assert code in found, found


def test_every_rule_is_exercised_above() -> None:
    # The parametrization above names each rule of CHECK_RULES once.
    params = test_each_rule_fires.pytestmark[0].args[1]  # type: ignore[attr-defined]
    assert {code for _, code in params} == {r.code for r in CHECK_RULES}


def test_a_clean_file_has_exactly_the_findings_it_should(tmp_path: Path) -> None:
    # A single swapped day off, no make-up day, no year block: two findings and no more.
    report = check_announcements(write(tmp_path, HEAD + entry("2027-06-14", "swap")))
    assert [(f.code, f.severity) for f in report.findings] == [
        ("year-stays-provisional", Severity.INFO),
        ("unbalanced-swap", Severity.WARNING),
    ]
    assert report.valid  # warnings and information do not make it invalid
    assert report.exit_code() == 0


def test_a_reported_entry_may_lack_a_number(tmp_path: Path) -> None:
    text = HEAD + year() + SWAP.replace(DOC, "Báo chí đưa tin").replace("confirmed", "reported")
    assert "source-without-number" not in codes(tmp_path, text)


def test_findings_carry_field_line_and_a_rendered_message(tmp_path: Path) -> None:
    text = HEAD + year() + entry("2027-02-13", "swap") + entry("2027-02-20", "makeup")
    path = write(tmp_path, text)
    report = check_announcements(path)
    assert not report.valid
    assert report.exit_code() == 1
    (f,) = report.errors
    assert f.code == "swap-on-weekend"
    assert f.field == "entries[0].date"
    assert f.file == str(path)
    lines = text.splitlines()
    assert lines[f.line - 1] == "date = 2027-02-13"  # type: ignore[operator]
    assert f.value == date(2027, 2, 13)
    assert f.message.startswith("2027-02-13 is a Saturday, already a day off")
    assert report.to_dict()["errors"][0]["value"] == "2027-02-13"


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = (
        HEAD
        + year(since=None)
        + entry("2027-02-13", "swap")
        + entry("2027-03-03", "makeup", extra='colour = "red"\n')
        + entry("2027-06-15", "statutory", source="Báo chí")
    )
    found = set(codes(tmp_path, text))
    assert {
        "complete-year-without-date",
        "swap-on-weekend",
        "unknown-field",  # entries[1] is left out of the rest: it has a schema problem
        "statutory-not-a-holiday",
        "source-without-number",
    } <= found


def test_lunar_names_are_read_in_vietnamese(tmp_path: Path) -> None:
    # Right lunar dates pass: 2027-02-05 is the eve, 2027-02-09 mùng 4 (Tết is 2027-02-06).
    ok = entry("2027-02-05", "statutory", name_vi="Giao thừa Tết Nguyên Đán") + entry(
        "2027-02-09", "statutory", name_vi="Mùng bốn Tết Nguyên Đán"
    )
    assert "lunar-date-mismatch" not in codes(tmp_path, HEAD + ok)
    wrong = entry("2027-02-04", "statutory", name_vi="Giao thừa Tết Nguyên Đán") + entry(
        "2027-02-10", "statutory", name_vi="30 Tết Nguyên Đán"
    )
    assert codes(tmp_path, HEAD + wrong).count("lunar-date-mismatch") == 2


def test_the_rules_are_registry_shaped() -> None:
    assert len({r.code for r in CHECK_RULES}) == len(CHECK_RULES)
    for r in CHECK_RULES:
        assert r.scope == "calendar"
        assert r.code == r.code.lower()
        assert " " not in r.code
        assert r.title
        assert r.source
        assert r.template
        fields = [f for _, f, _, _ in string.Formatter().parse(r.template) if f]
        assert r.message(**dict.fromkeys(fields, "x"))
    # The codes do not collide with another meaning in the findings registry.
    for r in CHECK_RULES:
        other = RULES_BY_CODE.get(r.code)
        assert other is None or other.scope == "calendar", r.code


# -- not an announcement file: an error, not a report -------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("missing.toml", None, "cannot read"),
        ("readme.md", "# Title\n\nSome *text*.\n", "not valid TOML"),
        ("a.json", "[1, 2]", "must hold a table"),
        ("a.json", "{not json", "not valid JSON"),
        ("latin1.toml", b"format = 1\nname = '\xe9'\n", "not valid TOML"),
        ("noformat.toml", 'data_version = "x"\n' + entry("2027-04-15", "swap"), "no 'format'"),
        ("format2.toml", "format = 2\n", "format 2"),
        ("formatbool.toml", "format = true\n", "format True"),
    ],
)
def test_not_an_announcement_file_raises(
    tmp_path: Path, name: str, content: str | bytes | None, match: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CalendarDataError, match=match):
        check_announcements(path)


def test_a_directory_is_not_an_announcement_file(tmp_path: Path) -> None:
    with pytest.raises(CalendarDataError, match="cannot read"):
        check_announcements(tmp_path)


def test_a_path_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(InvalidTypeError, match="path must be"):
        check_announcements(42)  # type: ignore[arg-type]
