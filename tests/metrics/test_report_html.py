"""The HTML report read back with html.parser: one self-contained file, Vietnamese first,
the period and caveats before any chart, durations in words, axes from zero, a data-quality
section. The same page in a real browser: test_report_browser.py.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import attrs
import pytest
from _html import Doc, parse
from test_metrics import FIXTURE, _p

import procedurekit as pk
from procedurekit import metrics as m
from procedurekit.errors import ProcedureKitError
from procedurekit.reports import charts, render_html

W = pk.WorkingDays


def _result(**changes: object) -> m.MetricsResult:
    """The ten-dossier fixture of test_metrics, grouped by agency, with a catalogue of three
    procedures; dossiers #1–#3 are of P1 (cut 10 → 7 working days), #4 of P2."""
    facts = [
        attrs.evolve(f, procedure=code)
        for f, code in zip(FIXTURE, ["P1", "P1", "P1", "P2", *[None] * 6], strict=True)
    ]
    procs = [_p("P1", W(10), W(7), "full"), _p("P2", W(20), W(5), "partial"), _p("P3")]
    result = m.compute_metrics(facts, by="agency", catalogue=procs, as_of=date(2026, 3, 31))
    return attrs.evolve(result, **changes)


def _quality() -> m.DataQuality:
    return m.DataQuality(
        rows=1234,
        rows_rejected=3,
        duplicates=2,
        outside_period=5,
        received_after_as_of=7,
        unreadable_dates=4,
        unknown_statuses=1,
        missing_columns=("complaint",),
        findings=(("appointment-too-late", 6), ("unknown-procedure", 2)),
    )


def _doc(result: m.MetricsResult | None = None, **kwargs: object) -> tuple[str, Doc]:
    page = render_html(result or _result(), **kwargs)  # type: ignore[arg-type]
    return page, parse(page)


def test_one_self_contained_file() -> None:
    page, doc = _doc(title="Báo cáo <Bắc Giang>")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    # No external resource: no src, only in-page links, no url(...) in the CSS, no @import.
    assert not doc.find("img")
    assert not doc.find("link")
    assert not doc.find("iframe")
    assert not any("src" in e.attrs for e in doc.elements)
    assert all(e.attrs["href"].startswith("#") for e in doc.elements if "href" in e.attrs)
    assert "url(" not in page
    assert "@import" not in page
    assert doc.first("title").text == "Báo cáo <Bắc Giang>"
    assert "Báo cáo &lt;Bắc Giang&gt;" in page  # escaped
    # Each in-page link has its target.
    ids = {e.attrs["id"] for e in doc.elements if "id" in e.attrs}
    assert {e.attrs["href"][1:] for e in doc.elements if "href" in e.attrs} <= ids


def test_vietnamese_is_the_default() -> None:
    _, doc = _doc()
    assert doc.first("html").attrs["lang"] == "vi"
    assert doc.first("h1").text == "Chỉ số phục vụ người dân, doanh nghiệp"
    assert doc.headings() == [
        "Phạm vi số liệu", "Cần lưu ý khi đọc", "Biểu đồ", "Các chỉ tiêu", "Điểm theo nhóm",
        "Theo cơ quan", "Dịch vụ công trực tuyến (Nghị định 42/2022)",
        "Cắt giảm thời hạn giải quyết", "Chất lượng dữ liệu",
    ]  # fmt: skip
    table = doc.table("Các chỉ tiêu")
    assert table.head == ["Mã", "Chỉ tiêu", "Tử số", "Mẫu số", "Tỷ lệ", "Ngưỡng",
                          "Điểm tối đa", "Điểm"]  # fmt: skip
    assert table.column("Chỉ tiêu")[:3] == ["Giải quyết đúng hạn", "TTHC có DVCTT",
                                            "Hồ sơ trực tuyến"]  # fmt: skip
    # Numbers in the Vietnamese form: 2.1 = 5/8 = 62,50 %, 12,5 points; 3.3 full at 50 %.
    assert table.rows[0][2:] == ["5", "8", "62,50 %", "–", "20", "12,50"]
    assert table.rows[2][5] == "50 %"
    text = doc.text()
    for english in ("Indicators", "Charts", "Scores per group", "on time", "dossiers"):
        assert english not in text, english


