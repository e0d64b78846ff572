"""Lint on all cores: a process pool over files, results streamed back in the order of a serial run.

The parent discovers files and hands them out in small batches; at most ``2 × jobs`` batches are in
flight, so memory stays constant in the number of files however slow the reporter is. Workers are
forked after the parent has loaded the rules, profile, lexicon and glossaries, so none of them loads
anything again (where ``fork`` is not available they rebuild the context once from a LintSpec).
Standard input is read by the parent.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.util
import os
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from types import TracebackType

from mtqa.config import Settings
from mtqa.context import Context
from mtqa.engine import DocumentResult, discover_files, lint_file
from mtqa.readers import DEFAULT_MAX_BYTES, STDIN, FeedFields, InputError
from mtqa.registry import Rule

BATCH = 8  # files a task: enough to pay for the round trip, small enough to keep every core busy
BATCH_BYTES = 256_000  # …and a task of large files closes at this size, so that the last tasks are short
AUTO_THRESHOLD = 8  # more files than this: use every core by default

Result = DocumentResult | InputError


@dataclass(frozen=True)
class LintSpec:
    """Everything a worker needs to lint like the parent, in picklable form."""

    lang: str
    glossaries: tuple[Path, ...] | None
    codes: tuple[str, ...]
    settings: Settings | None = None
    fields: FeedFields | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    key: str = ""  # unique per run: a worker that kept a context for this key reuses it
    source: str | None = None
    detect: bool = False

    @classmethod
    def of(
        cls,
        rules: list[Rule],
        ctx: Context,
        settings: Settings | None = None,
        fields: FeedFields | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> LintSpec:
        """The spec of a run with these rules and context."""
        paths = tuple(ctx.glossary_paths) if ctx.glossary_paths is not None else None
        codes = tuple(r.code for r in rules)
        return cls(ctx.lang, paths, codes, settings, fields, max_bytes, uuid.uuid4().hex, ctx.source, ctx.detect)

    def build(self) -> tuple[list[Rule], Context]:
        """The rules and a fresh context of this spec."""
        from mtqa.rules import REGISTRY

        rules = [rule for code in self.codes if (rule := REGISTRY.get(code)) is not None]
        glossaries = list(self.glossaries) if self.glossaries is not None else None
        house = self.settings.glossary_overrides if self.settings else None
        overrides = (house, str(self.settings.source if self.settings else "")) if house else None
        return rules, Context(self.lang, glossaries, self.source, self.detect, overrides)


def lint_batch(paths: list[str], rules: list[Rule], ctx: Context, spec: LintSpec) -> list[Result]:
    """Lint ``paths`` one after the other (a worker's task), keeping each file's results in order."""
    results: list[Result] = []
    for path in paths:
        results.extend(lint_file(path, rules, ctx, spec.max_bytes, spec.settings, spec.fields))
    return results


_STATE: tuple[list[Rule], Context, LintSpec] | None = None  # a worker's rules and context


def _init_worker(spec: LintSpec, state: tuple[list[Rule], Context, LintSpec] | None) -> None:
    global _STATE
    if state is None:  # not forked: load everything once in this process
        rules, ctx = spec.build()
        ctx.lexicon  # noqa: B018
        state = (rules, ctx, spec)
    _STATE = state
    # A worker that exits when the pool closes stores its verdicts on words for the next run.
    multiprocessing.util.Finalize(None, state[1].save_verdicts, exitpriority=10)


def _work(paths: list[str]) -> list[Result]:
    assert _STATE is not None, "worker not initialised"
    rules, ctx, spec = _STATE
    return lint_batch(paths, rules, ctx, spec)


# The primer is in the target language only: other languages' word lists and langdetect's profiles cost
# a worker nothing unless its stories need them, while loading them here would delay every run.
PRIMER = "Kyiv said on Monday that kyiv and Izioum were shelled, the Institute for War Studies said 27 000."


def prime(rules: list[Rule], ctx: Context) -> None:
    """Lint a short sample, so that what the rules load lazily is loaded once, before the workers fork.

    That is the lexicon, the glossaries and their indexes, and the target language's tables, which are
    then read into memory whole (with any other table used so far).
    """
    from mtqa.diskmap import load_all
    from mtqa.document import Document
    from mtqa.engine import lint_document

    lint_document(Document("<primer>", PRIMER, ctx.reader_lang or ctx.lang), rules, ctx)
    load_all()  # the tables read whole, not from files that a forked worker must not share


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def batches(
    items: Iterator[str | InputError], size: int, max_bytes: int | None = None
) -> Iterator[list[str] | InputError]:
    """Files grouped ``size`` at a time, or fewer once they hold ``max_bytes``.

    An input error (or standard input) passes on its own, in place.
    """
    batch: list[str] = []
    held = 0
    for item in items:
        if isinstance(item, InputError) or item == STDIN:
            if batch:
                yield batch
                batch, held = [], 0
            yield item if isinstance(item, InputError) else [item]
            continue
        batch.append(item)
        if max_bytes is not None:
            try:
                held += os.stat(item).st_size
            except OSError:  # reported when the file is read
                pass
        if len(batch) == size or (max_bytes is not None and held >= max_bytes):
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


class ParallelLinter:
    """A process pool over files; iterate over ``results(paths)`` inside ``with``."""

    def __init__(
        self,
        jobs: int,
        rules: list[Rule],
        ctx: Context,
        settings: Settings | None = None,
        fields: FeedFields | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        """Prepare ``jobs`` workers for a run with these rules and context."""
        self.jobs = jobs
        self.rules = rules
        self.ctx = ctx
        self.spec = LintSpec.of(rules, ctx, settings, fields, max_bytes)
        self.settings = settings
        self.pool: Pool | None = None

    def __enter__(self) -> ParallelLinter:
        """Start the workers (forked now, before any other thread of the run starts)."""
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:
            prime(self.rules, self.ctx)  # load before forking, so that every worker shares what it loads
            state = (self.rules, self.ctx, self.spec)
            # What is loaded now lives as long as the run: out of the collector's sight, the workers'
            # collections never touch (and so never copy) the memory pages they share with the parent.
            gc.collect()
            gc.freeze()
            try:
                self.pool = multiprocessing.get_context("fork").Pool(self.jobs, _init_worker, (self.spec, state))
            finally:
                gc.unfreeze()
        else:
            self.pool = multiprocessing.get_context("spawn").Pool(self.jobs, _init_worker, (self.spec, None))
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop the workers (at once when the run was interrupted)."""
        if self.pool is not None:
            if kind is None:
                self.pool.close()
            else:
                self.pool.terminate()
            self.pool.join()
            self.pool = None

    def results(self, paths: list[str]) -> Iterator[Result]:
        """Lint every file under ``paths``; results come in the order of a serial run."""
        assert self.pool is not None, "use ParallelLinter in a with statement"
        window: deque[AsyncResult[list[Result]] | list[Result]] = deque()
        for batch in batches(discover_files(paths, self.settings), BATCH, BATCH_BYTES):
            if isinstance(batch, InputError):
                window.append([batch])
            elif batch == [STDIN]:
                window.append(lint_batch(batch, self.rules, self.ctx, self.spec))
            else:
                window.append(self.pool.apply_async(_work, (batch,)))
            while len(window) > 2 * self.jobs:
                yield from _ready(window.popleft())
        while window:
            yield from _ready(window.popleft())


def _ready(item: AsyncResult[list[Result]] | list[Result]) -> list[Result]:
    return item if isinstance(item, list) else item.get()


def auto_jobs(paths: list[str], settings: Settings | None = None) -> int:
    """The default number of workers: every core when there are more than a handful of files, else one."""
    count = 0
    for _ in discover_files(paths, settings):
        count += 1
        if count > AUTO_THRESHOLD:
            return cores()
    return 1
