"""Read an HTML report back with the standard library's parser, for structural tests.

:func:`parse` returns a :class:`Doc`: every element in document order (tag, attributes, its
text), the headings, the tables (header cells and body rows) and the position of each
element, so a test can say "this comes before that" and "this table has these columns".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    index: int
    parents: tuple[Element, ...]
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def inside(self, tag: str, cls: str | None = None) -> bool:
        return any(p.tag == tag and (cls is None or cls in p.classes) for p in self.parents)


@dataclass
class Table:
    head: list[str]
    rows: list[list[str]]
    label: str
    element: Element

    def column(self, name: str) -> list[str]:
        i = self.head.index(name)
        return [r[i] for r in self.rows]


@dataclass
class Doc:
    elements: list[Element] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def find(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and (cls is None or cls in e.classes)]

    def first(self, tag: str, cls: str | None = None) -> Element:
        found = self.find(tag, cls)
        assert found, f"no <{tag}{'.' + cls if cls else ''}>"
        return found[0]

    def headings(self, tag: str = "h2") -> list[str]:
        return [e.text for e in self.find(tag)]

    def table(self, label: str) -> Table:
        for t in self.tables:
            if t.label == label:
                return t
        raise AssertionError(f"no table {label!r}; have {[t.label for t in self.tables]}")

    def text(self) -> str:
        """The page's visible text (the ``<main>`` element's), whitespace collapsed."""
        return self.first("main").text


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = Doc()
        self.stack: list[Element] = []
        self.scroll_labels: list[str] = []
        self.cells: list[str] | None = None
        self.head: list[str] = []
        self.rows: list[list[str]] = []
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, len(self.doc.elements), tuple(self.stack))
        self.doc.elements.append(el)
        if tag == "table":
            self.head, self.rows = [], []
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.cells = []
        if tag not in _VOID:
            self.stack.append(el)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            el = self.stack.pop()
            el.text = " ".join(el.text.split())
            if el.tag in ("td", "th") and self.cells is not None:
                self.cells.append(el.text)
            if el.tag == "tr" and self.cells is not None:
                if self.in_head:
                    self.head = self.cells
                else:
                    self.rows.append(self.cells)
                self.cells = None
            if el.tag == "thead":
                self.in_head = False
            if el.tag == "table":
                box = next((p for p in reversed(el.parents) if "scroll" in p.classes), None)
                label = box.attrs.get("aria-label", "") if box is not None else ""
                self.doc.tables.append(Table(self.head, self.rows, label, el))
            if el.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for el in self.stack:
            el.text += data


def parse(html: str) -> Doc:
    """The elements, headings and tables of ``html``."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.doc