def test_english_on_request() -> None:
    _, doc = _doc(lang="en")
    assert doc.first("html").attrs["lang"] == "en"
    assert doc.headings()[:5] == ["What the figures cover", "Read with care", "Charts",
                                  "Indicators", "Scores per group"]  # fmt: skip
    table = doc.table("Indicators")
    assert table.rows[0][:5] == ["2.1", "On time", "5", "8", "62.50 %"]
    assert "Giải quyết đúng hạn" not in doc.text()


def test_an_unknown_language_is_refused_naming_the_field() -> None:
    with pytest.raises(ProcedureKitError) as info:
        render_html(_result(), lang="fr")  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert info.value.path == "lang"  # type: ignore[attr-defined]


def test_numbers_and_dates_follow_the_language() -> None:
    many = [m.DossierFacts(received=date(2026, 1, 1) + timedelta(days=i % 60), outcome="on_time")
            for i in range(1234)]  # fmt: skip
    result = attrs.evolve(
        m.compute_metrics(many, as_of=date(2026, 3, 31)),
        received_from=date(2026, 1, 1),
        received_to=date(2026, 3, 31),
    )
    _, vi = _doc(result)
    _, en = _doc(result, lang="en")
    cards = [e.text for e in vi.find("div", "card")]
    assert cards[0] == "1.234 hồ sơ được tính"
    assert cards[1] == "100,0 % giải quyết đúng hạn (2.1)"
    assert next(e.text for e in en.find("div", "card")) == "1,234 dossiers counted"
    facts = dict(zip([e.text for e in vi.find("dt")], [e.text for e in vi.find("dd")], strict=True))
    assert facts["Số liệu tính đến ngày"] == "31/03/2026"
    assert facts["Kỳ tiếp nhận hồ sơ"] == "từ 01/01/2026 đến 31/03/2026"
    assert facts["Tháng tiếp nhận có trong dữ liệu"] == "01/2026 đến 03/2026"
    facts = dict(zip([e.text for e in en.find("dt")], [e.text for e in en.find("dd")], strict=True))
    assert facts["Figures as of"] == "31 Mar 2026"
    assert facts["Receipt period"] == "from 1 Jan 2026 to 31 Mar 2026"


def test_an_open_period_says_so() -> None:
    _, doc = _doc()
    facts = dict(zip([e.text for e in doc.find("dt")], [e.text for e in doc.find("dd")],
                     strict=True))  # fmt: skip
    assert facts["Kỳ tiếp nhận hồ sơ"].startswith("mọi hồ sơ tiếp nhận đến ngày tính số liệu")
    _, doc = _doc(_result(received_from=date(2026, 2, 1)))
    assert "từ 01/02/2026 đến ngày tính số liệu" in doc.first("dl").text


def test_the_period_and_caveats_come_before_any_chart() -> None:
    _, doc = _doc(_result(quality=_quality()))
    period, caveats = doc.first("section", "period"), doc.first("section", "caveats")
    first_chart = min(doc.first("figure").index, doc.first("svg").index)
    assert period.index < caveats.index < first_chart
    items = [e.text for e in doc.find("li") if e.inside("section", "caveats")]
    # The fixture computes every indicator; the points of the disclosure group cannot be,
    # and the quality problems are caveats.
    assert "không phải trên 100 điểm" in items[0]
    assert "3 dòng không đọc được nên bị loại." in items
    assert "2 dòng trùng mã hồ sơ: chỉ tính lần xuất hiện đầu." in items
    assert "4 ô ngày tháng không đọc được." in items
    assert "1 hồ sơ có trạng thái không nhận diện được, không được đánh giá." in items
    assert "Tệp hồ sơ thiếu cột: «Phản ánh, kiến nghị» (complaint)." in items
    assert "Không tính 12 hồ sơ tiếp nhận ngoài kỳ hoặc sau ngày tính số liệu." in items
    assert "Mã thủ tục của hồ sơ không có trong danh mục: 2 phát hiện (unknown-procedure)." in items


