"""Every real catalogue in ../shared/realdata is read and validated without a crash.

Counts read equal the rows in the file (counted here with the csv/json modules), the
findings are plausible, and at least 95 % of the processing times that state a unit are
parsed. Skipped when ../shared/realdata is absent (as on a user's machine).
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

import pytest
from _paths import REALDATA

from procedurekit.checks import validate_files
from procedurekit.findings import Report

pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata not present")


def csv_rows(path: Path) -> int:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:  # type: ignore[operator]
        return sum(1 for _ in csv.DictReader(f))


def jsonl_rows(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return sum(1 for line in f if line.strip() and json.loads(line) is not None)


def check_share(report: Report, label: str) -> None:
    times = report.stats["processing_times"]
    sys.stderr.write(
        f"\n{label}: {times['parsed_stating_unit']}/{times['stating_unit']} times stating a "
        f"unit parsed ({times['parse_share']:.1%}); {times['parsed']}/{times['total']} overall\n"
    )
    assert times["parse_share"] >= 0.95


def test_official_export_lists() -> None:
    path = REALDATA / "dvc_national_2026" / "official_export_lists.csv"
    report = validate_files(path)
    assert report.stats["rows"] == csv_rows(path) == 2642
    assert report.stats["procedures"] == 2642
    by = report.stats["findings_by_code"]
    # The portal's list holds codes, names, agencies and fields only.
    assert by["missing-column"] == 7
    assert "duplicate-code" not in by
    assert "malformed-code" not in by
    assert set(by) <= {"missing-column", "missing-required-part"}
    assert {f.field for f in report.findings if f.code == "missing-required-part"} == {
        "implementing_agency"
    }


@pytest.mark.parametrize(
    "files",
    [
        ["procedures_raw.jsonl.gz"],
        ["procedures.csv.gz", "execution_methods.csv"],
        ["execution_methods.csv"],
    ],
)
def test_national_catalogue(files: list[str]) -> None:
    paths = [REALDATA / "dvc_national_2026" / f for f in files]
    report = validate_files(paths)
    expected_rows = sum(
        jsonl_rows(p) if p.name.endswith(".jsonl.gz") else csv_rows(p) for p in paths
    )
    assert report.stats["rows"] == expected_rows
    assert report.stats["procedures"] == 2642
    assert report.stats["channels"] == 7120
    by = report.stats["findings_by_code"]
    # The README's parse flags: 757 bare numbers ("1"), 334 "Không có thông tin" and
    # 104 numbers glued to a fee (time empty), 43 free-text times.
    assert by["bare-number-time"] == 757
    assert 334 + 104 <= by["missing-processing-time"] <= 334 + 104 + 43
    assert by.get("unparseable-processing-time", 0) <= 43
    assert "duplicate-code" not in by
    assert "malformed-code" not in by
    assert "district-level-after-reform" not in by
    assert by.get("negative-fee", 0) == 0
    check_share(report, "+".join(files))


def test_national_catalogue_bare_numbers_with_a_default_unit() -> None:
    path = REALDATA / "dvc_national_2026" / "execution_methods.csv"
    report = validate_files(path, default_unit="working_days")
    assert report.stats["findings_by_code"]["bare-number-time"] == 757
    assert report.stats["processing_times"]["bare_number"] == 757
    assert report.stats["processing_times"]["parsed"] >= 5882 + 757


def test_defence_ministry_catalogue() -> None:
    d = REALDATA / "dvc_bqp_2025"
    paths = [d / "procedures.csv", d / "execution_methods.csv", d / "dossier_components.csv"]
    report = validate_files(paths)
    assert [t["rows"] for t in report.stats["tables"]] == [csv_rows(p) for p in paths]
    assert [t["kind"] for t in report.stats["tables"]] == [
        "procedures",
        "channels",
        "components",
    ]
    assert report.stats["procedures"] == 207
    assert report.stats["channels"] == 462
    assert report.stats["components"] == 814
    by = report.stats["findings_by_code"]
    assert by["zero-time"] == 6  # "0 Giờ"
    assert "orphan-row" not in by
    assert "duplicate-code" not in by
    check_share(report, "dvc_bqp_2025")


def test_bacgiang_2016_district_catalogue() -> None:
    path = REALDATA / "bacgiang_hcc_2016" / "record_types_procedures.csv"
    report = validate_files(path)
    assert report.stats["rows"] == csv_rows(path) == 262
    by = report.stats["findings_by_code"]
    # Internal one-stop codes (CTH01A), not national codes.
    assert by["malformed-code"] == 262
    # 247 of 262 have a time text.
    assert by["missing-processing-time"] == 262 - 247
    # A historical catalogue: district level is valid before 2025-07-01 ...
    assert "district-level-after-reform" not in by
    # ... and CTH02A's time field holds a dossier list (a real data-entry error).
    bad = {f.value[:20] for f in report.findings if f.code == "unparseable-processing-time"}
    assert any(v.startswith("a) Thành phần hồ sơ") for v in bad)
    unknown = {f.field for f in report.findings if f.code == "unknown-column"}
    assert unknown == {"pk_record_type", "spec_code", "scope", "status"}
    check_share(report, "bacgiang_hcc_2016")
