from __future__ import annotations

from mtqa.findings import Applicability, Edit, Finding, Fix, Severity
from mtqa.sourcemap import TextBuilder

SOURCE = "<p>caf&#233; in kyiv</p>\n<p>Next</p>"


def build() -> tuple[str, TextBuilder]:
    builder = TextBuilder(SOURCE)
    builder.verbatim(3, 6)  # caf
    builder.replaced("é", 6, 12)  # &#233;
    builder.verbatim(12, 20)  # " in kyiv"
    builder.synthetic("\n\n")
    builder.verbatim(28, 32)  # Next
    return builder.build()[0], builder


def finding(start: int, end: int, *edits: Edit) -> Finding:
    fix = Fix(tuple(edits), Applicability.SAFE) if edits else None
    return Finding("X001", "x", Severity.ERROR, "Fluency", start, end, "m", fix)


def test_offsets_map_into_segments_entities_and_gaps() -> None:
    text, builder = build()
    source_map = builder.build()[1]
    assert text == "café in kyiv\n\nNext"
    assert source_map.segments == ((0, 3, 3), (3, 6, 0), (4, 12, 8), (14, 28, 4))
    kyiv = text.index("kyiv")
    assert SOURCE[source_map.start(kyiv) : source_map.end(kyiv + 4)] == "kyiv"
    assert SOURCE[source_map.start(3) : source_map.end(4)] == "&#233;"  # the é covers its entity
    assert SOURCE[source_map.start(0) : source_map.end(4)] == "caf&#233;"
    # the synthetic blank line maps to the tags between the paragraphs
    assert SOURCE[source_map.start(12) : source_map.end(14)] == "</p>\n<p>"


def test_edits_move_only_inside_one_verbatim_segment() -> None:
    text, builder = build()
    source_map = builder.build()[1]
    kyiv = text.index("kyiv")
    assert source_map.edit(Edit(kyiv, kyiv + 1, "K")) == Edit(16, 17, "K")
    assert source_map.edit(Edit(3, 4, "e")) is None  # the decoded entity: the source differs
    assert source_map.edit(Edit(12, 15, "")) is None  # across the synthetic separator
    assert source_map.edit(Edit(12, 12, "!")) == Edit(20, 20, "!")  # an insertion at a segment's end
    moved = source_map.finding(finding(kyiv, kyiv + 4, Edit(kyiv, kyiv + 1, "K")))
    assert (moved.start, moved.end, moved.fix) == (16, 20, Fix((Edit(16, 17, "K"),), Applicability.SAFE))
    dropped = source_map.finding(finding(0, 4, Edit(0, 4, "cafe")))
    assert (dropped.start, dropped.end, dropped.fix) == (3, 12, None)
