"""A small writer of tagged PDF pages: filled rectangles, lines of text and page links.

The poster is laid out by our own planner (every box and every line is placed already), so
writing its PDF needs no layout engine — only this: pages of drawn items, a structure tree in
reading order, and embedded subsets of TrueType fonts.

What the file holds, so the PDF/UA-1 claim stays true:

* every piece of text is marked content belonging to an element of the structure tree
  (``Document`` > ``Sect`` > ``H1``/``H2``/``P``/``L``/``LI``/``LBody``/``Link``…), in the
  tree's reading order; decoration (backgrounds, borders, bullets, page numbers) is marked as
  an artifact;
* the fonts are embedded (TrueType subsets, as CIDFontType2 with Identity-H) with a
  ``ToUnicode`` map, so text can be extracted and read aloud; every distinct character gets its
  own character code, so extraction is lossless even for a character the font lacks (drawn as
  the replacement character, never as ``.notdef``);
* the catalogue has ``/MarkInfo``, ``/StructTreeRoot``, ``/Lang``, ``/ViewerPreferences``
  ``/DisplayDocTitle`` and XMP metadata with ``dc:title`` and ``pdfuaid:part`` 1;
* links are ``/Link`` annotations with a text alternative (``/Contents``), referenced from
  their ``Link`` element; pages use the structure order for tabbing (``/Tabs /S``).

Output is deterministic: no dates, a file identifier derived from the content.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

PT = 25.4 / 72  # millimetres per point


# --- What is drawn ---------------------------------------------------------------------------


@dataclass
class Text:
    """A run of text; ``x``/``y`` is the start of its baseline in millimetres from the page's
    top-left corner, ``size`` in points, ``spacing`` extra room after each character (pt)."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    italic: bool = False
    colour: str = "#1b1b1b"
    spacing: float = 0.0


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass
class Link:
    """A clickable area (millimetres) that goes to ``target`` (a page index and a height on
    that page in millimetres from its top); ``label`` is its text alternative."""

    x: float
    y: float
    w: float
    h: float
    target: tuple[int, float]
    label: str


@dataclass
class Node:
    """An element of the structure tree: a standard tag and, in reading order, its children:
    elements, text runs (with the page they are on) and links."""

    tag: str
    children: list[Node | tuple[int, Text] | tuple[int, Link]] = field(default_factory=list)
    #: Extra entries of the structure element: ``alt`` for a figure's text alternative,
    #: ``scope`` ("Column"/"Row") for a table header cell.
    alt: str = ""
    scope: str = ""

    def add(self, tag: str, *, alt: str = "", scope: str = "") -> Node:
        child = Node(tag, alt=alt, scope=scope)
        self.children.append(child)
        return child


@dataclass
class Page:
    """One page: decoration drawn first (artifacts), then the structure's text on top."""

    width: float  # millimetres
    height: float
    artifacts: list[Rect | Text] = field(default_factory=list)