def test_indicators_not_computed_are_caveats_with_their_reasons() -> None:
    # No catalogue: 3.1 cannot be computed; nobody states 4.x here either.
    plain = [m.DossierFacts(received=date(2026, 3, 2), outcome="on_time")]
    result = m.compute_metrics(plain, as_of=date(2026, 3, 31))
    _, doc = _doc(result)
    items = [e.text for e in doc.find("li") if e.inside("section", "caveats")]
    assert items[0].startswith("6 chỉ tiêu chưa tính được, không cho và không trừ điểm: 3.1 ")
    table = doc.table("Chỉ tiêu chưa tính được")
    assert table.head == ["Mã", "Chỉ tiêu", "Lý do"]
    reasons = dict(zip(table.column("Mã"), table.column("Lý do"), strict=True))
    assert reasons["3.1"] == "danh mục không ghi mức độ dịch vụ công trực tuyến"
    assert reasons["4.3"] == "không hồ sơ nào ghi có tái sử dụng dữ liệu số hóa hay không"
    _, doc = _doc(result, lang="en")
    reasons = dict(
        zip(*(doc.table("Indicators not computed").column(c) for c in ("Code", "Reason")),
            strict=True)
    )  # fmt: skip
    assert reasons["3.1"] == "the catalogue records no online service level"
    # The caveat about points: 20 + 6 of 100 are computable.
    assert "Tổng điểm" in " ".join(
        e.text for e in parse(render_html(result)).find("li") if e.inside("section", "caveats")
    )


def test_the_data_quality_section() -> None:
    _, doc = _doc(_result(quality=_quality()))
    assert doc.find("h2")[-1].attrs["id"] == "quality"
    table = doc.table("Chất lượng dữ liệu")
    values = dict(zip(table.column("Nội dung"), table.column("Số lượng"), strict=True))
    assert values == {
        "Dòng dữ liệu đã đọc": "1.234",
        "Hồ sơ được tính": "10",
        "Dòng không đọc được (bị loại)": "3",
        "Dòng trùng mã hồ sơ (chỉ tính lần đầu)": "2",
        "Tiếp nhận ngoài kỳ báo cáo (không tính)": "5",
        "Tiếp nhận sau ngày tính số liệu (không tính)": "7",
        "Ô ngày tháng không đọc được": "4",
        "Trạng thái không nhận diện được (không đánh giá)": "1",
        "Hồ sơ không đánh giá được đúng hạn hay trễ hạn": "2",
    }
    assert doc.first("p", "columns").text == "Cột còn thiếu: «Phản ánh, kiến nghị» (complaint)"
    findings = doc.table("Các phát hiện khi đọc và đánh giá hồ sơ")
    # What changes the figures first.
    assert findings.column("Mã phát hiện") == ["unknown-procedure", "appointment-too-late"]
    assert findings.rows[0][1:4] == ["lỗi", "2", "có"]
    # A title the report has no Vietnamese for is the registry's English, marked as such.
    cell = [e for e in doc.find("td") if e.text.startswith("The recorded appointment")]
    assert cell
    assert cell[0].attrs.get("lang") == "en"
    # Without quality information (an API result), the section says so.
    _, doc = _doc()
    assert "không kèm thông tin chất lượng dữ liệu" in doc.text()


def test_durations_are_written_in_words() -> None:
    page, doc = _doc()
    cuts = doc.table("Cắt giảm thời hạn giải quyết")
    assert cuts.column("Thời hạn quy định") == ["20 ngày làm việc", "10 ngày làm việc"]
    assert cuts.column("Thời hạn cam kết") == ["5 ngày làm việc", "7 ngày làm việc"]
    assert cuts.column("Mức") == ["trên 60 %", "30–60 %"]
    assert "WorkingDays(" not in page
    _, doc = _doc(lang="en")
    cuts = doc.table("Time cuts")
    assert cuts.column("Prescribed time") == ["20 working days", "10 working days"]
    assert cuts.column("Band") == ["over 60 %", "30–60 %"]


def test_the_time_cut_table_counts_the_dossiers_of_each_procedure() -> None:
    # P1 has three dossiers in the fixture and P2 one: the table said "0" for every row.
    _, doc = _doc()
    cuts = doc.table("Cắt giảm thời hạn giải quyết")
    assert dict(zip(cuts.column("Mã thủ tục"), cuts.column("Hồ sơ trong kỳ"), strict=True)) == {
        "P1": "3", "P2": "1",
    }  # fmt: skip
    # The summary: P1 saves 3 days × 3 dossiers, P2 15 × 1 → 24 / 4 = 6,0 days per dossier.
    summary = next(e.text for e in doc.find("p") if "có thời hạn cam kết ngắn hơn" in e.text)
    assert "4 hồ sơ trong kỳ" in summary
    assert "tiết kiệm 6,0 ngày" in summary


