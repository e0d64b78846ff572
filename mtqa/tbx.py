"""TBX (TermBase eXchange, ISO 30042) import and export of glossaries, in the TBX-Basic dialect.

One ``termEntry`` per glossary entry; in its ``langSet`` the preferred form is a ``preferredTerm``, the
rejected variants ``deprecatedTerm`` and the accepted ones ``admittedTerm`` (``administrativeStatus``).
The entry type goes in ``subjectField``, case sensitivity and context words in ``descrip`` elements,
the note in ``note``. XML is parsed with ``defusedxml``: no external entities, no entity expansion.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from mtqa.glossary import TYPES, Entry, GlossaryError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "reject": "deprecatedTerm-admn-sts",
    "accept": "admittedTerm-admn-sts",
}


def export_tbx(entries: list[Entry]) -> str:
    """Serialise ``entries`` as a TBX-Basic document."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(ET.SubElement(ET.SubElement(martif, "martifHeader"), "fileDesc"), "sourceDesc")
    ET.SubElement(header, "p").text = "Exported by mtqa from its glossaries"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for number, entry in enumerate(entries, 1):
        term_entry = ET.SubElement(body, "termEntry", {"id": f"e{number}"})
        ET.SubElement(term_entry, "descrip", {"type": "subjectField"}).text = entry.type
        ET.SubElement(term_entry, "descrip", {"type": "caseSensitivity"}).text = (
            "sensitive" if entry.case_sensitive else "insensitive"
        )
        if entry.context:
            ET.SubElement(term_entry, "descrip", {"type": "context"}).text = "|".join(entry.context)
        if entry.note:
            ET.SubElement(term_entry, "note").text = entry.note
        lang_set = ET.SubElement(term_entry, "langSet", {XML_LANG: entry.lang})
        terms = [("preferred", entry.preferred)]
        terms += [("reject", v) for v in entry.reject] + [("accept", v) for v in entry.accept]
        for kind, term in terms:
            tig = ET.SubElement(lang_set, "tig")
            ET.SubElement(tig, "term").text = term
            ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = STATUS[kind]
    ET.indent(martif)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"


def import_tbx(data: bytes, source: str) -> list[Entry]:
    """Read glossary entries from a TBX document; raise GlossaryError naming ``source`` and the problem."""
    from defusedxml import ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    try:
        root = SafeET.fromstring(data)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise GlossaryError(f"{source}: not a readable TBX file: {exc}") from None
    entries = []
    for number, term_entry in enumerate(root.iter("termEntry"), 1):
        where = f"{source}: termEntry {term_entry.get('id', number)}"
        descrips = {d.get("type"): (d.text or "").strip() for d in term_entry.iter("descrip")}
        kind = descrips.get("subjectField") or "term"
        if kind not in TYPES:
            kind = "term"
        note = (term_entry.findtext("note") or "").strip()
        for lang_set in term_entry.iter("langSet"):
            lang = lang_set.get(XML_LANG) or lang_set.get("lang") or "en"
            terms: dict[str, list[str]] = {"preferred": [], "reject": [], "accept": []}
            for tig in lang_set.iter("tig"):
                term = (tig.findtext("term") or "").strip()
                status = next(
                    (n.text or "" for n in tig.iter("termNote") if n.get("type") == "administrativeStatus"), ""
                )
                kind_of_term = next((k for k, v in STATUS.items() if status.startswith(v.split("-")[0])), "accept")
                if term:
                    terms[kind_of_term].append(term)
            if not terms["preferred"]:
                raise GlossaryError(f"{where}: no preferredTerm in langSet {lang!r}")
            entries.append(
                Entry(
                    preferred=terms["preferred"][0],
                    reject=tuple(terms["reject"]),
                    accept=tuple(terms["accept"] + terms["preferred"][1:]),
                    type=kind,
                    lang=lang,
                    case_sensitive=descrips.get("caseSensitivity", "sensitive") != "insensitive",
                    context=tuple(w for w in descrips.get("context", "").split("|") if w),
                    note=note,
                    source=where,
                )
            )
    return entries
