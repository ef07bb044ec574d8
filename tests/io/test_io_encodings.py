"""Legacy encodings: --encoding cp1258/tcvn3/vni, detection reported once, and a plain
word when the text looks typed in a Vietnamese font encoding."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procedurekit.cli import EXIT_FINDINGS, EXIT_USAGE, main
from procedurekit.errors import InvalidArgumentError
from procedurekit.io import iter_dossiers, read_catalogue
from procedurekit.io._fontmaps import _VNI_BASES, _VNI_MARKS, _VNI_SINGLE, TCVN3, from_vni
from procedurekit.io.encodings import check_encoding, font_encoding_hint, line_decoder

LOWER = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
CATALOGUE = "Mã số,Tên,Thời hạn giải quyết\n" + "".join(
    f"1.00000{i},Đăng ký khai sinh cho trẻ {i},3 ngày làm việc\n" for i in range(1, 9)
)


def to_tcvn3(text: str) -> bytes:
    """Unicode text as a TCVN3 (ABC font) file: the inverse of the reader's table."""
    inverse = {v: k for k, v in TCVN3.items()}
    return "".join(inverse.get(c, c) for c in unicodedata.normalize("NFC", text)).encode("cp1252")


def to_vni(text: str) -> bytes:
    """Unicode text as a VNI font file: the inverse of the reader's rules."""
    inverse: dict[str, str] = {}
    for base in _VNI_BASES:
        for mark in _VNI_MARKS:
            out = from_vni(base + mark)
            if len(out) == 1:
                inverse.setdefault(out, base + mark)
    for k, v in _VNI_SINGLE.items():
        inverse.setdefault(v, k)
    return "".join(inverse.get(c, c) for c in unicodedata.normalize("NFC", text)).encode("cp1252")