def test_service_model_commitments_are_written_in_words() -> None:
    from procedurekit.deadlines.service import ServiceModel

    friday = ServiceModel("Thứ Sáu không hẹn", {4}, (), pk.SameDay(), all_procedures=True)
    result = m.compute_metrics(FIXTURE, service_models=[friday], as_of=date(2026, 3, 31))
    _, doc = _doc(result)
    assert doc.table("Mô hình phục vụ").column("Cam kết") == ["Trong ngày"]
    _, doc = _doc(result, lang="en")
    assert doc.table("Service models").column("Commitment") == ["same day"]


def test_the_on_time_chart_starts_at_zero_and_thins_its_month_labels() -> None:
    # Thirty months, a rate between 80 % and 100 %: the axis still runs from 0 % to 100 %.
    facts = [
        m.DossierFacts(received=date(2024 + (k // 12), k % 12 + 1, 5),
                       outcome="late" if k % 5 == 0 and j == 0 else "on_time")
        for k in range(30) for j in range(5)
    ]  # fmt: skip
    _, doc = _doc(m.compute_metrics(facts, as_of=date(2026, 12, 31)))
    svg = doc.first("svg", "chart")
    ticks = [e.text for e in doc.find("text", "ya")]
    assert ticks == ["0 %", "25 %", "50 %", "75 %", "100 %"]
    labels = list(doc.find("text", "xa"))
    months = [e for e in labels if e.text.startswith("T")]
    years = [e.text for e in labels if not e.text.startswith("T")]
    assert 2 < len(months) < 30  # thinned
    assert years == ["2024", "2025", "2026"][: len(years)]
    assert years[0] == "2024"
    # Neighbouring labels on one line are further apart than the widest label is wide.
    xs = sorted(float(e.attrs["x"]) for e in months)
    widest = max(len(e.text) for e in labels) * charts.FONT * charts.CHAR
    assert min(b - a for a, b in itertools.pairwise(xs)) >= widest + charts.GAP
    # Every value is drawn: one point per month, on the 0..100 % scale of the viewBox.
    circles = [e for e in doc.elements if e.tag == "circle" and e.inside("svg", "chart")]
    assert len(circles) == 30
    assert svg.attrs["viewbox"] == f"0 0 {charts.WIDTH} {charts.HEIGHT}"  # parser lowercases


def test_label_thinning() -> None:
    assert charts.thin_labels([], 10) == 1
    assert charts.thin_labels([10.0], 0) == 1
    assert charts.thin_labels([10.0, 10.0], 18.0) == 1  # 10 + 8 fits in 18
    assert charts.thin_labels([10.0, 10.0], 17.9) == 2


def test_json_keeps_the_english_reason_and_adds_the_vietnamese() -> None:
    import json

    from procedurekit.reports import render_json

    plain = [m.DossierFacts(received=date(2026, 3, 2), outcome="on_time")]
    data = json.loads(render_json(m.compute_metrics(plain, as_of=date(2026, 3, 31))))
    value = next(i for i in data["overall"]["indicators"] if i["code"] == "3.1")
    assert value["reason"] == "the catalogue records no online service level"
    assert value["reason_vi"] == "danh mục không ghi mức độ dịch vụ công trực tuyến"
    on_time = next(i for i in data["overall"]["indicators"] if i["code"] == "2.1")
    assert on_time["reason"] is None
    assert on_time["reason_vi"] is None


def test_every_reason_has_both_languages() -> None:
    from procedurekit.metrics._scoring import NOT_COMPUTED

    for code, (vi, en) in NOT_COMPUTED.items():
        assert vi, code
        assert en, code
        assert vi != en, code
        assert re.search(r"[ăâđêôơưáàảãạ]", vi), code  # Vietnamese text


def test_every_text_has_both_languages() -> None:
    from procedurekit.reports._locale import TEXTS

    for key, (vi, en) in TEXTS.items():
        assert vi.strip(), key
        assert en.strip(), key
        fields = set(re.findall(r"{(\w+)}", vi))
        assert fields == set(re.findall(r"{(\w+)}", en)), key
