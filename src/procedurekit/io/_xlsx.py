"""A streaming reader of XLSX worksheets: bounded memory, time linear in the file, no DTDs.

A workbook is a ZIP archive of XML parts. This reader parses the parts it needs (the
workbook, its relationships, the styles for date cells, the shared strings and one sheet)
with the standard library's expat, fed in chunks, so that:

- memory is bounded: a cell's text is kept up to ``max_cell_chars`` (a longer one is cut
  and reported), the shared strings are stored compactly (their UTF-8 bytes and one offset
  each), and no XML token may exceed ``max_line_bytes``;
- time is linear in the bytes of the parts, each bounded by ``max_decompressed_bytes``
  (checked against the archive's declared size before reading, and counted while reading);
  only the cells present in the XML cost anything: a sparse cell at row 1,048,576 and
  column XFD is one cell, never a filled-in rectangle;
- a document type declaration (hence any entity, internal or external) is refused, and
  every XML or archive error, at any point of the iteration, is an
  :class:`~procedurekit.errors.InputFileError`.

Values are read as openpyxl reads them: shared and inline strings as ``str``, numbers as
``int`` or ``float``, booleans as ``bool``, error values as their text (``#N/A``), and a
number in a date format as a ``datetime`` (or a ``time`` below 1), in the workbook's 1900
or 1904 date system.
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
import zlib
from array import array
from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta
from typing import IO, Any, Final
from xml.parsers import expat

from procedurekit.errors import InputFileError
from procedurekit.io._limits import ReadLimits

__all__ = ["SheetRow", "Workbook", "column_letter"]

_CHUNK: Final = 64 * 1024
_REL_OFFICE_DOCUMENT: Final = "/officeDocument"
_REL_WORKSHEET: Final = "/worksheet"
_REL_SHARED_STRINGS: Final = "/sharedStrings"
_REL_STYLES: Final = "/styles"
_CELL_REF: Final = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")
_XML_ESCAPE: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")
_BUILTIN_DATE_FORMATS: Final = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_FORMAT_STRIP: Final = re.compile(r'\[(?![hms]+\])[^\]]*\]|"[^"]*"|\\.|_.|\*.')
_FORMAT_DATE: Final = re.compile(r"[dmhysDMHYS]")
_EPOCH_1900: Final = datetime(1899, 12, 30)
_EPOCH_1904: Final = datetime(1904, 1, 1)
_LAST_SERIAL: Final = 2_958_465  # 9999-12-31 in the 1900 date system

#: One worksheet row as read: its 1-based number, its non-empty cells by 0-based column,
#: and the columns whose text was cut at ``max_cell_chars`` (with the length found).
SheetRow = tuple[int, dict[int, Any], dict[int, int]]


def column_letter(index: int) -> str:
    """The spreadsheet letters of a 0-based column index: 0 → ``A``, 16383 → ``XFD``."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def is_date_format(code: str) -> bool:
    """Whether an Excel number format shows a date or a time (``dd/mm/yyyy``, ``h:mm``)."""
    first = code.split(";", 1)[0]
    return _FORMAT_DATE.search(_FORMAT_STRIP.sub("", first)) is not None


def _local(name: str) -> str:
    """An element or attribute name without its namespace prefix."""
    return name.rpartition(":")[2]


def _unescape(text: str) -> str:
    """OOXML's ``_xHHHH_`` escapes (a carriage return is written ``_x000D_``) read back."""
    if "_x" not in text:
        return text
    return _XML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)


class _Strings:
    """The shared-string table, compact: UTF-8 bytes and one offset per string."""

    def __init__(self, *, wide: bool) -> None:
        self.data = bytearray()
        self.ends = array("Q" if wide else "I")
        self.cut: dict[int, int] = {}  # index -> length before cutting

    def append(self, text: str, cut_from: int | None) -> None:
        if cut_from is not None:
            self.cut[len(self.ends)] = cut_from
        self.data += text.encode("utf-8", "surrogatepass")
        self.ends.append(len(self.data))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> str:
        start = self.ends[i - 1] if i else 0
        return self.data[start : self.ends[i]].decode("utf-8", "surrogatepass")


