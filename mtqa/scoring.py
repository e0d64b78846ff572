"""Score candidate fixes in their sentence and rerank them: the scorer interface and the cheap default.

A finding proposes a ``fix`` and sometimes ``alternatives`` (other replacements of its span: which
split of a fused token, which of two spellings). A :class:`Scorer` gives each candidate sentence a
log-likelihood-like score (higher is more fluent); :func:`rerank` puts every candidate in its context
(the line around the finding), scores all of them in one batch and makes the best one the fix, keeping
the fix's safety level; the others become the alternatives, best first. Ties keep the rule's order.

Two scorers: :class:`FrequencyScorer` (the default: the sum of the words' log10 frequencies from
``wordfreq``, no model needed) and :class:`mtqa.lm.TransformersScorer` (a masked or causal language
model, ``pip install 'mtqa[lm]'``), chosen by :func:`load_scorer`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from mtqa.engine import DocumentResult
from mtqa.findings import Edit, Finding, Fix, apply_edits

FREQUENCY = ("wordfreq", "frequency")  # --lm values that choose the frequency scorer
CONTEXT_CHARS = 200


class Scorer(Protocol):
    """Anything that scores sentences: one float per sentence, higher is better."""

    def score(self, sentences: Sequence[str]) -> list[float]:
        """Score each sentence (log-likelihood-like: higher is more fluent)."""
        ...


class FrequencyScorer:
    """Sum of the log10 word frequencies of a sentence (``wordfreq``; unknown words get ``floor``)."""

    def __init__(self, lang: str = "en", floor: float = 1e-9) -> None:
        """Score ``lang`` text; a word ``wordfreq`` does not know counts as frequency ``floor``."""
        self.lang = lang
        self.floor = floor

    def score(self, sentences: Sequence[str]) -> list[float]:
        """Score each sentence by its words' frequencies."""
        from wordfreq import word_frequency
        from wordfreq.tokens import tokenize

        return [
            sum(math.log10(max(word_frequency(word, self.lang), self.floor)) for word in tokenize(sentence, self.lang))
            for sentence in sentences
        ]


def load_scorer(spec: str, device: str = "cpu", lang: str = "en", batch_size: int = 16) -> Scorer:
    """The scorer named by ``spec``: ``wordfreq`` (or ``frequency``), else a language model's path or name."""
    if spec.lower() in FREQUENCY:
        return FrequencyScorer(lang)
    from mtqa.lm import TransformersScorer

    return TransformersScorer(spec, device=device, batch_size=batch_size)


def candidates(text: str, finding: Finding) -> list[str] | None:
    """The candidate replacements of the finding's span, its fix first; None when it cannot be reranked.

    The fix is turned into a replacement of ``[start, end)``; a fix with an edit outside the span, or a
    finding with fewer than two distinct candidates, is not reranked.
    """
    if finding.fix is None or not finding.alternatives:
        return None
    start, end = finding.start, finding.end
    if any(e.start < start or e.end > end for e in finding.fix.edits):
        return None
    shifted = [Edit(e.start - start, e.end - start, e.replacement) for e in finding.fix.edits]
    options = [apply_edits(text[start:end], shifted), *finding.alternatives]
    unique = list(dict.fromkeys(options))
    return unique if len(unique) > 1 else None


def context(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> tuple[int, int]:
    """The bounds of the sentence context of ``[start, end)``: its line, at most ``limit`` characters each side."""
    left = max(text.rfind("\n", max(0, start - limit), start) + 1, start - limit, 0)
    right = text.find("\n", end, end + limit)
    return left, right if right != -1 else min(len(text), end + limit)


def rerank(text: str, findings: Sequence[Finding], scorer: Scorer) -> list[Finding]:
    """Rerank the candidates of every finding with ``scorer`` (one batch); the best becomes the fix."""
    jobs: list[tuple[int, list[str]]] = []
    sentences: list[str] = []
    for index, finding in enumerate(findings):
        options = candidates(text, finding)
        if options is None:
            continue
        left, right = context(text, finding.start, finding.end)
        before, after = text[left : finding.start], text[finding.end : right]
        jobs.append((index, options))
        sentences.extend(before + option + after for option in options)
    if not sentences:
        return list(findings)
    scores = scorer.score(sentences)
    if len(scores) != len(sentences):
        raise ValueError(f"the scorer returned {len(scores)} scores for {len(sentences)} sentences")
    out = list(findings)
    position = 0
    for index, options in jobs:
        values = scores[position : position + len(options)]
        position += len(options)
        out[index] = choose(findings[index], options, values)
    return out


def choose(finding: Finding, options: Sequence[str], scores: Sequence[float]) -> Finding:
    """The finding with its best-scoring candidate as the fix and the others as alternatives, best first.

    ``options[0]`` is the current fix; when it stays best, its own (minimal) edits are kept.
    """
    order = sorted(range(len(options)), key=lambda i: -scores[i])  # stable: ties keep the rule's order
    assert finding.fix is not None
    fix = (
        finding.fix
        if order[0] == 0
        else Fix((Edit(finding.start, finding.end, options[order[0]]),), finding.fix.applicability)
    )
    return replace(finding, fix=fix, alternatives=tuple(options[i] for i in order[1:]))


def rerank_result(result: DocumentResult, scorer: Scorer) -> DocumentResult:
    """A document result whose findings' candidates are reranked by ``scorer`` (spans are unchanged)."""
    findings = rerank(result.text, [item.finding for item in result.findings], scorer)
    located = tuple(replace(item, finding=f) for item, f in zip(result.findings, findings, strict=True))
    return replace(result, findings=located)
