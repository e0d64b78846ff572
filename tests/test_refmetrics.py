"""Reference metrics: sacrebleu's numbers, computed on raw and fixed stories, never writing the stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.config import Settings
from mtqa.context import Context
from mtqa.evaluation import run_eval
from mtqa.readers import discover
from mtqa.refmetrics import reference_path, reference_report, score_systems
from mtqa.rules import REGISTRY
from tests.conftest import ROOT

sacrebleu = pytest.importorskip("sacrebleu")


def test_scores_equal_sacrebleu_called_directly() -> None:
    hyps = ["the forces of kyiv took the city.", "According to CNNUkrainian forces"]
    refs = ["The forces of Kyiv took the city.", "According to CNN, Ukrainian forces"]
    report = score_systems([("raw", hyps)], refs)
    (raw,) = report.systems
    assert raw.bleu == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs]).score)
    assert raw.chrf == pytest.approx(sacrebleu.corpus_chrf(hyps, [refs], word_order=2).score)
    assert raw.ter == pytest.approx(sacrebleu.corpus_ter(hyps, [refs], case_sensitive=True).score)
    assert report.signatures["chrF++"].startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:2")
    assert "version:" in report.signatures["BLEU"] and "case:mixed" in report.signatures["TER"]
    with pytest.raises(ValueError, match="1 hypotheses for 2 references"):
        score_systems([("raw", hyps[:1])], refs)


def test_reference_paths(tmp_path: Path) -> None:
    assert reference_path("corpus/a.txt") == Path("corpus/a.ref.txt")
    assert reference_path("corpus/a.txt", tmp_path) == tmp_path / "a.ref.txt"


def test_stories_without_reference_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "a.ref.txt").write_text("The city.", encoding="utf-8")
    stories = [(str(tmp_path / "a.txt"), "the city."), (str(tmp_path / "b.txt"), "x")]
    report = reference_report(stories, lambda path, text, unsafe: text.capitalize())
    assert report is not None and report.stories == (str(tmp_path / "a.txt"),)
    assert report.systems[0].chrf < report.systems[1].chrf == pytest.approx(100.0)
    assert reference_report(stories[1:], lambda p, t, u: t) is None


def test_seed_fixes_move_chrf_toward_the_reference(ctx: Context) -> None:
    corpus = ROOT / "corpus"
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    report, _ = run_eval([str(corpus)], REGISTRY.select(), ctx, Settings())
    refs = report.references
    assert refs is not None and len(refs.stories) == 2
    raw, safe, unsafe = refs.systems
    assert raw.chrf < safe.chrf < unsafe.chrf < 100
    assert raw.ter > safe.ter > unsafe.ter
    assert refs.gain("chrf") > 1.0
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before  # nothing written


def test_discover_skips_references(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.ref.txt").write_text("x", encoding="utf-8")
    (tmp_path / "B.REF.TXT").write_text("x", encoding="utf-8")
    assert list(discover([str(tmp_path)])) == [str(tmp_path / "a.txt")]
    assert list(discover([str(tmp_path / "a.ref.txt")])) == [str(tmp_path / "a.ref.txt")]  # named: linted
    assert [p for p in discover([str(ROOT / "corpus")]) if isinstance(p, str) and p.endswith(".ref.txt")] == []