class _Text:
    """Character data of one cell or string, kept up to a limit."""

    __slots__ = ("found", "limit", "parts", "size")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0
        self.found = 0

    def add(self, data: str) -> None:
        self.found += len(data)
        room = self.limit - self.size
        if room <= 0:
            return
        if len(data) > room:
            data = data[:room]
        self.parts.append(data)
        self.size += len(data)

    def take(self) -> tuple[str, int | None]:
        """The text kept, and the length found when it was cut (else ``None``)."""
        text = "".join(self.parts)
        cut = self.found if self.found > self.size else None
        self.parts, self.size, self.found = [], 0, 0
        return text, cut


class Workbook:
    """An XLSX file opened for streaming one sheet's rows (:meth:`rows`).

    ``fileobj`` is a seekable binary file (opened by the caller, who refuses special files);
    ``name`` is shown in errors. Raises :class:`InputFileError` for anything that is not a
    readable workbook.
    """

    def __init__(self, fileobj: IO[bytes], name: str, limits: ReadLimits) -> None:
        self.name = name
        self.limits = limits
        self._guard(lambda: self._open(fileobj))

    # -- errors ---------------------------------------------------------------------------

    def _error(self, message: str, *, part: str | None = None, value: Any = None) -> InputFileError:
        where = f"{self.name}" + (f" ({part})" if part else "")
        return InputFileError(
            f"{where}: {message}",
            path=self.name,
            value=value,
            expected="an .xlsx workbook saved by Excel or LibreOffice",
        )

    def _guard(self, action: Callable[[], None]) -> None:
        try:
            action()
        except InputFileError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
                NotImplementedError, ValueError, KeyError) as exc:  # fmt: skip
            raise self._error(f"cannot read the workbook ({type(exc).__name__}: {exc})") from exc

    # -- opening ---------------------------------------------------------------------------

    def _open(self, fileobj: IO[bytes]) -> None:
        try:
            self.zip = zipfile.ZipFile(fileobj)
        except zipfile.BadZipFile as exc:
            raise self._error(f"not a workbook (not a ZIP archive: {exc})") from exc
        names = set(self.zip.namelist())
        root = self._relationships("_rels/.rels", "") if "_rels/.rels" in names else {}
        book = next(
            (t for t, kind in root.values() if kind.endswith(_REL_OFFICE_DOCUMENT)),
            "xl/workbook.xml",
        )
        if book not in names:
            raise self._error(f"not a workbook (no {book} in the archive)")
        base = posixpath.dirname(book)
        rels_part = posixpath.join(base, "_rels", posixpath.basename(book) + ".rels")
        rels = self._relationships(rels_part, base) if rels_part in names else {}
        sheets, self.date1904 = self._workbook(book)
        self.sheets: list[tuple[str, str]] = []
        for sheet_name, rid in sheets:
            target, kind = rels.get(rid, ("", ""))
            if kind.endswith(_REL_WORKSHEET) and target in names:
                self.sheets.append((sheet_name, target))
        if not self.sheets:
            raise self._error("the workbook has no worksheet", part=book)
        strings = next((t for t, k in rels.values() if k.endswith(_REL_SHARED_STRINGS)), None)
        styles = next((t for t, k in rels.values() if k.endswith(_REL_STYLES)), None)
        self.date_styles = self._styles(styles) if styles in names and styles else frozenset()
        self.strings = _Strings(wide=self.limits.max_decompressed_bytes >= 2**32)
        if strings in names and strings:
            self._shared_strings(strings)

    def close(self) -> None:
        """Close the archive."""
        zip_ = getattr(self, "zip", None)
        if zip_ is not None:
            zip_.close()

    # -- parsing one part ------------------------------------------------------------------

    def _parse(
        self,
        part: str,
        start: Callable[[str, dict[str, str]], None],
        end: Callable[[str], None] | None = None,
        chars: Callable[[str], None] | None = None,
    ) -> Iterator[None]:
        """Feed ``part`` to expat in chunks, yielding after each; refuse DTDs, huge tokens,
        and parts larger than ``max_decompressed_bytes``."""
        try:
            info = self.zip.getinfo(part)
        except KeyError as exc:
            raise self._error("the part is missing from the archive", part=part) from exc
        limit = self.limits.max_decompressed_bytes
        if info.file_size > limit:
            raise self._error(
                f"decompresses to {info.file_size:,} bytes, more than the limit of {limit:,} "
                "(max_decompressed_bytes)",
                part=part,
                value=info.file_size,
            )
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.buffer_size = _CHUNK
        names: dict[str, str] = {}

        def refuse_dtd(*_: object) -> None:
            raise self._error(
                "an XML document type declaration (DTD) is not allowed in a workbook part; "
                "entities are refused",
                part=part,
            )

        def local(name: str) -> str:
            found = names.get(name)
            if found is None:
                found = _local(name)
                if len(names) < 256:
                    names[name] = found
            return found

        def on_start(name: str, attributes: dict[str, str]) -> None:
            start(names.get(name) or local(name), attributes)

        def on_end(name: str) -> None:
            end(names.get(name) or local(name))  # type: ignore[misc]

        parser.StartDoctypeDeclHandler = refuse_dtd
        parser.EntityDeclHandler = refuse_dtd
        parser.StartElementHandler = on_start
        if end is not None:
            parser.EndElementHandler = on_end
        if chars is not None:
            parser.CharacterDataHandler = chars
        read = 0
        with self.zip.open(info) as f:
            while True:
                chunk = f.read(_CHUNK)
                read += len(chunk)
                if read > limit:
                    raise self._error(
                        f"decompresses to more than the limit of {limit:,} bytes "
                        "(max_decompressed_bytes)",
                        part=part,
                    )
                try:
                    parser.Parse(chunk, not chunk)
                except expat.ExpatError as exc:
                    raise self._error(
                        f"not well-formed XML at line {exc.lineno}, column {exc.offset} "
                        f"({expat.ErrorString(exc.code)})",
                        part=part,
                    ) from exc
                # Bytes fed but not yet parsed: one token (a tag, a comment) still open.
                if read - max(parser.CurrentByteIndex, 0) > self.limits.max_line_bytes:
                    raise self._error(
                        f"one XML tag or comment is longer than the limit of "
                        f"{self.limits.max_line_bytes:,} bytes (max_line_bytes)",
                        part=part,
                    )
                yield
                if not chunk:
                    return

    def _drain(self, parsing: Iterator[None]) -> None:
        for _ in parsing:
            pass

    def _relationships(self, part: str, base: str) -> dict[str, tuple[str, str]]:
        found: dict[str, tuple[str, str]] = {}

        def start(name: str, a: dict[str, str]) -> None:
            if name == "Relationship" and "Id" in a:
                target = a.get("Target", "")
                if target.startswith("/"):
                    path = target.lstrip("/")
                else:
                    path = posixpath.normpath(posixpath.join(base, target))
                found[a["Id"]] = (path, a.get("Type", ""))

        self._drain(self._parse(part, start))
        return found

    def _workbook(self, part: str) -> tuple[list[tuple[str, str]], bool]:
        sheets: list[tuple[str, str]] = []
        date1904 = False

        def start(name: str, a: dict[str, str]) -> None:
            nonlocal date1904
            if name == "sheet":
                rid = next((v for k, v in a.items() if _local(k) == "id" and k != "sheetId"), "")
                sheets.append((a.get("name", ""), rid))
            elif name == "workbookPr":
                date1904 = a.get("date1904", "0").lower() in ("1", "true")

        self._drain(self._parse(part, start))
        return sheets, date1904

    def _styles(self, part: str) -> frozenset[int]:
        formats: dict[int, str] = {}
        xf_formats: list[int] = []
        inside = False

        def start(name: str, a: dict[str, str]) -> None:
            nonlocal inside
            if name == "numFmt":
                number = a.get("numFmtId", "")
                if number.isdigit() and len(number) < 10:
                    formats[int(number)] = a.get("formatCode", "")
            elif name == "cellXfs":
                inside = True
            elif name == "xf" and inside:
                try:
                    xf_formats.append(int(a.get("numFmtId", "0")))
                except ValueError:
                    xf_formats.append(0)

        def end(name: str) -> None:
            nonlocal inside
            if name == "cellXfs":
                inside = False

        self._drain(self._parse(part, start, end))
        dates = set()
        for i, fmt in enumerate(xf_formats):
            code = formats.get(fmt)
            if fmt in _BUILTIN_DATE_FORMATS or (code is not None and is_date_format(code)):
                dates.add(i)
        return frozenset(dates)

    def _shared_strings(self, part: str) -> None:
        text = _Text(self.limits.max_cell_chars)
        state = {"si": False, "t": False, "rph": False}
        strings = self.strings

        def start(name: str, a: dict[str, str]) -> None:
            if name == "si":
                state["si"] = True
            elif name == "rPh":
                state["rph"] = True
            elif name == "t" and state["si"] and not state["rph"]:
                state["t"] = True

        def end(name: str) -> None:
            if name == "t":
                state["t"] = False
            elif name == "rPh":
                state["rph"] = False
            elif name == "si":
                state["si"] = False
                value, cut = text.take()
                strings.append(_unescape(value), cut)

        def chars(data: str) -> None:
            if state["t"]:
                text.add(data)

        self._drain(self._parse(part, start, end, chars))

    # -- rows --------------------------------------------------------------------------------

    def sheet_part(self, sheet: str | None) -> tuple[str, str]:
        """The (name, part) of ``sheet``, or of the first worksheet."""
        if sheet is None:
            return self.sheets[0]
        for name, part in self.sheets:
            if name == sheet:
                return name, part
        listed = ", ".join(repr(n) for n, _ in self.sheets)
        raise InputFileError(
            f"{self.name}: no sheet named {sheet!r} (the workbook has {listed})",
            path=self.name,
            value=sheet,
            expected=f"one of {listed}",
        )

    def rows(self, part: str) -> Iterator[SheetRow]:
        """The rows of the worksheet ``part`` as written (a row element without a value
        gives an empty dict), in order; absent rows are skipped.

        Every error, whenever it happens, is an :class:`InputFileError`.
        """
        try:
            yield from self._rows(part)
        except InputFileError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
                NotImplementedError, ValueError, KeyError) as exc:  # fmt: skip
            raise self._error(
                f"cannot read the sheet ({type(exc).__name__}: {exc})", part=part
            ) from exc

    def _rows(self, part: str) -> Iterator[SheetRow]:
        limits = self.limits
        max_rows, max_columns = limits.max_sheet_rows, limits.max_sheet_columns
        done: list[SheetRow] = []
        text = _Text(limits.max_cell_chars)
        add = text.add
        strings = self.strings
        dates = self.date_styles
        date1904 = self.date1904
        row = 0
        col = -1
        cells: dict[int, Any] = {}
        cut: dict[int, int] = {}
        kind = "n"
        style = 0
        collect = in_is = rph = in_c = False

        def bad(message: str, value: Any = None) -> InputFileError:
            return self._error(message, part=part, value=value)

        def start(name: str, a: dict[str, str]) -> None:
            nonlocal row, col, cells, cut, kind, style, collect, in_is, rph, in_c
            if name == "c":
                ref = a.get("r")
                if ref is None:
                    col += 1
                elif len(ref) > 1 and "A" <= ref[0] <= "Z" and ref[1].isdigit():
                    col = ord(ref[0]) - 65  # the common case: one letter
                else:
                    m = _CELL_REF.fullmatch(ref)
                    if m is None:
                        raise bad(f"the cell reference {ref[:20]!r} is not a cell", ref[:20])
                    col = _column_index(m[1])
                if col >= max_columns:
                    raise bad(
                        f"a cell in column {column_letter(col)} (row {row}) is beyond the "
                        f"limit of {max_columns:,} columns (max_sheet_columns)",
                        ref,
                    )
                kind = a.get("t", "n")
                s = a.get("s")
                style = int(s) if s is not None and s.isdigit() and len(s) < 10 else 0
                in_c = True
            elif name == "v":
                collect = in_c
            elif name == "t":
                collect = in_is and not rph
            elif name == "is":
                in_is = True
            elif name == "rPh":
                rph = True
            elif name == "row":
                r = a.get("r")
                number = row + 1
                if r is not None:
                    if not r.isdigit() or len(r) > 9:
                        raise bad(f"the row number {r[:20]!r} is not a number", r[:20])
                    number = int(r)
                if number <= row:
                    raise bad(f"row {number} comes after row {row}; rows must be in order")
                if number > max_rows:
                    raise bad(
                        f"row {number:,} is beyond the limit of {max_rows:,} rows (max_sheet_rows)",
                        number,
                    )
                row, col = number, -1
                cells, cut = {}, {}

        def end(name: str) -> None:
            nonlocal cells, cut, collect, in_is, rph, in_c
            if name == "c":
                in_c = collect = False
                raw, was = text.take()
                value, was = _value(raw, was)
                if value is not None:
                    cells[col] = value
                    if was is not None:
                        cut[col] = was
            elif name == "v" or name == "t":
                collect = False
            elif name == "row":
                done.append((row, cells, cut))  # a row without a value is a blank line
                cells, cut = {}, {}
            elif name == "is":
                in_is = False
            elif name == "rPh":
                rph = False

        def chars(data: str) -> None:
            if collect:
                add(data)

        def _value(raw: str, was: int | None) -> tuple[Any, int | None]:
            if kind == "s":
                if not raw.strip().isdigit():
                    raise bad(f"the shared-string index {raw[:20]!r} is not a number", raw[:20])
                i = int(raw)
                if i >= len(strings):
                    raise bad(
                        f"a cell refers to shared string {i}, the table has {len(strings)}", i
                    )
                return strings[i], strings.cut.get(i)
            if kind in ("inlineStr", "str", "e"):
                return (_unescape(raw) if raw else None), was
            if not raw:
                return None, None
            if kind == "b":
                return raw.strip() in ("1", "true"), None
            if kind == "d":
                try:
                    return datetime.fromisoformat(raw.strip()), None
                except ValueError:
                    return raw, was
            return _number(raw, is_date=style in dates, date1904=date1904), was

        for _ in self._parse(part, start, end, chars):
            if done:
                yield from done
                done.clear()


def _number(raw: str, *, is_date: bool, date1904: bool) -> Any:
    text = raw.strip()
    try:
        number: int | float = float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        return raw
    if is_date and isinstance(number, int | float) and math.isfinite(number):
        return _excel_moment(float(number), date1904=date1904)
    return number


def _excel_moment(value: float, *, date1904: bool) -> datetime | time | float:
    """An Excel serial in a date format as openpyxl reads it (1900 or 1904 system)."""
    if not 0 <= value <= _LAST_SERIAL:
        return value
    day, fraction = divmod(value, 1)
    diff = timedelta(milliseconds=round(fraction * 86_400_000))
    if value < 1 and diff.days == 0:
        seconds = diff.seconds
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60, diff.microseconds)
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    if not date1904 and 0 < value < 60:
        day += 1  # Excel's 1900 leap-year bug: serials before 1900-03-01 are one day off
    try:
        return epoch + timedelta(days=day) + diff
    except OverflowError:
        return value
