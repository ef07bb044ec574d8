"""Builders of small hostile input files for the tests: workbooks written part by part (so
a test controls every byte of the XML), and a subprocess probe of time and memory.

Every file is built by the test that uses it, in its temporary folder; nothing is copied
from real data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"


def column(index: int) -> str:
    """Spreadsheet letters of a 0-based column index."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def cell_xml(ref: str, value: Any) -> str:
    """One ``<c>`` element: text inline, numbers as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def rows_xml(rows: Sequence[Sequence[Any]], *, first_row: int = 1) -> str:
    """``<row>`` elements of ``rows`` (lists of cell values) from row ``first_row``."""
    out = []
    for r, values in enumerate(rows, first_row):
        cells = "".join(cell_xml(f"{column(c)}{r}", v) for c, v in enumerate(values))
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def sheet_xml(body: str, *, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>') -> str:
    """A worksheet part around ``body`` (the content of ``<sheetData>``)."""
    return f'{prolog}<worksheet xmlns="{_NS}"><sheetData>{body}</sheetData></worksheet>'


def _content_types(shared_strings: object, styles: object) -> str:
    sml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = [
        ("/xl/workbook.xml", f"{sml}.sheet.main+xml"),
        ("/xl/worksheets/sheet1.xml", f"{sml}.worksheet+xml"),
    ]
    if shared_strings is not None:
        parts.append(("/xl/sharedStrings.xml", f"{sml}.sharedStrings+xml"))
    if styles is not None:
        parts.append(("/xl/styles.xml", f"{sml}.styles+xml"))
    overrides = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in parts)
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )


Part = str | bytes | Iterable[bytes]


def _write_part(z: zipfile.ZipFile, name: str, data: Part) -> None:
    if isinstance(data, str | bytes):
        z.writestr(name, data)
        return
    with z.open(name, "w", force_zip64=True) as f:  # streamed: a large part costs no memory
        for chunk in data:
            f.write(chunk)


def write_xlsx(
    path: Path,
    sheet: Part,
    *,
    shared_strings: Part | None = None,
    styles: str | None = None,
    extra: Mapping[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """A workbook of one sheet ``sheet`` (the worksheet part's XML, or chunks of it),
    built part by part."""
    rels = [f'<Relationship Id="rId1" Type="{_R}/worksheet" Target="worksheets/sheet1.xml"/>']
    if shared_strings is not None:
        rels.append(
            f'<Relationship Id="rId2" Type="{_R}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    if styles is not None:
        rels.append(f'<Relationship Id="rId3" Type="{_R}/styles" Target="styles.xml"/>')
    with zipfile.ZipFile(path, "w", compression, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _content_types(shared_strings, styles))
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{_PR}"><Relationship Id="rId1" '
            f'Type="{_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{_NS}" xmlns:r="{_R}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{_PR}">{"".join(rels)}</Relationships>',
        )
        _write_part(z, "xl/worksheets/sheet1.xml", sheet)
        if shared_strings is not None:
            _write_part(z, "xl/sharedStrings.xml", shared_strings)
        if styles is not None:
            z.writestr("xl/styles.xml", styles)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def probe(code: str, *, timeout: float = 120) -> dict[str, Any]:
    """Run ``code`` (Python, indented freely) in a fresh interpreter; it prints one JSON
    object last. Returns that object with ``seconds`` (wall time of the code) and
    ``peak_mib`` (the process's peak resident memory since it started) added."""
    script = textwrap.dedent(
        """
        import json, resource, sys, time
        _t0 = time.perf_counter()
        def _peak_mib():
            # VmHWM is this process's own peak since exec; ru_maxrss may keep the parent's
            # (Linux preserves it across execve), so it is only the fallback.
            try:
                with open("/proc/self/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            return int(line.split()[1]) / 1024
            except OSError:
                pass
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            return rss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        def _done(**found):
            found["seconds"] = time.perf_counter() - _t0
            found["peak_mib"] = _peak_mib()
            print(json.dumps(found, default=str))
        """
    ) + textwrap.dedent(code)
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"probe failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def repeated(head: str, unit: bytes, size: int, tail: str) -> Iterator[bytes]:
    """``head``, then ``unit`` repeated to about ``size`` bytes, then ``tail``: the chunks of
    a part that compresses to almost nothing."""
    yield head.encode()
    block = unit * max(1, (1 << 20) // len(unit))
    written = 0
    while written < size:
        yield block
        written += len(block)
    yield tail.encode()
