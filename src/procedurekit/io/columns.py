"""The one table of catalogue and dossier columns: portal headers, ASCII forms, English keys.

Every header a reader accepts is listed in :data:`CATALOGUE_COLUMNS` or
:data:`DOSSIER_COLUMNS`. A header is matched after folding (:func:`header_key`): accents
and case are ignored, ``đ`` reads as ``d`` and every run of other characters is one ``_``,
so "Phí, lệ phí", "phi_le_phi" and "PHI LE PHI" are the same column. A header that is not
in the table is looked up again without a closing bracket ("Phí, lệ phí (nếu có)",
"Thời hạn giải quyết (ngày làm việc)"); a unit in that bracket is the column's unit for bare
numbers (:func:`header_unit`). A header still unknown is kept (as an extra field) and
reported as an ``unknown-column`` finding, unless a user's column map
(:func:`read_column_map`, ``--columns map.toml``) names its column.

``docs/catalogue-format.md`` and ``docs/dossier-format.md`` are generated from these tables
by :func:`columns_markdown`.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final, Literal

import attrs

from procedurekit._text import fold
from procedurekit.errors import InputFileError, InvalidArgumentError
from procedurekit.phrases.parse import DefaultUnit

__all__ = [
    "CATALOGUE_COLUMNS",
    "DOSSIER_COLUMNS",
    "TIME_KEYS",
    "ColumnSpec",
    "TableKind",
    "check_column_map",
    "column_key",
    "column_map_for",
    "columns_markdown",
    "header_counter",
    "header_key",
    "header_unit",
    "read_column_map",
    "resolve_headers",
]

#: The three tables a catalogue may be split into, joined on the procedure code.
TableKind = Literal["procedures", "channels", "components", "dossiers"]

_NON_ALNUM: Final = re.compile(r"[^0-9a-z]+")
_QUALIFIER: Final = re.compile(r"^(?P<base>.*?\S)\s*\((?P<what>[^()]*)\)\s*$", re.DOTALL)
#: Columns whose header may state the unit of their bare numbers (:func:`header_unit`).
TIME_KEYS: Final = frozenset({"processing_time", "committed_time", "prescribed_time"})


def header_key(text: str) -> str:
    """Fold a header: no accents, lower case, ``đ`` → ``d``, other runs → ``_``.

    >>> header_key("Phí, lệ phí")
    'phi_le_phi'
    >>> header_key("  Mã số ")
    'ma_so'
    """
    return _NON_ALNUM.sub("_", fold(text)).strip("_")


@attrs.frozen
class ColumnSpec:
    """One column: its English ``key``, the portal's Vietnamese ``label``, other ``aliases``.

    ``tables`` names the tables the column may appear in; ``description`` says what it
    holds and, where it matters, the legal source.
    """

    key: str
    label: str
    aliases: tuple[str, ...]
    tables: tuple[TableKind, ...]
    description: str

    def names(self) -> tuple[str, ...]:
        """Every accepted spelling, folded: the key, the label and the aliases."""
        return tuple(dict.fromkeys(header_key(n) for n in (self.key, self.label, *self.aliases)))


_P: Final[tuple[TableKind, ...]] = ("procedures",)
_C: Final[tuple[TableKind, ...]] = ("channels",)
_D: Final[tuple[TableKind, ...]] = ("components",)
_PC: Final[tuple[TableKind, ...]] = ("procedures", "channels")
_ALL: Final[tuple[TableKind, ...]] = ("procedures", "channels", "components")

#: Catalogue columns. A table holding ``channel`` is a channel table (one row per procedure
#: and submission channel); one holding ``component_name`` a dossier-component table; any
#: other a procedure table. Required parts per Decree 63/2010/NĐ-CP Art. 8(2) are marked.
CATALOGUE_COLUMNS: Final[tuple[ColumnSpec, ...]] = (
    ColumnSpec(
        "code",
        "Mã số",
        ("Mã thủ tục", "Mã TTHC", "ma_thu_tuc", "procedure_code", "ma"),
        _ALL,
        "Procedure code D.DDDDDD, optional agency suffix (2.000815.000.00.00.H38); join key.",
    ),
    ColumnSpec(
        "name",
        "Tên",
        ("Tên thủ tục", "Tên TTHC", "Tên thủ tục hành chính", "ten_thu_tuc", "procedure_name"),
        _P,
        "Procedure name. Required (Decree 63/2010 Art. 8(2)).",
    ),
    ColumnSpec(
        "issuing_agency",
        "Cơ quan ban hành",
        ("co_quan_ban_hanh",),
        _P,
        "Agency that issued (published) the procedure.",
    ),
    ColumnSpec(
        "competent_agency",
        "Cơ quan có thẩm quyền",
        ("co_quan_co_tham_quyen",),
        _P,
        "Agency with authority to decide.",
    ),
    ColumnSpec(
        "implementing_agency",
        "Cơ quan thực hiện",
        ("co_quan_thuc_hien", "txta_co_quan_thuc_hien", "agency", "Cơ quan giải quyết"),
        _P,
        "Implementing agency. Required (Decree 63/2010 Art. 8(2)).",
    ),
    ColumnSpec(
        "delegated_agency",
        "Cơ quan được ủy quyền",
        ("co_quan_duoc_uy_quyen", "authorised_agency"),
        _P,
        "Agency the decision is delegated to, if any.",
    ),
    ColumnSpec(
        "coordinating_agency",
        "Cơ quan phối hợp",
        ("co_quan_phoi_hop",),
        _P,
        "Coordinating agency, if any.",
    ),
    ColumnSpec("field", "Lĩnh vực", ("linh_vuc", "sector"), _P, "Field (lĩnh vực)."),
    ColumnSpec(
        "level",
        "Cấp thực hiện",
        ("cap_thuc_hien", "cap", "levels", "level_text", "Cấp giải quyết"),
        _P,
        "Level(s): Cấp bộ, Cấp tỉnh, Cấp huyện (until 2025-06-30), Cấp xã, Cơ quan khác; "
        "several joined by commas.",
    ),
    ColumnSpec("kind", "Loại thủ tục", ("loai_thu_tuc", "procedure_kind"), _P, "Procedure kind."),
    ColumnSpec(
        "decision",
        "Số quyết định",
        ("so_quyet_dinh", "so_quyet_dinh_cong_bo", "Quyết định công bố", "publication_decision"),
        _P,
        "Publication decision (quyết định công bố).",
    ),
    ColumnSpec(
        "subjects",
        "Đối tượng thực hiện",
        ("doi_tuong_thuc_hien", "doi_tuong"),
        _P,
        "Who may apply. Required (Decree 63/2010 Art. 8(2)).",
    ),
    ColumnSpec(
        "steps",
        "Trình tự thực hiện",
        ("trinh_tu_thuc_hien", "trinh_tu_raw", "txta_trinh_tu_thuc_hien", "steps_text"),
        _P,
        "Steps. Required (Decree 63/2010 Art. 8(2)).",
    ),
    ColumnSpec(
        "method",
        "Cách thức thực hiện",
        ("cach_thuc_thuc_hien", "channels_text"),
        _P,
        "Method (submission channels), free text; a channel table also states it. Required "
        "(Decree 63/2010 Art. 8(2)). The portal's glued table text is split into channels.",
    ),
    ColumnSpec(
        "components",
        "Thành phần hồ sơ",
        ("thanh_phan_ho_so", "txta_ho_so", "ho_so"),
        _P,
        "Dossier components, free text; a component table also states them. Required "
        "(Decree 63/2010 Art. 8(2)).",
    ),
    ColumnSpec(
        "components_text",
        "Thành phần hồ sơ (văn bản)",
        ("thanh_phan_ho_so_raw", "components_text"),
        _P,
        "The components cell as written, beside a structured list of components.",
    ),
    ColumnSpec(
        "component_count",
        "Số thành phần hồ sơ",
        ("n_thanh_phan_ho_so",),
        _P,
        "Number of dossier components (informative).",
    ),
    ColumnSpec(
        "processing_time",
        "Thời hạn giải quyết",
        (
            "thoi_han_giai_quyet",
            "Thời gian",
            "Thời gian giải quyết",
            "time_text",
            "time_limit",
            "thoi_han_raw",
        ),
        _PC,
        'Processing time as published ("15 ngày làm việc"). Required (Decree 63/2010 '
        "Art. 8(2)). In a channel table, the time for that channel. A unit in the header "
        '("Thời hạn giải quyết (ngày làm việc)") is the unit of a bare number in the column.',
    ),
    ColumnSpec(
        "time_value",
        "Giá trị thời hạn",
        ("time_value",),
        _C,
        "A pre-split number; read with time_unit when processing_time is empty.",
    ),
    ColumnSpec(
        "time_unit",
        "Đơn vị thời hạn",
        ("time_unit",),
        _C,
        "A pre-split unit (Ngày làm việc, Ngày, Giờ, Tháng).",
    ),
    ColumnSpec(
        "committed_time",
        "Thời hạn cam kết",
        ("thoi_han_cam_ket", "thoi_gian_cat_giam"),
        _PC,
        "A locally committed (cut) time; must not exceed the prescribed time.",
    ),
    ColumnSpec(
        "fee",
        "Phí, lệ phí",
        (
            "phi_le_phi",
            "le_phi",
            "phi",
            "fees",
            "fee_text",
            "fee_and_desc_raw",
            "phi_le_phi_va_mo_ta_raw",
        ),
        _PC,
        "Fees and charges, amounts in VND (Law on Fees and Charges 97/2015/QH13).",
    ),
    ColumnSpec(
        "legal_basis",
        "Căn cứ pháp lý",
        ("can_cu_phap_ly", "can_cu_phap_ly_raw", "txta_can_cu_phap_ly", "legal_basis_text"),
        _P,
        "Legal documents the procedure rests on (number/year/type).",
    ),
    ColumnSpec(
        "legal_numbers",
        "Số hiệu văn bản",
        ("can_cu_phap_ly_so_hieu",),
        _P,
        "The legal basis's document numbers, as a list (70/2024/NĐ-CP, ...).",
    ),
    ColumnSpec(
        "requirements",
        "Yêu cầu, điều kiện",
        ("yeu_cau_dieu_kien",),
        _P,
        "Requirements and conditions, where any (Decree 63/2010 Art. 8(2), where applicable).",
    ),
    ColumnSpec(
        "result",
        "Kết quả thực hiện",
        ("ket_qua", "ket_qua_xu_ly", "ket_qua_thuc_hien", "txta_ket_qua"),
        _P,
        "Result. Required (Decree 63/2010 Art. 8(2)).",
    ),
    ColumnSpec(
        "online_level",
        "Mức độ dịch vụ công trực tuyến",
        ("muc_do_dvctt", "muc_do", "dich_vu_cong_truc_tuyen"),
        _P,
        "Online level: toàn trình (full), một phần (partial), none; or the old levels 1–4 "
        "(Decree 43/2011, repealed). Decree 42/2022 Art. 11.",
    ),
    ColumnSpec(
        "channel_list",
        "Danh sách hình thức nộp",
        ("channels",),
        _P,
        "Channels joined by '|', read with time_list when no channel table is given.",
    ),
    ColumnSpec(
        "time_list",
        "Danh sách thời hạn",
        ("time_values",),
        _P,
        "Per-channel times joined by '|', in the order of channel_list.",
    ),
    ColumnSpec(
        "related_procedures",
        "Thủ tục liên quan",
        ("thu_tuc_lien_quan",),
        _P,
        "Related procedures.",
    ),
    ColumnSpec(
        "reception_address",
        "Địa chỉ tiếp nhận",
        ("dia_chi_tiep_nhan", "Địa điểm thực hiện"),
        _P,
        "Where dossiers are received (the annexes' place of implementation).",
    ),
    ColumnSpec(
        "effective_date",
        "Ngày hiệu lực",
        ("ngay_hieu_luc", "effective_from"),
        _P,
        "Date the procedure takes effect; dates of a column are read with one named format.",
    ),
    ColumnSpec("url", "Đường dẫn", ("detail_url", "link", "source_url"), _P, "Portal page."),
    ColumnSpec(
        "source_id",
        "Mã định danh nguồn",
        ("formality_id",),
        _P,
        "The record's id in the system it was taken from (the portal's formality id).",
    ),
    ColumnSpec(
        "source",
        "Nguồn",
        ("source_file", "source_xlsx", "source_folder", "ministry_folder", "_ministry_folder"),
        _ALL,
        "Where the row was taken from (informative).",
    ),
    ColumnSpec(
        "local_code",
        "Mã nội bộ",
        ("ma_noi_bo", "internal_code"),
        _P,
        "A one-stop system's own code (Bắc Giang's CTH01A); the code when no national one.",
    ),
    ColumnSpec(
        "prescribed_time",
        "Thời hạn quy định",
        ("thoi_han_quy_dinh",),
        _P,
        "The national prescribed time, when a row also states a committed one.",
    ),
    ColumnSpec(
        "schema_version",
        "Phiên bản định dạng",
        (),
        _ALL,
        "The project's JSON format version (procedurekit.serialize); informative.",
    ),
    ColumnSpec(
        "seq", "STT", ("Số thứ tự", "so_thu_tu", "TT"), _ALL, "Row number: recognised, not read."
    ),
    ColumnSpec(
        "channel",
        "Hình thức nộp",
        ("hinh_thuc", "hinh_thuc_nop", "kenh", "channel_text"),
        _C,
        "Submission channel: Trực tiếp, Trực tuyến, Dịch vụ bưu chính.",
    ),
    ColumnSpec("description", "Mô tả", ("mo_ta",), _C, "The channel's description text."),
    ColumnSpec(
        "component_name",
        "Tên giấy tờ",
        ("ten_giay_to", "document"),
        _D,
        "Name of a dossier component.",
    ),
    ColumnSpec("form", "Mẫu đơn, tờ khai", ("mau_don", "mau_don_to_khai"), _D, "Form file."),
    ColumnSpec(
        "quantity",
        "Số lượng",
        ("so_luong", "so_luong_ghi_chu", "quantity_text"),
        _D,
        'Originals and copies ("Bản chính: 1 / Bản sao: 0").',
    ),
)

_DS: Final[tuple[TableKind, ...]] = ("dossiers",)

#: Columns of the flat dossier format (CSV or JSON Lines), one dossier per row.
DOSSIER_COLUMNS: Final[tuple[ColumnSpec, ...]] = (
    ColumnSpec(
        "dossier_code",
        "Mã hồ sơ",
        ("ma_ho_so", "so_ho_so"),
        _DS,
        "Dossier code <agency>-YYMMDD-NNNN (Circular 01/2018/TT-VPCP Art. 19); other shapes "
        "are reported, not rejected.",
    ),
    ColumnSpec(
        "procedure_code",
        "Mã thủ tục",
        ("ma_thu_tuc", "ma_tthc", "procedure"),
        _DS,
        "Procedure code; joins the catalogue.",
    ),
    ColumnSpec(
        "agency",
        "Cơ quan tiếp nhận",
        ("co_quan", "don_vi", "agency_code", "ma_don_vi"),
        _DS,
        "Receiving agency (code or name).",
    ),
    ColumnSpec(
        "level",
        "Cấp tiếp nhận",
        ("cap", "cap_tiep_nhan", "agency_level"),
        _DS,
        "Level of the receiving agency; a district (cấp huyện) receipt on or after "
        "2025-07-01 is an error.",
    ),
    ColumnSpec(
        "channel",
        "Hình thức nộp",
        ("kenh", "hinh_thuc", "kenh_nop"),
        _DS,
        "Trực tiếp / Trực tuyến / Dịch vụ bưu chính (or counter / online / postal).",
    ),
    ColumnSpec(
        "received_at",
        "Ngày tiếp nhận",
        ("ngay_tiep_nhan", "ngay_nhan", "thoi_gian_tiep_nhan"),
        _DS,
        "Official receipt moment, Vietnam time (Decree 45/2020 Art. 11(1)).",
    ),
    ColumnSpec(
        "appointment_date",
        "Ngày hẹn trả",
        ("ngay_hen_tra", "ngay_hen_tra_ket_qua", "due_date"),
        _DS,
        "Appointment date printed on the receipt slip.",
    ),
    ColumnSpec(
        "end_at",
        "Ngày kết thúc",
        ("ngay_ket_thuc", "ngay_tra_ket_qua", "ngay_xu_ly_xong"),
        _DS,
        "When the dossier was finished (processed, returned, refused, withdrawn).",
    ),
    ColumnSpec(
        "status",
        "Trạng thái",
        ("trang_thai",),
        _DS,
        "received, in_progress, supplement_requested, processed, returned, refused, stopped, "
        "withdrawn (Vietnamese labels accepted).",
    ),
    ColumnSpec(
        "fee_paid_online",
        "Thanh toán trực tuyến",
        ("thanh_toan_truc_tuyen",),
        _DS,
        "Fee paid online (Decision 766/QĐ-TTg indicator 3.6).",
    ),
    ColumnSpec(
        "electronic_result",
        "Kết quả điện tử",
        ("ket_qua_dien_tu",),
        _DS,
        "An electronic result was issued (indicator 4.1).",
    ),
    ColumnSpec(
        "digitised_components",
        "Số hóa thành phần",
        ("so_hoa_thanh_phan", "so_hoa_ho_so"),
        _DS,
        "Digitised components attached (indicator 4.2).",
    ),
    ColumnSpec(
        "digitised_data_reused",
        "Tái sử dụng dữ liệu số",
        ("tai_su_dung_du_lieu", "tai_su_dung_du_lieu_so"),
        _DS,
        "Digitised data reused (indicator 4.3).",
    ),
    ColumnSpec(
        "complaint",
        "Phản ánh, kiến nghị",
        ("phan_anh_kien_nghi", "khieu_nai"),
        _DS,
        "A complaint or 'dislike' was received (indicator 5.4).",
    ),
    ColumnSpec(
        "events",
        "Nhật ký",
        ("nhat_ky", "event_log"),
        _DS,
        "Optional event log: a JSON list of {kind, at, actor?, note?, new_due_date?}.",
    ),
)


def _qualified(header: str) -> tuple[str, str] | None:
    """(header, bracket text) of a header ending in a bracket: "Phí (nếu có)"."""
    m = _QUALIFIER.match(header)
    return (m["base"], m["what"].strip()) if m else None


def _lookup(index: Mapping[str, str], header: str) -> str | None:
    """The key of ``header`` in ``index`` (folded names), trying it without a closing
    bracket when it is not found as written."""
    key = index.get(header_key(header))
    if key is None:
        q = _qualified(header)
        if q is not None:
            key = index.get(header_key(q[0]))
    return key


def header_unit(header: str) -> DefaultUnit | None:
    """The unit a time column's header states in a closing bracket, else ``None``.

    The bracket is read by the processing-time parser, so every spelling it knows works;
    the unit must be one :data:`~procedurekit.phrases.parse.DefaultUnit` names (a week or a
    year is not one).

    >>> header_unit("Thời hạn giải quyết (ngày làm việc)")
    'working_days'
    >>> header_unit("Thời gian giải quyết (Ngày)"), header_unit("Thời hạn (giờ)")
    ('calendar_days', 'working_hours')
    >>> header_unit("Phí, lệ phí (nếu có)") is None
    True
    """
    q = _qualified(header)
    if q is None or not q[1] or q[1][0].isdigit():
        return None
    from procedurekit.durations import CalendarDays, Months, WorkingDays, WorkingHours
    from procedurekit.errors import DurationParseError
    from procedurekit.phrases import parse_duration

    try:
        d = parse_duration(f"1 {q[1]}")
    except DurationParseError:
        return None
    units: dict[type, DefaultUnit] = {
        WorkingDays: "working_days",
        CalendarDays: "calendar_days",
        WorkingHours: "working_hours",
        Months: "months",
    }
    unit = units.get(type(d))
    return unit if unit is not None and getattr(d, "value", None) == 1 else None


def resolve_headers(
    headers: Sequence[str],
    columns: Iterable[ColumnSpec],
    *,
    table: TableKind | None = None,
    column_map: Mapping[str, str] | None = None,
) -> tuple[list[str | None], list[str]]:
    """Map each header to a column key, or ``None`` when unknown.

    Returns the keys in header order and the list of unknown headers. A key met twice keeps
    its first column; later duplicates are returned as unknown. ``table`` restricts the
    columns to those allowed in that table; ``column_map`` (folded header → key, from
    :func:`check_column_map`) is looked up first.
    """
    index: dict[str, str] = {}
    for spec in columns:
        if table is not None and table not in spec.tables:
            continue
        for name in spec.names():
            index.setdefault(name, spec.key)
    keys: list[str | None] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for header in headers:
        key = None
        if isinstance(header, str):
            if column_map:
                key = column_map.get(header_key(header))
            key = key or _lookup(index, header)
        if key is None or key in seen:
            keys.append(None)
            unknown.append(header)
        else:
            seen.add(key)
            keys.append(key)
    return keys, unknown


@functools.lru_cache(maxsize=4096)
def column_key(header: str, table: TableKind | None = None) -> str | None:
    """The catalogue column key of one header (no duplicate handling), or ``None``."""
    keys, _ = resolve_headers([header], CATALOGUE_COLUMNS, table=table)
    return keys[0]


def check_column_map(
    mapping: Mapping[str, str], columns: Iterable[ColumnSpec] | None = None
) -> dict[str, str]:
    """A user's column map (header text → column key) checked, its headers folded.

    The keys are those of ``columns`` (default: the catalogue's and the dossier format's;
    a catalogue reader uses the entries naming catalogue keys, the dossier reader those
    naming dossier keys). Raises :class:`~procedurekit.errors.InvalidArgumentError` naming
    a key that is not a column of ``columns`` (and listing the valid ones), or a header
    mapped twice.

    >>> check_column_map({"Tên TTHC đầy đủ": "name", "Số biên nhận": "dossier_code"})
    {'ten_tthc_day_du': 'name', 'so_bien_nhan': 'dossier_code'}
    """
    specs = (*CATALOGUE_COLUMNS, *DOSSIER_COLUMNS) if columns is None else tuple(columns)
    valid = list(dict.fromkeys(spec.key for spec in specs))
    out: dict[str, str] = {}
    for header, key in mapping.items():
        if not isinstance(header, str) or not header_key(header):
            raise InvalidArgumentError(
                f"column map: the header {header!r} is empty once folded",
                path="columns",
                value=header,
                expected="a header text such as 'Tên TTHC'",
            )
        if not isinstance(key, str) or key not in valid:
            raise InvalidArgumentError(
                f"column map: {header!r} maps to {key!r}, which is not a column key; valid "
                f"keys: {', '.join(valid)}",
                path=f"columns[{header!r}]",
                value=key,
                expected=f"one of {', '.join(valid)}",
            )
        folded = header_key(header)
        if folded in out and out[folded] != key:
            raise InvalidArgumentError(
                f"column map: {header!r} is mapped to both {out[folded]!r} and {key!r}",
                path=f"columns[{header!r}]",
                value=key,
                expected="one key per header",
            )
        out[folded] = key
    return out


def column_map_for(
    mapping: Mapping[str, str] | None, columns: Iterable[ColumnSpec]
) -> dict[str, str]:
    """The entries of a column map (checked, see :func:`check_column_map`) that name a
    column of ``columns``, their headers folded."""
    if not mapping:
        return {}
    keys = {spec.key for spec in columns}
    return {h: k for h, k in check_column_map(mapping).items() if k in keys}


def header_counter(column_map: Mapping[str, str] | None = None) -> Callable[[list[str]], int]:
    """How many known columns (catalogue or dossier, or named by ``column_map``: folded
    header → key) a row of cell texts names; a workbook's header row names two or more."""
    cmap = dict(column_map or {})

    def count(texts: list[str]) -> int:
        keys, _ = resolve_headers(texts, (*CATALOGUE_COLUMNS, *DOSSIER_COLUMNS), column_map=cmap)
        return sum(k is not None for k in keys)

    return count


