"""``mtqa eval`` reports as text (tables) and JSON (for tracking over time)."""

from __future__ import annotations

import json

from mtqa.evaluation import EvalReport, Mark, Tally

HEADER = (
    f"{'scope':<52} {'findings':>8} {'TP':>4} {'gold':>5} {'found':>5} {'fixed':>5} "
    f"{'precision':>9} {'recall':>7} {'F1':>6} {'fix-acc':>7}"
)


def _metric(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def tally_row(name: str, tally: Tally) -> str:
    """One line of the metric table."""
    return (
        f"{name:<52} {tally.findings:>8} {tally.true_findings:>4} {tally.annotations:>5} {tally.found:>5} "
        f"{tally.fixed:>5} {_metric(tally.precision):>9} {_metric(tally.recall):>7} {_metric(tally.f1):>6} "
        f"{_metric(tally.fix_accuracy):>7}"
    )


def _mark(mark: Mark) -> str:
    span = mark.text.replace("\n", "⏎") or "⁁"
    line = f"  {mark.path}:{mark.line}:{mark.column}: {mark.label} ⟨{span}⟩"
    if mark.proposed is not None:
        line += f" proposed ⟨{mark.proposed}⟩"
    if mark.expected is not None:
        line += f" expected ⟨{mark.expected.replace(chr(10), '⏎')}⟩"
    return line + (f"  ({mark.note})" if mark.note else "")


def render_text(report: EvalReport, show: bool = False) -> str:
    """The metric tables, quality scores and reference metrics; ``show`` adds misses, false alarms, wrong fixes."""
    out = [
        f"mtqa eval: {report.stories} stories, {report.overall.annotations} gold annotations, "
        f"{report.overall.findings} findings",
        "",
        HEADER,
        tally_row("overall", report.overall),
    ]
    out += [tally_row(f"family {name}", tally) for name, tally in report.families.items()]
    out += [tally_row(f"MQM {name}", tally) for name, tally in report.categories.items()]
    if report.overall.alternatives:
        out.append(f"(wrong fixes where an alternative was right: {report.overall.alternatives})")
    if report.unlinted_annotations:
        out.append(f"({report.unlinted_annotations} annotations name stories that were not linted; left out)")
    out += ["", "Quality (MQM-style score, 100 = no penalty; penalty points by severity and MQM category):"]
    for doc in report.quality:
        parts = "; ".join(f"{sev} {mqm} ×{n} = {pts:g}" for (sev, mqm), (n, pts) in doc.breakdown.items())
        head = f"  {doc.path}: {doc.score:.1f} ({doc.points:g} points over {doc.words} words)"
        out.append(f"{head}: {parts}" if parts else head)
    total_points = sum(d.points for d in report.quality)
    total_words = sum(d.words for d in report.quality)
    out.append(f"  corpus: {report.corpus_quality:.1f} ({total_points:g} points over {total_words} words)")
    refs = report.references
    if refs is not None:
        out += ["", f"Reference metrics ({len(refs.stories)} stories against their post-edited references):"]
        out.append(f"  {'system':<20} {'BLEU':>7} {'chrF++':>7} {'TER':>7}")
        out += [f"  {s.name:<20} {s.bleu:>7.2f} {s.chrf:>7.2f} {s.ter:>7.2f}" for s in refs.systems]
        raw, best = refs.systems[0], refs.systems[-1]
        gap = 100.0 - raw.chrf
        closed = f" ({100 * refs.gain('chrf') / gap:.0f}% of the gap to the reference)" if gap > 0 else ""
        out.append(f"  chrF++ {raw.chrf:.2f} → {best.chrf:.2f}: {refs.gain('chrf'):+.2f}{closed}")
        removed = f" ({100 * (raw.ter - best.ter) / raw.ter:.0f}% of the edits)" if raw.ter > 0 else ""
        out.append(f"  TER {raw.ter:.2f} → {best.ter:.2f}: {best.ter - raw.ter:+.2f}{removed}")
        out += [f"  {name} signature: {sig}" for name, sig in refs.signatures.items()]
    elif report.references_note:
        out += ["", report.references_note]
    if show:
        for title, marks in (
            ("Misses (gold annotations no finding overlaps)", report.misses),
            ("False alarms (findings that overlap no annotation)", report.false_alarms),
            ("Wrong fixes (found, but no fix gives the expected text)", report.wrong_fixes),
        ):
            out += ["", f"{title}: {len(marks)}", *(_mark(m) for m in marks)]
    return "\n".join(out) + "\n"


def render_json(report: EvalReport) -> str:
    """The report as one JSON object (metrics, lists, quality, reference metrics)."""
    data = {
        "schema": "mtqa.eval/1",
        "stories": report.stories,
        "overall": report.overall.as_dict(),
        "families": {k: v.as_dict() for k, v in report.families.items()},
        "mqm": {k: v.as_dict() for k, v in report.categories.items()},
        "misses": [m.as_dict() for m in report.misses],
        "false_alarms": [m.as_dict() for m in report.false_alarms],
        "wrong_fixes": [m.as_dict() for m in report.wrong_fixes],
        "quality": {
            "corpus": report.corpus_quality,
            "documents": [
                {
                    "path": d.path,
                    "score": d.score,
                    "points": d.points,
                    "words": d.words,
                    "breakdown": [
                        {"severity": sev, "mqm": mqm, "findings": n, "points": pts}
                        for (sev, mqm), (n, pts) in d.breakdown.items()
                    ],
                }
                for d in report.quality
            ],
        },
        "references": report.references.as_dict() if report.references is not None else None,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