def hex_colour(value: str) -> tuple[float, float, float]:
    """``#rrggbb`` as three numbers from 0 to 1; anything else is refused."""
    text = value.strip()
    if len(text) != 7 or text[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in text[1:]):
        raise ValueError(f"colour must be #rrggbb, got {value!r}")
    return tuple(int(text[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


# --- Fonts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FontFile:
    """A TrueType font: its bytes, and what embedding it needs."""

    name: str  # PostScript name
    data: bytes
    gids: dict[int, int]  # code point -> glyph id
    advances: tuple[int, ...]  # per glyph id, in font units
    units: int
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    tables: dict[str, tuple[int, int]]  # tag -> (offset, length)
    loca: tuple[int, ...]


@cache
def load_font(path: Path) -> FontFile:
    """Read a TrueType font once per process (fontTools only for its character map)."""
    from fontTools.ttLib import TTFont

    data = path.read_bytes()
    font = TTFont(path, lazy=True)
    cmap = font.getBestCmap()
    order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    gids = {code: order[name] for code, name in cmap.items() if name in order}
    head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
    advances = tuple(font["hmtx"].metrics[name][0] for name in font.getGlyphOrder())
    tables = {}
    (count,) = struct.unpack_from(">H", data, 4)
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        tables[tag.decode("latin-1")] = (offset, length)
    glyphs = len(advances)
    offset, _length = tables["loca"]
    if head.indexToLocFormat:
        loca = struct.unpack_from(f">{glyphs + 1}I", data, offset)
    else:
        loca = tuple(2 * v for v in struct.unpack_from(f">{glyphs + 1}H", data, offset))
    return FontFile(
        name=str(font["name"].getDebugName(6) or path.stem).replace(" ", ""),
        data=data,
        gids=gids,
        advances=advances,
        units=head.unitsPerEm,
        bbox=(head.xMin, head.yMin, head.xMax, head.yMax),
        ascent=hhea.ascent,
        descent=hhea.descent,
        cap_height=getattr(os2, "sCapHeight", 0) or round(0.73 * head.unitsPerEm),
        tables=tables,
        loca=tuple(loca),
    )


_KEEP_TABLES = ("cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep")


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def subset(font: FontFile, wanted: set[int]) -> bytes:
    """The font with only the outlines of ``wanted`` glyphs (and their components), glyph ids
    unchanged: what a PDF needs to embed (no character map, names or layout tables)."""
    data, loca = font.data, font.loca
    glyf_offset, _ = font.tables["glyf"]
    keep = {0} | {g for g in wanted if 0 <= g < len(font.advances)}
    todo = list(keep)
    while todo:  # composite glyphs draw other glyphs: keep those too
        gid = todo.pop()
        start, end = loca[gid], loca[gid + 1]
        if end - start < 10:
            continue
        (contours,) = struct.unpack_from(">h", data, glyf_offset + start)
        if contours >= 0:
            continue
        position = glyf_offset + start + 10
        while True:
            flags, component = struct.unpack_from(">HH", data, position)
            if component not in keep:
                keep.add(component)
                todo.append(component)
            position += 4 + (4 if flags & 0x0001 else 2)
            if flags & 0x0008:
                position += 2
            elif flags & 0x0040:
                position += 4
            elif flags & 0x0080:
                position += 8
            if not flags & 0x0020:
                break
    glyf = bytearray()
    offsets = []
    for gid in range(len(font.advances)):
        offsets.append(len(glyf))
        if gid in keep:
            glyf += data[glyf_offset + loca[gid] : glyf_offset + loca[gid + 1]]
            glyf += b"\0" * (-len(glyf) % 4)
    offsets.append(len(glyf))
    tables: dict[str, bytes] = {}
    for tag in _KEEP_TABLES:
        if tag in font.tables:
            offset, length = font.tables[tag]
            tables[tag] = data[offset : offset + length]
    tables["glyf"] = bytes(glyf)
    tables["loca"] = struct.pack(f">{len(offsets)}I", *offsets)
    head = bytearray(tables["head"])
    head[8:12] = b"\0\0\0\0"  # checkSumAdjustment: recomputed below
    head[50:52] = struct.pack(">h", 1)  # long loca offsets
    tables["head"] = bytes(head)
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(
        ">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    records = bytearray()
    body = bytearray()
    offset = 12 + 16 * count
    for tag in tags:
        table = tables[tag]
        records += struct.pack(
            ">4sIII", tag.encode("latin-1"), _checksum(table), offset + len(body), len(table)
        )
        body += table + b"\0" * (-len(table) % 4)
    out = bytearray(header + records + body)
    adjustment = (0xB1B0AFBA - _checksum(bytes(out))) & 0xFFFFFFFF
    head_at = (
        12
        + 16 * count
        + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[: tags.index("head")])
    )
    out[head_at + 8 : head_at + 12] = struct.pack(">I", adjustment)
    return bytes(out)


class _UsedFont:
    """A font as used in one PDF: every distinct character gets a code (CID) from 1 up."""

    def __init__(self, font: FontFile, resource: str) -> None:
        self.font = font
        self.resource = resource
        self.codes: dict[str, int] = {}

    def encode(self, text: str) -> str:
        codes = self.codes
        out = []
        for char in text:
            code = codes.get(char)
            if code is None:
                code = codes[char] = len(codes) + 1
            out.append(f"{code:04X}")
        return "".join(out)

    def glyph(self, char: str) -> int:
        """The glyph drawn for ``char``: a character the font lacks shows the replacement
        character (never ``.notdef``, which PDF/UA forbids) and still reads as itself."""
        gids = self.font.gids
        return gids.get(ord(char)) or gids.get(0xFFFD, 0)


# --- The file --------------------------------------------------------------------------------


class Ref:
    __slots__ = ("number",)

    def __init__(self, number: int) -> None:
        self.number = number


class Name(str):
    """A PDF name (written ``/Name``)."""


def _string(text: str) -> bytes:
    """A PDF text string: UTF-16BE with a byte order mark, as hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _number(value: float) -> bytes:
    if isinstance(value, int):
        return str(value).encode("ascii")
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return (text if text not in ("-0", "") else "0").encode("ascii")


def serialise(value: object) -> bytes:
    if isinstance(value, Ref):
        return f"{value.number} 0 R".encode("ascii")
    if isinstance(value, Name):
        return b"/" + value.encode("ascii")
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bytes):  # already serialised (literal strings we built ourselves)
        return value
    if isinstance(value, dict):
        items = b" ".join(
            b"/" + key.encode("ascii") + b" " + serialise(v) for key, v in value.items()
        )
        return b"<<" + items + b">>"
    if isinstance(value, list | tuple):
        return b"[" + b" ".join(serialise(v) for v in value) + b"]"
    if value is None:
        return b"null"
    raise TypeError(f"cannot write {type(value).__name__} into a PDF")


class _Writer:
    def __init__(self) -> None:
        self.objects: list[bytes | None] = []

    def reserve(self) -> Ref:
        self.objects.append(None)
        return Ref(len(self.objects))

    def put(self, ref: Ref, value: object) -> Ref:
        self.objects[ref.number - 1] = serialise(value)
        return ref

    def add(self, value: object) -> Ref:
        return self.put(self.reserve(), value)

    def stream(
        self, data: bytes, extra: dict[str, object] | None = None, *, compress: bool = True
    ) -> Ref:
        info: dict[str, object] = dict(extra or {})
        if compress:
            data = zlib.compress(data, 6)
            info["Filter"] = Name("FlateDecode")
        info["Length"] = len(data)
        ref = self.reserve()
        self.objects[ref.number - 1] = serialise(info) + b"\nstream\n" + data + b"\nendstream"
        return ref

    def finish(self, root: Ref, info: Ref) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            assert body is not None, f"object {number} was reserved but never written"
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode("ascii")
        out += b"".join(f"{offset:010d} 00000 n \n".encode("ascii") for offset in offsets)
        identifier = hashlib.sha256(bytes(out)).hexdigest()[:32].upper().encode("ascii")
        trailer = {
            "Size": len(offsets) + 1,
            "Root": root,
            "Info": info,
            "ID": [b"<" + identifier + b">", b"<" + identifier + b">"],
        }
        out += b"trailer\n" + serialise(trailer) + f"\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
        return bytes(out)


def _walk_runs(node: Node) -> Iterator[tuple[Node, int, Text | Link]]:
    for child in node.children:
        if isinstance(child, Node):
            yield from _walk_runs(child)
        else:
            yield node, child[0], child[1]


def _xmp(title: str, language: str) -> bytes:
    title_xml = xml_escape(title)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title_xml}</rdf:li></rdf:Alt>'
        "</dc:title>"
        f"<dc:language><rdf:Bag><rdf:li>{xml_escape(language)}</rdf:li></rdf:Bag></dc:language>"
        "<pdf:Producer>Grenzeloos</pdf:Producer><xmp:CreatorTool>Grenzeloos</xmp:CreatorTool>"
        "<pdfuaid:part>1</pdfuaid:part>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


def write_pdf(
    pages: list[Page],
    document: Node,
    *,
    title: str,
    language: str,
    fonts: dict[bool, FontFile],
    author: str = "",
) -> bytes:
    """The pages as a tagged PDF: ``document`` is the root of the structure tree (reading
    order); ``fonts`` the regular (False) and bold (True) font; italics are slanted."""
    writer = _Writer()
    used = {bold: _UsedFont(font, f"F{int(bold) + 1}") for bold, font in fonts.items()}
    page_refs = [writer.reserve() for _ in pages]
    pages_ref = writer.reserve()
    struct_root = writer.reserve()

    # The structure tree: one object per element, parents known before children are written.
    element_refs: dict[int, Ref] = {}
    parents: dict[int, Ref] = {}
    order: list[Node] = []

    def number(node: Node, parent: Ref) -> None:
        element_refs[id(node)] = writer.reserve()
        parents[id(node)] = parent
        order.append(node)
        for child in node.children:
            if isinstance(child, Node):
                number(child, element_refs[id(node)])

    number(document, struct_root)

    # Content: per page, artifacts first, then every text run in reading order, each its own
    # marked-content sequence.
    streams: list[list[bytes]] = [[] for _ in pages]
    mcids: list[list[Ref]] = [[] for _ in pages]  # page -> MCID -> element
    kids: dict[int, list[object]] = {id(node): [] for node in order}
    annotations: list[list[Ref]] = [[] for _ in pages]
    parent_tree: list[tuple[int, object]] = []
    next_key = len(pages)

    def text_ops(run: Text, height: float) -> bytes:
        font = used[run.bold]
        red, green, blue = hex_colour(run.colour)
        x, y = run.x / PT, height - run.y / PT
        skew = 0.2 if run.italic else 0
        spacing = f"{_number(run.spacing).decode()} Tc "  # text state outlives ET: always set
        return (
            f"BT /{font.resource} {_number(run.size).decode()} Tf {spacing}"
            f"{_number(red).decode()} {_number(green).decode()} {_number(blue).decode()} rg "
            f"1 0 {skew} 1 {_number(x).decode()} {_number(y).decode()} Tm "
            f"<{font.encode(run.text)}> Tj ET"
        ).encode("ascii")

    for index, page in enumerate(pages):
        height = page.height / PT
        ops = streams[index]
        for decoration in page.artifacts:
            if isinstance(decoration, Rect):
                red, green, blue = hex_colour(decoration.fill)
                ops.append(
                    b"/Artifact BMC "
                    + " ".join(_number(v).decode() for v in (red, green, blue)).encode("ascii")
                    + b" rg "
                    + " ".join(
                        _number(v).decode()
                        for v in (
                            decoration.x / PT,
                            height - (decoration.y + decoration.h) / PT,
                            decoration.w / PT,
                            decoration.h / PT,
                        )
                    ).encode("ascii")
                    + b" re f EMC"
                )
            else:
                ops.append(b"/Artifact BMC " + text_ops(decoration, height) + b" EMC")

    for node, page_index, item in _walk_runs(document):
        element = element_refs[id(node)]
        page_ref = page_refs[page_index]
        if isinstance(item, Text):
            mcid = len(mcids[page_index])
            mcids[page_index].append(element)
            height = pages[page_index].height / PT
            streams[page_index].append(
                f"/{node.tag} <</MCID {mcid}>> BDC ".encode("ascii")
                + text_ops(item, height)
                + b" EMC"
            )
            kids[id(node)].append({"Type": Name("MCR"), "Pg": page_ref, "MCID": mcid})
        else:
            height = pages[page_index].height / PT
            target_page, target_y = item.target
            annotation = writer.add(
                {
                    "Type": Name("Annot"),
                    "Subtype": Name("Link"),
                    "F": 4,  # print
                    "Rect": [
                        item.x / PT,
                        height - (item.y + item.h) / PT,
                        (item.x + item.w) / PT,
                        height - item.y / PT,
                    ],
                    "Border": [0, 0, 0],
                    "Contents": item.label,
                    "Dest": [
                        page_refs[target_page],
                        Name("XYZ"),
                        0,
                        pages[target_page].height / PT - target_y / PT,
                        0,
                    ],
                    "StructParent": next_key,
                    "P": page_ref,
                }
            )
            parent_tree.append((next_key, element))
            next_key += 1
            annotations[page_index].append(annotation)
            kids[id(node)].append({"Type": Name("OBJR"), "Obj": annotation, "Pg": page_ref})

    for node in order:
        children: list[object] = []
        position = 0
        own = kids[id(node)]
        for child in node.children:
            if isinstance(child, Node):
                children.append(element_refs[id(child)])
            else:
                children.append(own[position])
                position += 1
        entries: dict[str, object] = {
            "Type": Name("StructElem"),
            "S": Name(node.tag),
            "P": parents[id(node)],
            "K": children,
        }
        if node.alt:
            entries["Alt"] = node.alt
        if node.scope:
            entries["A"] = {"O": Name("Table"), "Scope": Name(node.scope)}
        writer.put(element_refs[id(node)], entries)
    nums: list[object] = []
    for index, refs in enumerate(mcids):
        nums += [index, list(refs)]
    for key, link_element in parent_tree:
        nums += [key, link_element]
    writer.put(
        struct_root,
        {
            "Type": Name("StructTreeRoot"),
            "K": [element_refs[id(document)]],
            "ParentTree": writer.add({"Nums": nums}),
            "ParentTreeNextKey": next_key,
        },
    )

    # Fonts: subsets of what was used.
    font_refs = {}
    for font in used.values():
        font_refs[font.resource] = _embed_font(writer, font)

    resources = writer.add({"Font": font_refs})
    for index, page in enumerate(pages):
        content = writer.stream(b"\n".join(streams[index]))
        entry: dict[str, object] = {
            "Type": Name("Page"),
            "Parent": pages_ref,
            "MediaBox": [0, 0, page.width / PT, page.height / PT],
            "Resources": resources,
            "Contents": content,
            "StructParents": index,
            "Tabs": Name("S"),
        }
        if annotations[index]:
            entry["Annots"] = annotations[index]
        writer.put(page_refs[index], entry)
    writer.put(pages_ref, {"Type": Name("Pages"), "Kids": page_refs, "Count": len(pages)})
    metadata = writer.stream(
        _xmp(title, language), {"Type": Name("Metadata"), "Subtype": Name("XML")}, compress=False
    )
    root = writer.add(
        {
            "Type": Name("Catalog"),
            "Pages": pages_ref,
            "StructTreeRoot": struct_root,
            "MarkInfo": {"Marked": True},
            "Lang": language,
            "ViewerPreferences": {"DisplayDocTitle": True},
            "Metadata": metadata,
        }
    )
    described: dict[str, object] = {
        "Title": title,
        "Producer": "Grenzeloos",
        "Creator": "Grenzeloos",
    }
    if author:
        described["Author"] = author
    info = writer.add(described)
    return writer.finish(root, info)


def _embed_font(writer: _Writer, used: _UsedFont) -> Ref:
    font = used.font
    scale = 1000 / font.units
    # A subset tag derived from the characters used, as PDF asks for subset fonts.
    digest = hashlib.sha256("".join(used.codes).encode("utf-8") + font.name.encode()).digest()
    tag = "".join(chr(65 + b % 26) for b in digest[:6])
    name = f"{tag}+{font.name}"
    glyphs = [used.glyph(char) for char in used.codes]  # in code order: code n -> glyphs[n-1]
    program = subset(font, set(glyphs))
    file = writer.stream(program, {"Length1": len(program)})
    descriptor = writer.add(
        {
            "Type": Name("FontDescriptor"),
            "FontName": Name(name),
            "Flags": 32,
            "FontBBox": [round(v * scale) for v in font.bbox],
            "ItalicAngle": 0,
            "Ascent": round(font.ascent * scale),
            "Descent": round(font.descent * scale),
            "CapHeight": round(font.cap_height * scale),
            "StemV": 80,
            "FontFile2": file,
        }
    )
    widths = [round(font.advances[g] * scale) for g in glyphs]
    cid_to_gid = b"\0\0" + b"".join(struct.pack(">H", g) for g in glyphs)
    cid_font = writer.add(
        {
            "Type": Name("Font"),
            "Subtype": Name("CIDFontType2"),
            "BaseFont": Name(name),
            "CIDSystemInfo": {"Registry": b"(Adobe)", "Ordering": b"(Identity)", "Supplement": 0},
            "FontDescriptor": descriptor,
            "DW": 1000,
            "W": [1, widths] if widths else [],
            "CIDToGIDMap": writer.stream(cid_to_gid),
        }
    )
    return writer.add(
        {
            "Type": Name("Font"),
            "Subtype": Name("Type0"),
            "BaseFont": Name(name),
            "Encoding": Name("Identity-H"),
            "DescendantFonts": [cid_font],
            "ToUnicode": writer.stream(_to_unicode(used.codes)),
        }
    )


def _to_unicode(codes: dict[str, int]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    items = list(codes.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [
            f"<{code:04X}> <{char.encode('utf-16-be').hex().upper()}>" for char, code in chunk
        ]
        lines.append("endbfchar")
    lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return "\n".join(lines).encode("ascii")
