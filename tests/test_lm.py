"""The transformers backend, on tiny models and tokenizers built here (offline, CPU, a few seconds)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mtqa.findings import Applicability, Edit, Finding, Fix, Severity
from mtqa.scoring import rerank

torch = pytest.importorskip("torch", reason="the LM backend needs torch (pip install torch==2.13.0)")
transformers = pytest.importorskip("transformers", reason="the LM backend needs transformers")
tokenizers = pytest.importorskip("tokenizers", reason="the LM backend needs tokenizers")

from mtqa.lm import LMError, TransformersScorer, model_kind  # noqa: E402

WORDS = "the army took the city south signs of this progression . in southsigns Kyiv kyiv announced an advance".split()
SENTENCES = [
    "the army took the city",
    "in the south . signs of this progression",
    "in the south signs of this progression",
    "Kyiv announced an advance",
    "kyiv",
]


def _tokenizer(folder: Path, specials: list[str], bert: bool) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    vocab = {token: i for i, token in enumerate([*specials, *dict.fromkeys(WORDS)])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    if bert:
        tok.post_processor = processors.TemplateProcessing(
            single="[CLS] $A [SEP]", special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])]
        )
    names = {"cls_token": "[CLS]", "sep_token": "[SEP]", "mask_token": "[MASK]"} if bert else {"bos_token": "<s>"}
    fast = transformers.PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", **names)
    fast.save_pretrained(folder)


@pytest.fixture(scope="module")
def bert(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny-bert")
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    _tokenizer(folder, specials, bert=True)
    torch.manual_seed(0)
    config = transformers.BertConfig(
        vocab_size=len(specials) + len(set(WORDS)),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=32,
    )
    transformers.BertForMaskedLM(config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def gpt2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny-gpt2")
    specials = ["[PAD]", "[UNK]", "<s>"]
    _tokenizer(folder, specials, bert=False)
    torch.manual_seed(0)
    config = transformers.GPT2Config(
        vocab_size=len(specials) + len(set(WORDS)), n_embd=16, n_layer=1, n_head=2, n_positions=32
    )
    transformers.GPT2LMHeadModel(config).save_pretrained(folder)
    return folder


@pytest.mark.parametrize("name", ["bert", "gpt2"])
def test_loads_offline_and_scores_log_likelihoods(name: str, request: pytest.FixtureRequest) -> None:
    folder = request.getfixturevalue(name)
    scorer = TransformersScorer(str(folder))
    assert scorer.kind == ("masked" if name == "bert" else "causal")
    scores = scorer.score(SENTENCES)
    assert len(scores) == len(SENTENCES)
    assert all(s < 0 for s in scores[:4])  # sums of log-probabilities
    assert len(set(scores)) > 1


@pytest.mark.parametrize("name", ["bert", "gpt2"])
def test_batching_gives_the_same_scores(name: str, request: pytest.FixtureRequest) -> None:
    folder = str(request.getfixturevalue(name))
    batched = TransformersScorer(folder, batch_size=4).score(SENTENCES)
    single = TransformersScorer(folder, batch_size=1)
    one_by_one = [single.score([sentence])[0] for sentence in SENTENCES]
    assert batched == pytest.approx(one_by_one, rel=1e-4, abs=1e-4)


def test_causal_score_is_the_log_likelihood(gpt2: Path) -> None:
    scorer = TransformersScorer(str(gpt2))
    tok = transformers.AutoTokenizer.from_pretrained(gpt2)
    model = transformers.GPT2LMHeadModel.from_pretrained(gpt2).eval()
    ids = [tok.bos_token_id, *tok("the army took the city")["input_ids"]]
    with torch.no_grad():
        logprobs = torch.log_softmax(model(torch.tensor([ids])).logits[0], dim=-1)
    expected = sum(float(logprobs[i - 1, ids[i]]) for i in range(1, len(ids)))
    assert scorer.score(["the army took the city"])[0] == pytest.approx(expected, abs=1e-4)


def test_masked_score_is_the_pseudo_log_likelihood(bert: Path) -> None:
    scorer = TransformersScorer(str(bert))
    tok = transformers.AutoTokenizer.from_pretrained(bert)
    model = transformers.BertForMaskedLM.from_pretrained(bert).eval()
    ids = tok("kyiv announced")["input_ids"]  # [CLS] kyiv announced [SEP]
    expected = 0.0
    for position in (1, 2):
        masked = list(ids)
        masked[position] = tok.mask_token_id
        with torch.no_grad():
            logprobs = torch.log_softmax(model(torch.tensor([masked])).logits[0], dim=-1)
        expected += float(logprobs[position, ids[position]])
    assert scorer.score(["kyiv announced"])[0] == pytest.approx(expected, abs=1e-4)


def test_model_kind_from_the_configuration() -> None:
    assert model_kind(transformers.BertConfig(architectures=["BertForMaskedLM"])) == "masked"
    assert model_kind(transformers.GPT2Config(architectures=["GPT2LMHeadModel"])) == "causal"
    assert model_kind(transformers.BertConfig()) == "masked"
    assert model_kind(transformers.GPT2Config()) == "causal"


def test_missing_model_is_an_error_not_a_download(tmp_path: Path) -> None:
    with pytest.raises(LMError, match="cannot load"):
        TransformersScorer(str(tmp_path / "nothing-here"))
    with pytest.raises(LMError, match="cannot load"):
        TransformersScorer("surely-not-a-cached-model/xyz")


def test_rerank_uses_the_model_scores(gpt2: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "in the southsigns of this progression"
    start = text.index("southsigns")
    finding = Finding(
        "FUS003",
        "dictionary-join",
        Severity.WARNING,
        "Fluency/Spelling",
        start,
        start + 10,
        "fused",
        Fix((Edit(start, start + 10, "south . signs"),), Applicability.UNSAFE),
        ("south signs",),
    )
    scorer = TransformersScorer(str(gpt2))
    real = scorer.score(["in the south . signs of this progression", "in the south signs of this progression"])
    (ranked,) = rerank(text, [finding], scorer)
    best = "south . signs" if real[0] >= real[1] else "south signs"
    assert ranked.fix is not None and ranked.fix.edits[0].replacement == best
    # controlled scores flip the choice
    monkeypatch.setattr(scorer, "score", lambda sentences: [0.0 if "south signs" in s else -9.0 for s in sentences])
    (flipped,) = rerank(text, [finding], scorer)
    assert flipped.fix is not None and flipped.fix.edits == (Edit(start, start + 10, "south signs"),)
    assert flipped.alternatives == ("south . signs",)
    assert flipped.fix.applicability is Applicability.UNSAFE


def test_cli_lint_with_lm(gpt2: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Officials said the city was in the southsigns of this progression.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mtqa", "lint", str(story), "--lm", str(gpt2), "--lm-device", "cpu", "-f", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "FUS003" in result.stdout