def read_column_map(path: str | os.PathLike[str]) -> dict[str, str]:
    """Read a column map from a TOML file: a ``[columns]`` table of header = key, the keys
    of the catalogue or of the dossier format.

    ::

        [columns]
        "Tên TTHC đầy đủ" = "name"
        "Thời hạn (ngày làm việc)" = "processing_time"
        "Số biên nhận" = "dossier_code"

    Returns the map as written (pass it as ``columns=`` to the readers, which check it with
    :func:`check_column_map`). Raises :class:`~procedurekit.errors.InputFileError` for a
    file that cannot be read or is not TOML, and
    :class:`~procedurekit.errors.InvalidArgumentError` for a map of another shape.
    """
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputFileError(
            f"{p}: cannot read the column map ({exc.strerror or exc})",
            path=str(p),
            expected="a readable TOML file",
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputFileError(
            f"{p}: the column map is not TOML ({exc})",
            path=str(p),
            expected='a TOML file: [columns] then lines such as "Tên TTHC" = "name"',
        ) from exc
    table = data.get("columns")
    others = sorted(k for k in data if k != "columns")
    if not isinstance(table, dict) or others:
        raise InvalidArgumentError(
            f"{p}: a column map is one [columns] table"
            + (f"; unexpected {', '.join(repr(k) for k in others)}" if others else ""),
            path=str(p),
            value=others or None,
            expected='[columns] then lines such as "Tên TTHC" = "name"',
        )
    for header, key in table.items():
        if not isinstance(key, str):
            raise InvalidArgumentError(
                f"{p}: {header!r} maps to {key!r}; a column key is a string",
                path=f"columns[{header!r}]",
                value=key,
                expected='a column key such as "name"',
            )
    return dict(table)


def columns_markdown(columns: Iterable[ColumnSpec]) -> str:
    """A Markdown table of ``columns``: key, Vietnamese label, accepted aliases, meaning."""
    lines = [
        "| key | portal label | also accepted | tables | meaning |",
        "|---|---|---|---|---|",
    ]
    for spec in columns:
        aliases = ", ".join(f"`{a}`" for a in spec.aliases) or "–"
        desc = spec.description.replace("|", "\\|")
        lines.append(
            f"| `{spec.key}` | {spec.label} | {aliases} | {', '.join(spec.tables)} | {desc} |"
        )
    return "\n".join(lines) + "\n"
