"""The words and number formats of the HTML report, in Vietnamese and English.

One table of texts (:data:`TEXTS`, key → ``(vi, en)``) and the formatters every figure of
the report goes through: Vietnamese writes ``1.234,5`` and ``80,0 %`` and dates as
``dd/mm/yyyy``; English writes ``1,234.5``, ``80.0 %`` and ``31 Dec 2025``. A dash stands
for a number that is not known.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from procedurekit.errors import InvalidArgumentError
from procedurekit.phrases.parse import Language

__all__ = [
    "DASH",
    "FINDINGS_VI",
    "TEXTS",
    "check_lang",
    "fmt_date",
    "fmt_int",
    "fmt_num",
    "fmt_pct",
    "month_full",
    "month_short",
    "text",
]

#: What a cell shows when its number is not known.
DASH: Final = "–"

_SWAP: Final = str.maketrans({",": ".", ".": ","})
_MONTHS_EN: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                     "Nov", "Dec")  # fmt: skip


def check_lang(lang: object) -> Language:
    """``lang`` as a :data:`~procedurekit.phrases.Language`; else InvalidArgumentError."""
    if lang == "vi":
        return "vi"
    if lang == "en":
        return "en"
    raise InvalidArgumentError(
        f"lang must be 'vi' or 'en', got {lang!r}",
        path="lang",
        value=lang,
        expected="'vi' or 'en'",
    )


def fmt_num(value: float | None, lang: Language, digits: int = 2) -> str:
    """``value`` with thousands grouped and ``digits`` decimals: ``1.234,50`` / ``1,234.50``.

    >>> fmt_num(1234.5, "vi", 1), fmt_num(1234.5, "en", 1), fmt_num(None, "vi")
    ('1.234,5', '1,234.5', '–')
    """
    if value is None:
        return DASH
    out = f"{value:,.{digits}f}"
    return out.translate(_SWAP) if lang == "vi" else out


def fmt_int(value: int | None, lang: Language) -> str:
    """A count with thousands grouped: ``12.345`` / ``12,345``."""
    return DASH if value is None else fmt_num(value, lang, 0)


def fmt_pct(rate: float | None, lang: Language, digits: int = 1) -> str:
    """A share 0..1 as a percentage: ``80,0 %`` / ``80.0 %``.

    >>> fmt_pct(0.8, "vi"), fmt_pct(0.8, "en", 0)
    ('80,0 %', '80 %')
    """
    return DASH if rate is None else f"{fmt_num(rate * 100, lang, digits)} %"


def fmt_date(day: date | None, lang: Language) -> str:
    """``31/12/2025`` in Vietnamese, ``31 Dec 2025`` in English.

    >>> fmt_date(date(2025, 3, 1), "vi"), fmt_date(date(2025, 3, 1), "en")
    ('01/03/2025', '1 Mar 2025')
    """
    if day is None:
        return DASH
    if lang == "vi":
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year:04d}"


def _year_month(key: str) -> tuple[int, int] | None:
    year, _, month = key.partition("-")
    if len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return int(year), int(month)
    return None


def month_short(key: str, lang: Language) -> tuple[str, str]:
    """A month key ``"2025-03"`` as an axis label: ``("T3", "2025")`` / ``("Mar", "2025")``."""
    ym = _year_month(key)
    if ym is None:
        return key, ""
    year, month = ym
    return (f"T{month}" if lang == "vi" else _MONTHS_EN[month - 1]), f"{year:04d}"


def month_full(key: str, lang: Language) -> str:
    """A month key ``"2025-03"`` as text: ``03/2025`` / ``Mar 2025``.

    >>> month_full("2025-03", "vi"), month_full("2025-03", "en")
    ('03/2025', 'Mar 2025')
    """
    ym = _year_month(key)
    if ym is None:
        return key
    year, month = ym
    return f"{month:02d}/{year:04d}" if lang == "vi" else f"{_MONTHS_EN[month - 1]} {year:04d}"


def text(key: str, lang: Language, **fields: object) -> str:
    """The text ``key`` of :data:`TEXTS` in ``lang``, with ``fields`` filled in."""
    vi, en = TEXTS[key]
    template = vi if lang == "vi" else en
    return template.format(**fields) if fields else template


#: Every text of the HTML report: key → (Vietnamese, English). ``{name}`` fields are filled
#: with numbers already formatted for the language.
TEXTS: Final[Mapping[str, tuple[str, str]]] = {
    # -- header and first screen
    "title": ("Chỉ số phục vụ người dân, doanh nghiệp", "Service to people and businesses"),
    "subtitle": (
        "Bộ chỉ số theo Quyết định 766/QĐ-TTg, tính từ hồ sơ và danh mục thủ tục",
        "The Decision 766/QĐ-TTg indicators, computed from dossiers and the catalogue",
    ),
    "scope": ("Phạm vi số liệu", "What the figures cover"),
    "period": ("Kỳ tiếp nhận hồ sơ", "Receipt period"),
    "as_of": ("Số liệu tính đến ngày", "Figures as of"),
    "as_of_none": ("không ghi", "not stated"),
    "received": ("Hồ sơ tiếp nhận", "Dossiers received"),
    "period_both": ("từ {start} đến {end}", "from {start} to {end}"),
    "period_from": ("từ {start} đến ngày tính số liệu", "from {start} to the as-of day"),
    "period_to": ("đến {end}", "up to {end}"),
    "period_open": (
        "mọi hồ sơ tiếp nhận đến ngày tính số liệu (không giới hạn kỳ)",
        "every dossier received by the as-of day (no period set)",
    ),
    "data_months": ("Tháng tiếp nhận có trong dữ liệu", "Months of receipt in the data"),
    "data_months_range": ("{first} đến {last}", "{first} to {last}"),
    "config": ("Cách chấm điểm", "Scoring"),
    "config_766": ("Quyết định 766/QĐ-TTg (2022)", "Decision 766/QĐ-TTg (2022)"),
    "config_changed": ("{name}, có điều chỉnh", "{name}, adjusted"),
    "grouped_by": ("Chia theo", "Grouped by"),
    "caveats": ("Cần lưu ý khi đọc", "Read with care"),
    "caveat_none": (
        "Không có chỉ tiêu nào bỏ trống và không ghi nhận vấn đề dữ liệu nào.",
        "Every indicator is computed and no data problem was recorded.",
    ),
    "caveat_not_computed": (
        "{n} chỉ tiêu chưa tính được, không cho và không trừ điểm: {list}.",
        "{n} indicator(s) not computed, neither giving nor taking points: {list}.",
    ),
    "caveat_points": (
        "Tổng điểm {total} là trên {computed} điểm tính được, không phải trên {full} điểm.",
        "The total {total} is out of the {computed} points that could be computed, not {full}.",
    ),
    "caveat_disclosure": (
        "Nhóm «Công khai, minh bạch» không tính được từ hồ sơ và danh mục.",
        "The disclosure group cannot be computed from dossiers and the catalogue.",
    ),
    "caveat_rejected": (
        "{n} dòng không đọc được nên bị loại.",
        "{n} row(s) could not be read and were left out.",
    ),
    "caveat_duplicates": (
        "{n} dòng trùng mã hồ sơ: chỉ tính lần xuất hiện đầu.",
        "{n} row(s) repeat a dossier code: only the first is counted.",
    ),
    "caveat_dates": (
        "{n} ô ngày tháng không đọc được.",
        "{n} date cell(s) could not be read.",
    ),
    "caveat_statuses": (
        "{n} hồ sơ có trạng thái không nhận diện được, không được đánh giá.",
        "{n} dossier(s) have an unknown status and are not judged.",
    ),
    "caveat_unjudged": (
        "{n} hồ sơ không đánh giá được đúng hạn hay trễ hạn (thiếu dữ liệu hoặc đã rút).",
        "{n} dossier(s) could not be judged on time or late (data missing, or withdrawn).",
    ),
    "caveat_columns": (
        "Tệp hồ sơ thiếu cột: {list}.",
        "The dossier file lacks the column(s): {list}.",
    ),
    "caveat_finding": (
        "{title}: {n} phát hiện ({code}).",
        "{title}: {n} finding(s) ({code}).",
    ),
    "caveat_out": (
        "Không tính {n} hồ sơ tiếp nhận ngoài kỳ hoặc sau ngày tính số liệu.",
        "{n} dossier(s) received outside the period or after the as-of day are not counted.",
    ),
    "caveat_no_quality": (
        "Kết quả này không kèm thông tin chất lượng dữ liệu (không tính từ tệp).",
        "This result carries no data-quality information (it was not read from files).",
    ),
    "see_quality": ("Chi tiết ở mục «Chất lượng dữ liệu».", "Details under “Data quality”."),
    # -- cards
    "card_received": ("hồ sơ được tính", "dossiers counted"),
    "card_on_time": ("giải quyết đúng hạn (2.1)", "on time (2.1)"),
    "card_online": ("hồ sơ trực tuyến (3.3)", "received online (3.3)"),
    "card_score": ("điểm trên {computed} điểm tính được", "points of {computed} computed"),
    # -- charts
    "charts": ("Biểu đồ", "Charts"),
    "chart_on_time": ("Tỷ lệ đúng hạn (2.1) theo tháng tiếp nhận", "On-time rate (2.1) by month"),
    "chart_on_time_none": ("Không có hồ sơ nào được đánh giá", "No dossier was judged"),
    "chart_point": (
        "{month}: {rate} ({num}/{den} hồ sơ)",
        "{month}: {rate} ({num}/{den} dossiers)",
    ),
    "chart_month_data": ("Số liệu theo tháng", "Figures by month"),
    "chart_scores": ("Điểm theo nhóm chỉ số", "Score per group"),
    "chart_scores_note": (
        "Thanh đầy là số điểm tính được của nhóm.",
        "A full bar is the points the group could score.",
    ),
    "score_of": ("{score} / {computed} điểm", "{score} / {computed} points"),
    "not_computed": ("chưa tính được", "not computed"),
    "chart_cuts": ("Cắt giảm thời hạn giải quyết", "Time cuts"),
    "chart_cuts_note": (
        "{cut} trong {compared} thủ tục so sánh được đã cắt giảm; số thủ tục theo mức cắt giảm.",
        "{cut} of {compared} comparable procedures cut; procedures by share cut.",
    ),
    "chart_online": ("Hồ sơ và thủ tục trực tuyến", "Online dossiers and procedures"),
    "online_dossiers": ("Hồ sơ nộp trực tuyến", "Dossiers received online"),
    "offline_dossiers": ("Hồ sơ nộp trực tiếp, bưu chính", "At the counter or by post"),
    "procs_full": ("Thủ tục trực tuyến toàn trình", "Procedures fully online"),
    "procs_partial": ("Thủ tục trực tuyến một phần", "Procedures partly online"),
    "procs_none": ("Thủ tục chưa trực tuyến", "Procedures not online"),
    "procs_unknown": ("Thủ tục chưa ghi mức độ", "Online level not recorded"),
    "of_dossiers": ("{n} / {total} hồ sơ", "{n} / {total} dossiers"),
    "of_procedures": ("{n} / {total} thủ tục", "{n} / {total} procedures"),
    "procedures_n": ("{n} thủ tục", "{n} procedures"),
    # -- tables
    "indicators": ("Các chỉ tiêu", "Indicators"),
    "col_code": ("Mã", "Code"),
    "col_indicator": ("Chỉ tiêu", "Indicator"),
    "col_group": ("Nhóm", "Group"),
    "col_numerator": ("Tử số", "Numerator"),
    "col_denominator": ("Mẫu số", "Denominator"),
    "col_rate": ("Tỷ lệ", "Rate"),
    "col_full_at": ("Ngưỡng", "Full points at"),
    "col_points": ("Điểm tối đa", "Points"),
    "col_score": ("Điểm", "Score"),
    "col_computed_points": ("Điểm tính được", "Computed points"),
    "col_group_points": ("Điểm của nhóm", "Group points"),
    "total": ("Tổng", "Total"),
    "indicators_note": (
        "Ngưỡng: tỷ lệ từ đó chỉ tiêu đạt điểm tối đa. Điểm = min(1, tỷ lệ / ngưỡng) × điểm "
        "tối đa; chỉ tiêu không có ngưỡng thì tỷ lệ × điểm tối đa. Cách chia điểm của nhóm "
        "cho từng chỉ tiêu là giả định, có thể cấu hình.",
        "Score = min(1, rate / full-points rate) × points; without one, rate × points. How a "
        "group's points are split among its indicators is an assumption, and configurable.",
    ),
    "group_scores": ("Điểm theo nhóm", "Scores per group"),
    "by_title": ("Theo {by}", "By {by}"),
    "col_received": ("Tiếp nhận", "Received"),
    "col_early": ("Trước hạn", "Early"),
    "col_on_time": ("Đúng hạn", "On time"),
    "col_late": ("Trễ hạn", "Late"),
    "col_in_time": ("Đang giải quyết, trong hạn", "Open, in time"),
    "col_overdue": ("Đang giải quyết, quá hạn", "Open, overdue"),
    "col_rate_21": ("Đúng hạn (2.1)", "On time (2.1)"),
    "col_rate_33": ("Trực tuyến (3.3)", "Online (3.3)"),
    "online_service": (
        "Dịch vụ công trực tuyến (Nghị định 42/2022)",
        "Online service (Decree 42/2022)",
    ),
    "col_procedures": ("Thủ tục", "Procedures"),
    "col_full": ("Toàn trình", "Fully online"),
    "col_partial": ("Một phần", "Partly online"),
    "col_none": ("Chưa trực tuyến", "Not online"),
    "col_unknown": ("Chưa ghi", "Not recorded"),
    "col_online_share": ("Tỷ lệ trực tuyến", "Online share"),
    "col_full_share": ("Tỷ lệ toàn trình", "Fully online share"),
    "time_cuts": ("Cắt giảm thời hạn giải quyết", "Time cuts"),
    "cuts_summary": (
        "{cut} trong {compared} thủ tục so sánh được có thời hạn cam kết ngắn hơn quy định "
        "(bình quân cắt giảm {mean}). {dossiers} hồ sơ trong kỳ thuộc các thủ tục cắt giảm "
        "theo ngày; bình quân mỗi hồ sơ tiết kiệm {saved} ngày.",
        "{cut} of {compared} comparable procedures commit to less than the prescribed time "
        "(mean cut {mean}). {dossiers} dossiers of the period belong to procedures cut in "
        "days; each saves {saved} days on average.",
    ),
    "col_procedure": ("Mã thủ tục", "Procedure"),
    "col_name": ("Tên thủ tục", "Name"),
    "col_prescribed": ("Thời hạn quy định", "Prescribed time"),
    "col_committed": ("Thời hạn cam kết", "Committed time"),
    "col_cut": ("Cắt giảm", "Cut"),
    "col_band": ("Mức", "Band"),
    "band_under": ("dưới {edge}", "under {edge}"),
    "band_over": ("trên {edge}", "over {edge}"),
    "col_dossiers": ("Hồ sơ trong kỳ", "Dossiers in the period"),
    "more_rows": ("Còn {n} dòng không hiện.", "{n} more not shown."),
    "service_models": ("Mô hình phục vụ", "Service models"),
    "col_model": ("Mô hình", "Model"),
    "col_commitment": ("Cam kết", "Commitment"),
    "col_eligible": ("Hồ sơ áp dụng", "Eligible"),
    "col_finished": ("Đã giải quyết", "Finished"),
    "col_met": ("Đạt cam kết", "Met"),
    "col_share": ("Tỷ lệ đạt", "Share met"),
    "initiatives": (
        "Sáng kiến cải cách (tối thiểu {n} mỗi năm)",
        "Reform initiatives (minimum {n} a year)",
    ),
    "col_year": ("Năm", "Year"),
    "col_agency": ("Cơ quan", "Agency"),
    "col_total": ("Tổng", "Total"),
    "col_under": ("Dưới mức tối thiểu", "Under the minimum"),
    "yes": ("có", "yes"),
    # -- grouping names (GROUP_KEYS) and finding severities
    "key_agency": ("cơ quan", "agency"),
    "key_field": ("lĩnh vực", "field"),
    "key_level": ("cấp", "level"),
    "key_procedure": ("thủ tục", "procedure"),
    "key_channel": ("hình thức nộp", "channel"),
    "key_month": ("tháng", "month"),
    "key_quarter": ("quý", "quarter"),
    "sev_error": ("lỗi", "error"),
    "sev_warning": ("cảnh báo", "warning"),
    "sev_info": ("thông tin", "info"),
    # -- data quality
    "quality": ("Chất lượng dữ liệu", "Data quality"),
    "quality_intro": (
        "Những gì trong dữ liệu đầu vào làm số liệu kém chắc chắn, và các chỉ tiêu chưa tính được.",
        "What in the input makes the figures less than certain, and the indicators not computed.",
    ),
    "q_rows": ("Dòng dữ liệu đã đọc", "Data rows read"),
    "q_counted": ("Hồ sơ được tính", "Dossiers counted"),
    "q_rejected": ("Dòng không đọc được (bị loại)", "Rows that could not be read (left out)"),
    "q_duplicates": (
        "Dòng trùng mã hồ sơ (chỉ tính lần đầu)",
        "Rows repeating a dossier code (first counted)",
    ),
    "q_outside": (
        "Tiếp nhận ngoài kỳ báo cáo (không tính)",
        "Received outside the period (not counted)",
    ),
    "q_after": (
        "Tiếp nhận sau ngày tính số liệu (không tính)",
        "Received after the as-of day (not counted)",
    ),
    "q_dates": ("Ô ngày tháng không đọc được", "Unreadable date cells"),
    "q_statuses": (
        "Trạng thái không nhận diện được (không đánh giá)",
        "Unknown statuses (not judged)",
    ),
    "q_unjudged": (
        "Hồ sơ không đánh giá được đúng hạn hay trễ hạn",
        "Dossiers not judged on time or late",
    ),
    "q_columns": ("Cột còn thiếu", "Missing columns"),
    "q_columns_none": ("không thiếu cột nào", "none"),
    "col_item": ("Nội dung", "Item"),
    "col_count": ("Số lượng", "Count"),
    "not_computed_title": ("Chỉ tiêu chưa tính được", "Indicators not computed"),
    "not_computed_none": ("Mọi chỉ tiêu đều tính được.", "Every indicator is computed."),
    "col_reason": ("Lý do", "Reason"),
    "findings_title": (
        "Các phát hiện khi đọc và đánh giá hồ sơ",
        "Findings of reading and judging",
    ),
    "findings_none": ("Không có phát hiện nào.", "No findings."),
    "col_finding": ("Mã phát hiện", "Finding"),
    "col_severity": ("Mức độ", "Severity"),
    "col_meaning": ("Ý nghĩa", "Meaning"),
    "col_affects": ("Ảnh hưởng số liệu", "Changes the figures"),
    "findings_note": (
        "Chạy «procedurekit audit» với cùng tệp để xem từng dòng.",
        "Run “procedurekit audit” on the same files for every row.",
    ),
    # -- footer
    "source": ("Nguồn: {source}.", "Source: {source}."),
    "source_766": (
        "Quyết định 766/QĐ-TTg ngày 23/6/2022 (Bộ chỉ số chỉ đạo, điều hành và đánh giá chất "
        "lượng phục vụ người dân, doanh nghiệp); cách chia điểm cho từng chỉ tiêu là giả định",
        "Decision 766/QĐ-TTg of 23 June 2022 (the indicators for directing, managing and "
        "assessing the service to people and businesses); the points of each indicator are an "
        "assumption",
    ),
    "dash_note": (
        "Tỷ lệ là tỷ số trên mẫu số đã nêu; dấu «–» là chưa có dữ liệu để tính.",
        "Rates are shares of the stated denominators; a dash means the data needed is absent.",
    ),
    "generated": ("Tạo bởi procedurekit {version}.", "Made by procedurekit {version}."),
}

#: The Vietnamese titles of the findings that change what the indicators count (the rules
#: registry, :mod:`procedurekit.findings`, titles them in English): the report's caveats
#: and its findings table use them; other codes show the registry's English title.
FINDINGS_VI: Final[Mapping[str, str]] = {
    "missing-received-at": "Không đọc được thời điểm tiếp nhận",
    "unknown-procedure": "Mã thủ tục của hồ sơ không có trong danh mục",
    "missing-time": "Thủ tục không ghi thời hạn giải quyết đọc được cho hình thức nộp của hồ sơ: "
    "không tính được hạn",
    "unknown-status": "Trạng thái hồ sơ không nhận diện được: hồ sơ không được đánh giá",
    "deadline-error": "Không tính được hạn giải quyết (ngoài phạm vi lịch 2010–2060, hoặc giá "
    "trị không hợp lệ)",
    "end-before-receipt": "Thời điểm kết thúc trước thời điểm tiếp nhận",
    "duplicate-dossier-code": "Mã hồ sơ xuất hiện hai lần: lần lặp không được đánh giá, không "
    "được tính",
    "malformed-row": "Dòng không đọc được, hoặc số ô khác dòng tiêu đề",
    "unparseable-date": "Ô ngày tháng không đúng định dạng của cột",
}
