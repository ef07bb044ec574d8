"""Metrics and the audit over partitioned dossier files on a Dask cluster (extra ``dask``).

Each partition (one file of the flat dossier format, ``docs/dossier-format.md``: a
directory of Parquet partitions is one partition per ``.parquet`` file; or one
block of :func:`~procedurekit.metrics.iter_facts_jsonl` lines) is counted into a
:class:`~procedurekit.metrics.MetricsAccumulator` on a worker; the accumulators are merged by
Dask's tree reduction (``Bag.fold``), and the rates and scores are taken once, on the client.
Counting is exact integer arithmetic, so the result equals the single-process one.

The audit works the same way: each partition is audited into an
:class:`~procedurekit.checks.AuditPartial` (counts, outcomes, findings by code, and the first
examples of each code in part order), the partials are merged by the same tree reduction
and the report is built once; it equals :func:`~procedurekit.checks.audit_files` over the
same files in one process.

Usage (a sketch; see ``docs/scale-out.md``)::

    from dask.distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
        result = metrics_dask(["part-0.jsonl", "part-1.jsonl"], as_of=date(2026, 7, 1))
        report = audit_dask(["part-0.jsonl", "part-1.jsonl"], ["catalogue.csv"],
                            as_of=date(2026, 7, 1))
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from procedurekit.checks._columnar import Engine, use_arrow
from procedurekit.checks.audit import AuditPartial, audit_partial
from procedurekit.deadlines.clock import FinancialObligationPolicy
from procedurekit.deadlines.rules import ReceiptPolicy
from procedurekit.errors import InvalidArgumentError, MissingExtraError
from procedurekit.findings import FindingSink
from procedurekit.io import iter_dossiers, read_catalogue, read_procedures
from procedurekit.io._parquet import is_parquet_dir, parquet_files
from procedurekit.judge import Judge
from procedurekit.metrics import (
    MetricsAccumulator,
    MetricsResult,
    ScoringConfig,
    facts_from_judgement,
    iter_facts_jsonl,
)
from procedurekit.metrics._columnar import metrics_file_arrow
from procedurekit.metrics._files import file_notes, finish
from procedurekit.phrases.parse import DefaultUnit

if TYPE_CHECKING:
    from procedurekit.findings import Report
    from procedurekit.io.catalogue import Catalogue
    from procedurekit.models.procedure import Procedure

__all__ = ["audit_dask", "count_dossier_file", "count_facts_lines", "metrics_dask"]


def _import_bag() -> Any:
    try:
        import dask.bag as db  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError.of("dask", "dask", "procedurekit.contrib.dask") from exc
    return db


def count_dossier_file(
    path: str,
    *,
    by: tuple[str, ...],
    config: ScoringConfig | None,
    as_of: date,
    procedures: Sequence[Procedure] | None,
    date_format: str | None = None,
    received_from: date | None = None,
    received_to: date | None = None,
    encoding: str | None = None,
    engine: Engine = "auto",
) -> MetricsAccumulator:
    """Count one flat dossier file (one partition) into a fresh accumulator, each row judged
    by :class:`procedurekit.judge.Judge` as in one process (``engine``: as
    :func:`~procedurekit.metrics.metrics_from_files` reads a file; a large CSV, JSON Lines or
    Parquet partition is read in columns)."""
    judge = Judge(procedures, as_of=as_of, received_from=received_from, received_to=received_to)
    acc = MetricsAccumulator(by=by, config=config)
    sink = FindingSink(max_examples=0)  # counts only
    if use_arrow(engine, path):
        reading = metrics_file_arrow(
            judge, sink, acc, path, facts_from_judgement, date_format=date_format,
            limits=None, sheet=None, columns=None, encoding=encoding,
        )  # fmt: skip
        if reading is not None:
            acc.columns |= reading.stream.columns
            acc.notes.update(file_notes(reading.stream, judge, sink.counts))
            return acc
    stream = iter_dossiers(path, date_format=date_format, sink=sink, encoding=encoding)
    for record in stream:
        j = judge.judge(record, sink)
        facts = facts_from_judgement(j) if j is not None else None
        if facts is not None:
            acc.add(facts)
    acc.columns |= stream.columns
    acc.notes.update(file_notes(stream, judge, sink.counts))
    return acc


def count_facts_lines(
    lines: Sequence[str], *, by: tuple[str, ...], config: ScoringConfig | None
) -> list[MetricsAccumulator]:
    """Count one partition of facts JSON Lines (as a one-element list for ``map_partitions``)."""
    acc = MetricsAccumulator(by=by, config=config)
    acc.add_many(iter_facts_jsonl(lines))
    return [acc]


def _merge(a: MetricsAccumulator, b: MetricsAccumulator) -> MetricsAccumulator:
    return a.merge(b)


def metrics_dask(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    as_of: date,
    by: str | Sequence[str] | None = None,
    catalogue: Sequence[str | os.PathLike[str]] = (),
    config: ScoringConfig | None = None,
    kind: Literal["dossiers", "facts"] = "dossiers",
    date_format: str | None = None,
    blocksize: str | int | None = "64MiB",
    received_from: date | None = None,
    received_to: date | None = None,
    encoding: str | None = None,
    engine: Engine = "auto",
) -> MetricsResult:
    """The metrics of partitioned files, counted on the current Dask scheduler.

    ``kind="dossiers"``: each path is one partition in the flat dossier format (CSV, JSON
    Lines or Parquet, as :func:`~procedurekit.io.iter_dossiers` reads it; a directory of
    Parquet partitions gives one partition per file, in path order); ``kind="facts"``: JSON Lines
    of :func:`~procedurekit.metrics.facts_from_record` objects (a glob is accepted), split
    into ``blocksize`` blocks. Runs on the ``dask.distributed`` client in use when there is
    one (``Client(LocalCluster(...))`` or a real cluster), else on Dask's default scheduler.
    ``encoding`` names how the dossier and catalogue files are written, and ``engine`` how
    each partition is read (a large CSV, JSON Lines or Parquet partition in columns, with
    the ``arrow`` extra on the workers), as in :func:`~procedurekit.metrics.metrics_from_files`.
    """
    db = _import_bag()
    names = _names(paths, "metrics_dask")
    groups = MetricsAccumulator(by=by).by
    procs: list[Procedure] = (
        list(read_procedures(*catalogue, encoding=encoding)) if catalogue else []
    )
    if kind == "dossiers":
        bag = db.from_sequence(names, npartitions=len(names)).map(
            count_dossier_file,
            by=groups,
            config=config,
            as_of=as_of,
            procedures=procs if catalogue else None,
            date_format=date_format,
            received_from=received_from,
            received_to=received_to,
            encoding=encoding,
            engine=engine,
        )
    elif kind == "facts":
        bag = db.read_text(names, blocksize=blocksize).map_partitions(
            count_facts_lines, by=groups, config=config
        )
    else:
        raise InvalidArgumentError(
            f"kind must be 'dossiers' or 'facts', got {kind!r}",
            path="kind",
            value=kind,
            expected="'dossiers'",
        )
    total: MetricsAccumulator = bag.fold(_merge).compute()
    result = total.result(catalogue=procs if catalogue else None, as_of=as_of)
    if kind == "dossiers":  # what metrics_from_files says of its file, from the parts
        result = finish(
            result,
            total.notes,
            total.columns,
            procs if catalogue else None,
            received_from=received_from,
            received_to=received_to,
        )
    return result


def _names(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], who: str) -> list[str]:
    """The partitions: each path, a directory of Parquet partitions giving its files."""
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    names: list[str] = []
    for p in given:
        if is_parquet_dir(Path(p)):
            names += [os.fspath(f) for f in parquet_files(Path(p))]
        else:
            names.append(os.fspath(p))
    if not names:
        raise InvalidArgumentError(
            f"{who} needs at least one path", path="paths", expected="['part-0.jsonl']"
        )
    return names


def _audit_part(item: tuple[int, str], catalogue: Catalogue, **options: Any) -> AuditPartial:
    part, path = item
    return audit_partial(path, catalogue, part=part, **options)


def _merge_audit(a: AuditPartial, b: AuditPartial) -> AuditPartial:
    return a.merge(b)


def audit_dask(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    catalogue_paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    as_of: date | None = None,
    date_format: str | None = None,
    receipt_policy: ReceiptPolicy = "as-submitted",
    default_unit: DefaultUnit | None = None,
    max_examples: int | None = 20,
    financial_obligation_pauses: FinancialObligationPolicy | bool = "if-excluded",
    received_from: date | None = None,
    received_to: date | None = None,
    encoding: str | None = None,
    engine: Engine = "auto",
) -> Report:
    """The audit of partitioned dossier files, run on the current Dask scheduler.

    Each path is one partition in the flat dossier format (CSV, JSON Lines or Parquet, as
    :func:`~procedurekit.io.iter_dossiers` reads it; a directory of Parquet partitions gives
    one partition per file, in path order), audited on a worker by
    :func:`~procedurekit.checks.audit_partial` with its position in ``paths`` as the part
    number; the :class:`~procedurekit.checks.AuditPartial` results are merged by tree
    reduction and the report is built on the client. The catalogue is read once, on the
    client, and sent to the workers; the partitions must be readable by every worker. The
    options are those of :func:`~procedurekit.checks.audit_files`, and so is the result:
    the same report as ``audit_files(paths, catalogue_paths, ...)`` in one process
    (``engine``: how each partition is read; a large partition in columns).
    """
    db = _import_bag()
    from dask.delayed import delayed  # type: ignore[import-not-found,unused-ignore]

    names = _names(paths, "audit_dask")
    files = (
        [catalogue_paths]
        if isinstance(catalogue_paths, str | os.PathLike)
        else list(catalogue_paths)
    )
    catalogue = read_catalogue(*files, default_unit=default_unit, encoding=encoding)
    shared = delayed(catalogue, traverse=False)  # one copy in the graph, not one per task
    bag = db.from_sequence(list(enumerate(names)), npartitions=len(names)).map(
        _audit_part,
        shared,
        as_of=as_of,
        date_format=date_format,
        receipt_policy=receipt_policy,
        default_unit=default_unit,
        max_examples=max_examples,
        financial_obligation_pauses=financial_obligation_pauses,
        received_from=received_from,
        received_to=received_to,
        encoding=encoding,
        engine=engine,
    )
    total: AuditPartial = bag.fold(_merge_audit).compute()
    return total.report()
