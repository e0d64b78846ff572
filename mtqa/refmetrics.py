"""Reference-based metrics with sacrebleu: how far raw and mtqa-fixed MT are from human post-edits.

For each story with a post-edited reference (``<story>.ref.txt`` beside it, or in a references folder),
three systems are scored against the same references: the raw MT, the story after mtqa's safe fixes,
and after safe and unsafe fixes (:func:`mtqa.fixer.fix_text`, in memory: no file is written). Each
story is one segment (fixes may delete lines, so lines do not align). The metrics are sacrebleu's
corpus BLEU, chrF++ (chrF with word bigrams, ``word_order=2``) and case-sensitive TER, each reported
with its sacrebleu signature so that numbers from different runs can be compared. sacrebleu is
imported only here (``pip install 'mtqa[eval]'``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mtqa.readers import REFERENCE_SUFFIX, InputError, read_raw

SYSTEMS = ("raw MT", "safe fixes", "safe+unsafe fixes")


@dataclass(frozen=True)
class SystemScores:
    """The corpus scores of one system (raw MT or a fixed version) against the references."""

    name: str
    bleu: float
    chrf: float  # chrF++
    ter: float


@dataclass(frozen=True)
class RefReport:
    """The scores of every system, the stories scored, and sacrebleu's signatures."""

    stories: tuple[str, ...]
    systems: tuple[SystemScores, ...]
    signatures: dict[str, str]  # "BLEU", "chrF++", "TER" -> signature

    def gain(self, metric: str = "chrf", system: int = -1) -> float:
        """How much ``system`` (default: the last, safe+unsafe) moves ``metric`` from the raw MT's."""
        raw, fixed = self.systems[0], self.systems[system]
        return float(getattr(fixed, metric)) - float(getattr(raw, metric))

    def as_dict(self) -> dict[str, object]:
        """The report as a JSON object."""
        return {
            "stories": list(self.stories),
            "systems": [{"name": s.name, "bleu": s.bleu, "chrf++": s.chrf, "ter": s.ter} for s in self.systems],
            "signatures": self.signatures,
        }


def reference_path(story: str, folder: str | Path | None = None) -> Path:
    """Where the post-edited reference of ``story`` is: ``<name>.ref.txt`` beside it, or in ``folder``."""
    path = Path(story)
    name = path.name[: -len(path.suffix)] if path.suffix else path.name
    return Path(folder or path.parent) / f"{name}{REFERENCE_SUFFIX}"


def read_reference(story: str, lang: str, folder: str | Path | None = None) -> str | None:
    """The text of the reference of ``story``, or None when there is none; unreadable is an InputError."""
    path = reference_path(story, folder)
    if not path.is_file():
        return None
    return read_raw(str(path), lang).text


def score_systems(systems: Sequence[tuple[str, Sequence[str]]], references: Sequence[str]) -> RefReport:
    """Score each named list of hypotheses (one text per story) against ``references`` with sacrebleu."""
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    metrics = {"BLEU": BLEU(), "chrF++": CHRF(word_order=2), "TER": TER(case_sensitive=True)}
    refs = [list(references)]
    scores = []
    for name, hypotheses in systems:
        if len(hypotheses) != len(references):
            raise ValueError(f"{name}: {len(hypotheses)} hypotheses for {len(references)} references")
        values = {key: metric.corpus_score(list(hypotheses), refs).score for key, metric in metrics.items()}
        scores.append(SystemScores(name, values["BLEU"], values["chrF++"], values["TER"]))
    signatures = {key: str(metric.get_signature().format()) for key, metric in metrics.items()}
    return RefReport((), tuple(scores), signatures)


def reference_report(
    stories: Iterable[tuple[str, str]],
    fix: Callable[[str, str, bool], str],
    lang: str = "en",
    folder: str | Path | None = None,
) -> RefReport | None:
    """Score raw and fixed stories against their references; None when no story has one.

    ``stories`` are (path, text) pairs; ``fix(path, text, unsafe)`` returns the fixed text (in memory).
    Stories without a reference are left out.
    """
    paths: list[str] = []
    raw: list[str] = []
    refs: list[str] = []
    for path, text in stories:
        try:
            reference = read_reference(path, lang, folder)
        except InputError:
            reference = None
        if reference is None:
            continue
        paths.append(path)
        raw.append(text)
        refs.append(reference)
    if not paths:
        return None
    safe = [fix(p, t, False) for p, t in zip(paths, raw, strict=True)]
    unsafe = [fix(p, t, True) for p, t in zip(paths, raw, strict=True)]
    report = score_systems(list(zip(SYSTEMS, (raw, safe, unsafe), strict=True)), refs)
    return RefReport(tuple(paths), report.systems, report.signatures)
