"""``mtqa eval --html``: a one-page, self-contained HTML report (inline SVG and CSS, no external assets)."""

from __future__ import annotations

from html import escape

from mtqa.evaluation import EvalReport, Tally

BAR_WIDTH = 260
ROW_HEIGHT = 34


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def bar_chart(families: dict[str, Tally]) -> str:
    """An inline SVG with a precision bar and a recall bar per rule family."""
    label_width, height = 110, ROW_HEIGHT * len(families) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + BAR_WIDTH + 60}" height="{height}" '
        'role="img" aria-label="precision and recall per rule family">',
        '<rect x="0" y="0" width="12" height="10" fill="#3b6ea8"/><text x="16" y="9" font-size="11">precision</text>',
        '<rect x="90" y="0" width="12" height="10" fill="#d08a2e"/><text x="106" y="9" font-size="11">recall</text>',
    ]
    for row, (name, tally) in enumerate(families.items()):
        y = 24 + row * ROW_HEIGHT
        parts.append(f'<text x="0" y="{y + 13}" font-size="12">{escape(name)}</text>')
        for offset, (value, colour) in enumerate(((tally.precision, "#3b6ea8"), (tally.recall, "#d08a2e"))):
            top = y + offset * 14
            width = round(BAR_WIDTH * (value or 0.0), 1)
            parts.append(f'<rect x="{label_width}" y="{top}" width="{width}" height="12" fill="{colour}"/>')
            parts.append(
                f'<text x="{label_width + width + 4}" y="{top + 10}" font-size="10">{escape(_cell(value))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _table(rows: list[tuple[str, Tally]]) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in ("scope", "findings", "TP", "gold", "found", "fixed", "precision", "recall", "F1", "fix accuracy")
    )
    body = "".join(
        f"<tr><td>{escape(name)}</td><td>{t.findings}</td><td>{t.true_findings}</td><td>{t.annotations}</td>"
        f"<td>{t.found}</td><td>{t.fixed}</td><td>{_cell(t.precision)}</td><td>{_cell(t.recall)}</td>"
        f"<td>{_cell(t.f1)}</td><td>{_cell(t.fix_accuracy)}</td></tr>"
        for name, t in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(report: EvalReport) -> str:
    """The report page: the per-family chart, the metric tables, quality and reference metrics."""
    rows = [("overall", report.overall), *((f"family {k}", v) for k, v in report.families.items())]
    rows += [(f"MQM {k}", v) for k, v in report.categories.items()]
    sections = [
        "<h2>Precision and recall per rule family</h2>",
        bar_chart(report.families),
        "<h2>Metrics</h2>",
        _table(rows),
        "<h2>Quality (MQM-style score)</h2><ul>",
        *(f"<li>{escape(d.path)}: {d.score:.1f} ({d.points:g} points, {d.words} words)</li>" for d in report.quality),
        f"<li><b>corpus: {report.corpus_quality:.1f}</b></li></ul>",
    ]
    refs = report.references
    if refs is not None:
        sections.append("<h2>Reference metrics</h2><table><thead><tr><th>system</th><th>BLEU</th><th>chrF++</th>")
        sections.append("<th>TER</th></tr></thead><tbody>")
        sections += [
            f"<tr><td>{escape(s.name)}</td><td>{s.bleu:.2f}</td><td>{s.chrf:.2f}</td><td>{s.ter:.2f}</td></tr>"
            for s in refs.systems
        ]
        sections.append("</tbody></table><ul>")
        sections += [f"<li>{escape(k)}: <code>{escape(v)}</code></li>" for k, v in refs.signatures.items()]
        sections.append("</ul>")
    style = (
        "body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
        "td:first-child,th:first-child{text-align:left}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>mtqa eval</title>'
        f"<style>{style}</style></head><body><h1>mtqa eval: {report.stories} stories, "
        f"{report.overall.annotations} annotations, {report.overall.findings} findings</h1>"
        + "".join(sections)
        + "</body></html>\n"
    )