def to_cp1258(text: str) -> bytes:
    """Unicode text as Windows-1258: a precomposed letter where the code page has one, else
    a base letter and combining tone marks (as Windows writes it)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for m in marks:
            head = unicodedata.normalize("NFC", base + m)
            try:
                encoded = head.encode("cp1258")
            except UnicodeEncodeError:
                continue
            if len(head) == 1:
                base, marks = head, [x for x in marks if x != m]
                break
            del encoded
        out += base.encode("cp1258") + "".join(marks).encode("cp1258")
    return bytes(out)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_every_vietnamese_letter_round_trips_through_the_font_tables() -> None:
    tcvn3 = line_decoder("tcvn3")
    vni = line_decoder("vni")
    assert tcvn3(to_tcvn3(LOWER)) == LOWER
    assert tcvn3(to_tcvn3("ĂÂĐÊÔƠƯ")) == "ĂÂĐÊÔƠƯ"  # the uppercase letters TCVN3 has
    assert vni(to_vni(LOWER)) == LOWER
    assert vni(to_vni(LOWER.upper())) == LOWER.upper()
    assert len({*TCVN3.values()}) == len(TCVN3)  # one byte per letter, none twice


@given(st.text(alphabet=LOWER + " ,.0123456789-", max_size=60))
def test_font_encoded_text_decodes_back(text: str) -> None:
    assert line_decoder("tcvn3")(to_tcvn3(text)) == text
    assert line_decoder("vni")(to_vni(text)) == text


def test_cp1258_is_nfc_after_decoding() -> None:
    data = to_cp1258("Thời hạn giải quyết")
    assert b"\xcc" in data or b"\xd2" in data  # a combining mark byte: Windows' own way
    assert line_decoder("cp1258")(data) == "Thời hạn giải quyết"


@pytest.mark.parametrize(
    ("name", "writer"), [("cp1258", to_cp1258), ("tcvn3", to_tcvn3), ("vni", to_vni)]
)
def test_read_catalogue_with_an_encoding(tmp_path: Path, name: str, writer: object) -> None:
    p = tmp_path / f"{name}.csv"
    p.write_bytes(writer(CATALOGUE))  # type: ignore[operator]
    cat = read_catalogue(p, encoding=name)
    assert [pr.name for pr in cat.procedures][:1] == ["Đăng ký khai sinh cho trẻ 1"]
    codes = {f.code for f in cat.findings}
    assert codes.isdisjoint({"encoding-error", "encoding-detected", "font-encoded-text"})
    assert "unknown-column" not in codes  # the Vietnamese headers are recognised


def test_a_windows_1258_file_is_detected_in_one_finding(tmp_path: Path) -> None:
    p = tmp_path / "cp.csv"
    p.write_bytes(to_cp1258(CATALOGUE))
    _code, text = run("validate", str(p), "--format", "json")
    report = json.loads(text)
    by_code = report["stats"]["findings_by_code"]
    assert by_code["encoding-detected"] == 1
    assert "encoding-error" not in by_code
    assert "unknown-column" not in by_code
    (f,) = [f for f in report["findings"] if f["code"] == "encoding-detected"]
    assert "cp1258" in f["message"]
    assert "--encoding" in f["message"]
    assert report["stats"]["procedures"] == 8


@pytest.mark.parametrize(("name", "writer"), [("tcvn3", to_tcvn3), ("vni", to_vni)])
def test_font_encoded_text_is_said_plainly(tmp_path: Path, name: str, writer: object) -> None:
    p = tmp_path / f"{name}.csv"
    p.write_bytes(writer(CATALOGUE))  # type: ignore[operator]
    code, text = run("validate", str(p), "--format", "json")
    assert code == EXIT_FINDINGS
    report = json.loads(text)
    (f,) = [f for f in report["findings"] if f["code"] == "font-encoded-text"]
    assert f["severity"] == "error"
    assert f"--encoding {name}" in f["message"]
    code, text = run("validate", str(p), "--format", "json", "--encoding", name)
    fixed = json.loads(text)
    assert "font-encoded-text" not in fixed["stats"]["findings_by_code"]
    assert fixed["stats"]["procedures"] == 8


def test_tcvn3_text_saved_as_utf8_is_recognised_and_converted(tmp_path: Path) -> None:
    p = tmp_path / "saved.csv"
    p.write_text(to_tcvn3(CATALOGUE).decode("cp1252"), encoding="utf-8")
    cat = read_catalogue(p)
    assert "font-encoded-text" in {f.code for f in cat.findings}
    converted = read_catalogue(p, encoding="tcvn3")
    assert converted.procedures[0].name == "Đăng ký khai sinh cho trẻ 1"


def test_without_the_detector_one_finding_asks_for_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)  # import fails
    p = tmp_path / "cp.csv"
    p.write_bytes(to_cp1258(CATALOGUE))
    cat = read_catalogue(p)
    codes = [f.code for f in cat.findings]
    assert codes.count("encoding-unknown") == 1
    assert "encoding-error" not in codes  # not one finding per line
    (f,) = [f for f in cat.findings if f.code == "encoding-unknown"]
    assert "--encoding" in f.message
    assert "procedurekit[encodings]" in f.message


def test_dossiers_and_audit_take_an_encoding(tmp_path: Path) -> None:
    cat = tmp_path / "cat.csv"
    cat.write_text("Mã số,Tên,Thời hạn giải quyết\n1.000001,A,3 ngày làm việc\n", "utf-8")
    d = tmp_path / "d.csv"
    d.write_bytes(
        to_cp1258(
            "Mã hồ sơ,Mã thủ tục,Cơ quan,Ngày tiếp nhận,Trạng thái\n"
            "X-260316-0001,1.000001,Sở Tư pháp,16/03/2026 09:00,Đang xử lý\n"
        )
    )
    records = list(iter_dossiers(d, encoding="cp1258"))
    assert records[0].agency == "Sở Tư pháp"
    _code, text = run(
        "audit", str(d), "--catalogue", str(cat), "--encoding", "cp1258", "--format", "json",
        "--as-of", "2026-03-17",
    )  # fmt: skip
    by_code = json.loads(text)["stats"]["findings_by_code"]
    assert "encoding-detected" not in by_code
    assert "unknown-column" not in by_code


def test_an_unknown_encoding_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="unknown encoding 'klingon'"):
        check_encoding("klingon")
    p = tmp_path / "c.csv"
    p.write_text(CATALOGUE, "utf-8")
    with pytest.raises(SystemExit) as exc:
        run("validate", str(p), "--encoding", "klingon")
    assert exc.value.code == EXIT_USAGE
    j = tmp_path / "c.json"
    j.write_text("[]", "utf-8")
    with pytest.raises(InvalidArgumentError, match="RFC 8259"):
        read_catalogue(j, encoding="cp1258")


def test_vietnamese_text_gives_no_font_hint() -> None:
    assert font_encoding_hint(CATALOGUE) is None
    assert font_encoding_hint("Diện tích 3×4 m², phí 50.000 đ") is None  # a stray symbol


def test_a_workbook_typed_in_a_tcvn3_font_is_reported_and_converted(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in CATALOGUE.splitlines():
        sheet.append(to_tcvn3(line).decode("cp1252").split(","))
    p = tmp_path / "tcvn3.xlsx"
    book.save(p)
    cat = read_catalogue(p)
    (f,) = [f for f in cat.findings if f.code == "font-encoded-text"]
    assert "--encoding tcvn3" in f.message
    assert cat.findings[0].code == "font-encoded-text"  # the top finding
    fixed = read_catalogue(p, encoding="tcvn3")
    assert fixed.procedures[0].name == "Đăng ký khai sinh cho trẻ 1"
    assert "unknown-column" not in {f.code for f in fixed.findings}
