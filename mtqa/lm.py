"""Language-model scorer (``pip install 'mtqa[lm]'``): transformers masked or causal LMs, offline only.

:class:`TransformersScorer` loads a model and its tokenizer from a local folder or a name already in
the Hugging Face cache — never downloading (``HF_HUB_OFFLINE=1`` and ``local_files_only=True``) — on
the CPU unless told otherwise, and scores sentences in batches:

- a causal LM (GPT-2 and the like): the log-likelihood of the sentence, the sum of
  ``log p(token | tokens before)`` (after a beginning-of-sentence token where the tokenizer has one);
- a masked LM (BERT and the like): the pseudo-log-likelihood, the sum over the sentence's tokens of
  ``log p(token | the sentence with that token masked)`` (Salazar et al., 2020).

torch and transformers are imported inside the functions only, so that the CLI starts without them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

KINDS = ("auto", "masked", "causal")


class LMError(RuntimeError):
    """A language model that cannot be loaded (missing, not a language model, extras not installed)."""


def _transformers() -> Any:
    """Import transformers offline (no network access, ever)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import transformers
    except ImportError as exc:
        raise LMError(f"the LM backend needs torch and transformers (pip install 'mtqa[lm]'): {exc}") from None
    return transformers


def model_kind(config: Any) -> str:
    """``masked`` or ``causal``, from a transformers model configuration."""
    architectures = list(getattr(config, "architectures", None) or [])
    if any("MaskedLM" in name for name in architectures):
        return "masked"
    if any("CausalLM" in name or "LMHead" in name for name in architectures) or getattr(config, "is_decoder", False):
        return "causal"
    from transformers.models.auto.modeling_auto import MODEL_FOR_MASKED_LM_MAPPING_NAMES

    return "masked" if config.model_type in MODEL_FOR_MASKED_LM_MAPPING_NAMES else "causal"


class TransformersScorer:
    """Score sentences with a local transformers language model (log-likelihood or pseudo-log-likelihood)."""

    def __init__(self, name_or_path: str, device: str = "cpu", batch_size: int = 16, kind: str = "auto") -> None:
        """Load the model and tokenizer at ``name_or_path`` onto ``device``; ``kind``: auto, masked or causal."""
        if kind not in KINDS:
            raise LMError(f"kind must be one of {', '.join(KINDS)}")
        if batch_size < 1:
            raise LMError("batch size must be at least 1")
        transformers = _transformers()
        import torch

        self.torch = torch
        self.device = torch.device(device)
        self.batch_size = batch_size
        try:
            config = transformers.AutoConfig.from_pretrained(name_or_path, local_files_only=True)
            self.kind = model_kind(config) if kind == "auto" else kind
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(name_or_path, local_files_only=True)
            loader = transformers.AutoModelForMaskedLM if self.kind == "masked" else transformers.AutoModelForCausalLM
            self.model = loader.from_pretrained(name_or_path, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise LMError(f"{name_or_path}: cannot load a language model offline: {exc}") from None
        self.model.to(self.device)
        self.model.eval()
        limit = getattr(config, "max_position_embeddings", None) or getattr(config, "n_positions", None) or 512
        self.max_length = int(limit)
        self.pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0

    def score(self, sentences: Sequence[str]) -> list[float]:
        """Score each sentence; batching does not change the scores (beyond float rounding)."""
        ids = [self._ids(sentence) for sentence in sentences]
        return self._causal(ids) if self.kind == "causal" else self._masked(ids)

    def _ids(self, sentence: str) -> list[int]:
        """The token ids of a sentence, with the tokenizer's special tokens, cut to the model's length."""
        ids = list(self.tokenizer(sentence, add_special_tokens=True)["input_ids"])
        bos = self.tokenizer.bos_token_id
        if self.kind == "causal" and bos is not None and (not ids or ids[0] != bos):
            ids.insert(0, bos)
        return ids[: self.max_length]

    def _logprobs(self, batch: Sequence[Sequence[int]]) -> Any:
        """Log-softmax of the model's logits for a right-padded batch of id sequences."""
        torch = self.torch
        width = max(len(ids) for ids in batch)
        input_ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = torch.tensor(ids, dtype=torch.long)
            mask[row, : len(ids)] = 1
        with torch.no_grad():
            logits = self.model(input_ids=input_ids.to(self.device), attention_mask=mask.to(self.device)).logits
        return torch.log_softmax(logits.float(), dim=-1).cpu()

    def _causal(self, sequences: Sequence[Sequence[int]]) -> list[float]:
        """Sum of log p(token | tokens before), from the second token on."""
        scores: list[float] = []
        for first in range(0, len(sequences), self.batch_size):
            batch = [ids if ids else [self.pad_id] for ids in sequences[first : first + self.batch_size]]
            logprobs = self._logprobs(batch)
            for row, ids in enumerate(batch):
                scores.append(sum(float(logprobs[row, i - 1, ids[i]]) for i in range(1, len(ids))))
        return scores

    def _masked(self, sequences: Sequence[Sequence[int]]) -> list[float]:
        """Pseudo-log-likelihood: each non-special token masked in turn, its log-probability summed."""
        mask_id = self.tokenizer.mask_token_id
        if mask_id is None:
            raise LMError("a masked language model needs a tokenizer with a mask token")
        special = set(self.tokenizer.all_special_ids)
        jobs: list[tuple[int, int, list[int]]] = []  # (sentence, position, masked ids)
        for index, ids in enumerate(sequences):
            for position, token in enumerate(ids):
                if token not in special:
                    masked = list(ids)
                    masked[position] = mask_id
                    jobs.append((index, position, masked))
        scores = [0.0] * len(sequences)
        for first in range(0, len(jobs), self.batch_size):
            chunk = jobs[first : first + self.batch_size]
            logprobs = self._logprobs([masked for _, _, masked in chunk])
            for row, (index, position, _) in enumerate(chunk):
                scores[index] += float(logprobs[row, position, sequences[index][position]])
        return scores
