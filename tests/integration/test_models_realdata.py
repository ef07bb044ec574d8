"""Real catalogue records load into Procedure objects without losing any field's text.

Reads ../shared/realdata (see its README); skipped when the folder is absent.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from _paths import REALDATA

import procedurekit as pk
from procedurekit.io import catalogue_procedures, read_catalogue
from procedurekit.models import Level, Procedure

# Portal record key → Procedure field that keeps its text verbatim.
PORTAL_FIELDS = {
    "ten_thu_tuc": "name",
    "so_quyet_dinh": "publication_decision",
    "cap_thuc_hien": "level_text",
    "loai_thu_tuc": "kind",
    "linh_vuc": "field",
    "doi_tuong_thuc_hien": "subjects",
    "co_quan_co_tham_quyen": "competent_agency",
    "dia_chi_tiep_nhan": "reception_address",
    "co_quan_duoc_uy_quyen": "authorised_agency",
    "co_quan_phoi_hop": "coordinating_agency",
    "thu_tuc_lien_quan": "related_procedures",
    "trinh_tu_thuc_hien": "steps_text",
    "cach_thuc_thuc_hien": "channels_text",
    "thanh_phan_ho_so": "components_text",
    "can_cu_phap_ly": "legal_basis_text",
    "co_quan_thuc_hien": "implementing_agency",
    "yeu_cau_dieu_kien": "requirements",
    "ket_qua_xu_ly": "result",
    "detail_url": "source_url",
    "formality_id": "source_id",
}
#: Scrape bookkeeping, not procedure text.
PORTAL_IGNORED = {"_ministry_folder"}

CURATED_FIELDS = {
    "ten_thu_tuc": "name",
    "linh_vuc": "field",
    "cap_thuc_hien": "level_text",
    "loai_thu_tuc": "kind",
    "so_quyet_dinh_cong_bo": "publication_decision",
    "co_quan_co_tham_quyen": "competent_agency",
    "co_quan_thuc_hien": "implementing_agency",
    "doi_tuong_thuc_hien": "subjects",
    "thanh_phan_ho_so_raw": "components_text",
    "ket_qua": "result",
    "can_cu_phap_ly_raw": "legal_basis_text",
    "trinh_tu_raw": "steps_text",
}
#: Handled below (lists), derived numbers, or provenance.
CURATED_OTHER = {
    "ma_thu_tuc",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "can_cu_phap_ly_so_hieu",
    "muc_do_dvctt",
    "source",
}


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip("../shared/realdata not present")
    return path


def _kept(text: object) -> str | None:
    """A cell as the reader keeps it: stripped, empty as ``None``."""
    return text.strip() if isinstance(text, str) and text.strip() else None


def _by_code(path: Path) -> dict[str, Procedure]:
    """Every procedure of a catalogue file, through the one reader and the one mapper."""
    out = {}
    for p in catalogue_procedures(read_catalogue(path)):
        out[p.code.value if p.code else p.local_code or ""] = p
    return out


def _code_kept(record: Mapping[str, Any], p: Procedure) -> None:
    raw = record["ma_thu_tuc"]
    assert (p.code.value if p.code else p.local_code) == raw


@pytest.fixture(scope="module")
def curated_procedures() -> dict[str, Procedure]:
    return _by_code(_need(REALDATA / "curated_42_procedures.json"))


@pytest.fixture(scope="module")
def portal_procedures() -> dict[str, Procedure]:
    return _by_code(_need(REALDATA / "dvc_national_2026" / "procedures_raw.jsonl.gz"))


@pytest.fixture(scope="module")
def curated() -> list[dict[str, Any]]:
    with _need(REALDATA / "curated_42_procedures.json").open(encoding="utf-8") as f:
        records: list[dict[str, Any]] = json.load(f)
    return records


@pytest.fixture(scope="module")
def portal() -> list[dict[str, Any]]:
    path = _need(REALDATA / "dvc_national_2026" / "procedures_raw.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_curated_records_lose_no_text(
    curated: list[dict[str, Any]], curated_procedures: dict[str, Procedure]
) -> None:
    assert len(curated) == 42
    assert len(curated_procedures) == 42
    for record in curated:
        assert set(record) <= set(CURATED_FIELDS) | CURATED_OTHER, set(record)
        p = curated_procedures[record["ma_thu_tuc"]]
        _code_kept(record, p)
        for key, attr in CURATED_FIELDS.items():
            assert getattr(p, attr) == _kept(record.get(key)), (record["ma_thu_tuc"], key)
        assert len(p.channels) == len(record["cach_thuc_thuc_hien"])
        for terms, raw in zip(p.channels, record["cach_thuc_thuc_hien"], strict=True):
            assert terms.channel_text == raw["kenh"]
            assert terms.time_text == _kept(raw["thoi_han_raw"])
            assert terms.fee_text == _kept(raw["phi_le_phi_va_mo_ta_raw"])
        for component, raw in zip(p.components, record.get("thanh_phan_ho_so") or [], strict=True):
            assert component.name == raw["ten_giay_to"]
            assert component.form == _kept(raw["mau_don"])
            assert component.quantity_text == _kept(raw["so_luong"])
        numbers = [n for n in record.get("can_cu_phap_ly_so_hieu") or [] if n.strip()]
        if numbers:
            assert [r.number for r in p.legal_basis] == numbers
        assert pk.from_json(Procedure, pk.to_json(p)) == p


def test_curated_levels_codes_and_times(curated_procedures: dict[str, Procedure]) -> None:
    procedures = list(curated_procedures.values())
    assert all(p.levels for p in procedures)
    district = [p for p in procedures if Level.DISTRICT in p.levels]
    assert len(district) == 10
    assert all(p.code is None and p.local_code for p in district)
    assert sum(1 for p in procedures if p.code is not None) == 32
    parsed = [t for p in procedures for t in p.channels if t.processing_time is not None]
    assert len(parsed) >= 80  # of 92 channel rows; the text is kept for every one


def test_portal_sample_loses_no_text(
    portal: list[dict[str, Any]], portal_procedures: dict[str, Procedure]
) -> None:
    assert len(portal) == 2642
    sample = random.Random(2026).sample(portal, 200)
    for record in sample:
        assert set(record) <= set(PORTAL_FIELDS) | PORTAL_IGNORED | {"ma_thu_tuc"}
        p = portal_procedures[record["ma_thu_tuc"]]
        _code_kept(record, p)
        for key, attr in PORTAL_FIELDS.items():
            assert getattr(p, attr) == _kept(record.get(key)), (record["ma_thu_tuc"], key)
        body = record["cach_thuc_thuc_hien"].removeprefix("Hình thức nộpThời gianPhí, lệ phíMô tả")
        assert p.channels
        if p.channels:  # the split pieces give the cell back
            joined = "".join(
                (t.channel_text or "")
                + (t.time_text or "")
                + (t.fee_text or "")
                + (t.description or "")
                for t in p.channels
            )
            assert "".join(joined.split()) == "".join(body.split())  # whitespace aside
        assert pk.from_json(Procedure, pk.to_json(p)) == p


def test_whole_portal_catalogue_loads(portal_procedures: dict[str, Procedure]) -> None:
    procedures = list(portal_procedures.values())
    assert len(procedures) == 2642
    assert all(p.code is not None for p in procedures)
    with_levels = sum(1 for p in procedures if p.levels)
    assert with_levels == len(procedures)  # "Cơ quan khác" is Level.OTHER
    assert all(Level.DISTRICT not in p.levels for p in procedures)  # two-tier snapshot
    channels = sum(len(p.channels) for p in procedures)
    assert channels == 7120  # as many channel rows as the portal's own export
