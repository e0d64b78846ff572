"""The scorer interface, the frequency scorer, and reranking candidate fixes by score."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from mtqa.config import ConfigError, load_config
from mtqa.context import Context
from mtqa.findings import Applicability, Edit, Finding, Fix, Severity
from mtqa.scoring import FrequencyScorer, candidates, context, load_scorer, rerank, rerank_result
from tests.conftest import lint_text

TEXT = "Officials said the town was in the southsigns of this progression."
START = TEXT.index("southsigns")


def _finding(fix: str = "south. Signs", alternatives: tuple[str, ...] = ("south signs",)) -> Finding:
    return Finding(
        "FUS003",
        "dictionary-join",
        Severity.WARNING,
        "Fluency/Spelling",
        START,
        START + 10,
        "fused",
        Fix((Edit(START, START + 10, fix),), Applicability.UNSAFE),
        alternatives,
    )


class Fixed:
    """A scorer with controlled scores: the sentence containing ``best`` wins."""

    def __init__(self, best: str) -> None:
        self.best = best
        self.calls: list[list[str]] = []

    def score(self, sentences: Sequence[str]) -> list[float]:
        self.calls.append(list(sentences))
        return [0.0 if self.best in s else -5.0 for s in sentences]


def test_controlled_scores_choose_the_fix() -> None:
    (kept,) = rerank(TEXT, [_finding()], Fixed("south. Signs"))
    assert kept == _finding()  # the fix stays, with its own edits
    scorer = Fixed("south signs")
    (flipped,) = rerank(TEXT, [_finding()], scorer)
    assert flipped.fix == Fix((Edit(START, START + 10, "south signs"),), Applicability.UNSAFE)
    assert flipped.alternatives == ("south. Signs",)
    assert scorer.calls == [[TEXT.replace("southsigns", "south. Signs"), TEXT.replace("southsigns", "south signs")]]


def test_one_batch_for_all_findings_and_ties_keep_the_rule_order() -> None:
    class Flat:
        calls = 0

        def score(self, sentences: Sequence[str]) -> list[float]:
            Flat.calls += 1
            return [1.0] * len(sentences)

    findings = [_finding(), _finding("south signs", ("south. Signs", "sou thsigns"))]
    assert rerank(TEXT, findings, Flat()) == findings and Flat.calls == 1


def test_candidates_and_context() -> None:
    insertion = Finding(
        "FUS002", "case-boundary-join", Severity.WARNING, "Fluency/Spelling", 13, 25, "fused",
        Fix((Edit(16, 16, ", "),), Applicability.UNSAFE), ("CNN Ukrainian",),
    )  # fmt: skip
    assert candidates("According to CNNUkrainian forces", insertion) == ["CNN, Ukrainian", "CNN Ukrainian"]
    assert candidates(TEXT, _finding(alternatives=())) is None
    assert candidates(TEXT, _finding(alternatives=("south. Signs",))) is None
    assert context("first line\nsecond line here\nthird", 14, 18) == (11, 27)


def test_frequency_scorer_prefers_real_words() -> None:
    scorer = FrequencyScorer("en")
    good, bad, same = scorer.score(["in the south signs", "in the sou thsigns", "in the south signs"])
    assert good > bad and good == same
    (ranked,) = rerank(TEXT, [_finding("sou thsigns", ("south signs",))], scorer)
    assert ranked.fix is not None and ranked.fix.edits[0].replacement == "south signs"
    assert isinstance(load_scorer("wordfreq"), FrequencyScorer)


def test_rerank_result_keeps_locations(ctx: Context) -> None:
    result = lint_text("Officials said the army was in the southsigns of this progression.", ctx)
    reranked = rerank_result(result, Fixed("south signs"))
    assert [(i.line, i.column, i.finding.code) for i in reranked.findings] == [
        (i.line, i.column, i.finding.code) for i in result.findings
    ]
    fus = next(i.finding for i in reranked.findings if i.finding.code == "FUS003")
    assert fus.fix is not None and fus.fix.edits[0].replacement == "south signs"


def test_config_lm_model(tmp_path: Path) -> None:
    config = tmp_path / "mtqa.toml"
    config.write_text('[lm]\nmodel = "./models/tiny"\n', encoding="utf-8")
    assert load_config(config).lm_model == str(tmp_path / "models/tiny")
    config.write_text('lm = { model = "gpt2" }\n', encoding="utf-8")
    assert load_config(config).lm_model == "gpt2"
    config.write_text('lm = { model = "gpt2", size = 3 }\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'lm' must be a table"):
        load_config(config)
