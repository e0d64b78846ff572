"""Lint beyond one machine: the same per-file work as tasks on a Dask cluster (``--dask ADDRESS|local``).

Files are named by local paths (which every worker must see, e.g. a shared file system) or by URLs and
globs that ``fsspec`` reads (``s3://bucket/feed/*.txt``, ``gcs://…``, ``file:///…``). The parent lists
them, sends batches as tasks, keeps at most a bounded number in flight, and yields the results in the
order of a local run, so every output format is the same as without Dask. Each worker process builds
the rules and context once (from the run's LintSpec) and keeps them for every later task.
Needs the optional extra ``mtqa[dask]`` (dask.distributed and fsspec).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from types import TracebackType
from typing import Any

from mtqa.config import Settings
from mtqa.context import Context
from mtqa.document import Document
from mtqa.engine import discover_files, lint_document, rules_for
from mtqa.parallel import BATCH, LintSpec, Result, batches, lint_batch
from mtqa.readers import STDIN, FeedFields, InputError, decode
from mtqa.registry import Rule

IN_FLIGHT_PER_WORKER = 4
_WORKER_STATE: dict[str, tuple[list[Rule], Context]] = {}  # by LintSpec.key: the latest run's only


class DaskUnavailable(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached."""


def is_url(path: str) -> bool:
    """Tell whether ``path`` is a URL or glob for fsspec rather than a local path."""
    return "://" in path


def _worker_state(spec: LintSpec) -> tuple[list[Rule], Context]:
    state = _WORKER_STATE.get(spec.key)
    if state is None:
        state = spec.build()
        _WORKER_STATE.clear()
        _WORKER_STATE[spec.key] = state
    return state


def lint_remote_batch(items: list[str], spec: LintSpec) -> list[Result]:
    """A Dask task: lint local paths (as a local run would) or fsspec URLs (read as text)."""
    rules, ctx = _worker_state(spec)
    local = [item for item in items if not is_url(item)]
    if len(local) == len(items):
        return lint_batch(items, rules, ctx, spec)
    results: list[Result] = []
    for item in items:
        if not is_url(item):
            results.extend(lint_batch([item], rules, ctx, spec))
            continue
        results.append(_lint_url(item, rules, ctx, spec))
    return results


def _lint_url(url: str, rules: list[Rule], ctx: Context, spec: LintSpec) -> Result:
    import fsspec

    try:
        with fsspec.open(url, "rb") as stream:
            data = stream.read(spec.max_bytes + 1)
    except (OSError, ValueError) as exc:
        return InputError(url, f"cannot read: {exc}")
    if len(data) > spec.max_bytes:
        return InputError(url, f"file too large (> {spec.max_bytes / 1e6:.0f} MB limit)")
    try:
        text = decode(data, url)
    except InputError as exc:
        return exc
    severity = spec.settings.severity if spec.settings else None
    return lint_document(Document(url, text, ctx.lang), rules_for(url, rules, spec.settings), ctx, severity)


def expand(paths: list[str], settings: Settings | None) -> Iterator[str | InputError]:
    """Local paths as ``discover`` finds them; URLs and globs expanded by fsspec, in sorted order."""
    for path in paths:
        if not is_url(path):
            yield from discover_files([path], settings)
            continue
        import fsspec

        try:
            found = sorted(f.full_name for f in fsspec.open_files(path, "rb"))
        except (OSError, ValueError) as exc:
            yield InputError(path, f"cannot list: {exc}")
            continue
        if not found:
            yield InputError(path, "no files match")
        for name in found:
            yield name if is_url(name) else f"{path.split('://', 1)[0]}://{name}"


class DaskLinter:
    """Lint on a Dask cluster; iterate over ``results(paths)`` inside ``with``."""

    def __init__(
        self,
        address: str,
        rules: list[Rule],
        ctx: Context,
        settings: Settings | None = None,
        fields: FeedFields | None = None,
        workers: int | None = None,
    ) -> None:
        """Connect to the scheduler at ``address`` ("local": start a LocalCluster of ``workers`` processes)."""
        self.address = address
        self.workers = workers
        self.rules = rules
        self.ctx = ctx
        self.settings = settings
        self.spec = LintSpec.of(rules, ctx, settings, fields)
        self.client: Any = None
        self.cluster: Any = None
        self.spec_future: Any = None

    def __enter__(self) -> DaskLinter:
        """Connect (or start the local cluster)."""
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise DaskUnavailable("--dask needs the optional extra: pip install 'mtqa[dask]'") from None
        try:
            if self.address == "local":
                self.cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
                self.client = Client(self.cluster)
            else:
                self.client = Client(self.address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            self.__exit__(None, None, None)
            raise DaskUnavailable(f"cannot reach the Dask scheduler {self.address}: {exc}") from None
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Disconnect (and stop a local cluster)."""
        self.spec_future = None
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def results(self, paths: list[str]) -> Iterator[Result]:
        """Lint every file under ``paths`` on the cluster; results come in the order of a local run."""
        assert self.client is not None, "use DaskLinter in a with statement"
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        if self.spec_future is None:  # once per connection: scattering it again would share, then lose, its key
            self.spec_future = self.client.scatter(self.spec, broadcast=True)
        spec = self.spec_future
        window: deque[Any] = deque()
        for batch in batches(expand(paths, self.settings), BATCH):
            if isinstance(batch, InputError):
                window.append([batch])
            elif batch == [STDIN]:
                window.append(lint_batch(batch, self.rules, self.ctx, self.spec))
            else:
                window.append((batch, self.client.submit(lint_remote_batch, batch, spec, pure=False)))
            while len(window) > IN_FLIGHT_PER_WORKER * workers:
                yield from _gather(window.popleft())
        while window:
            yield from _gather(window.popleft())


def _gather(item: Any) -> list[Result]:
    """A batch's results; a task that failed on the cluster is one error per file of its batch."""
    if isinstance(item, list):
        return item
    batch, future = item
    try:
        results: list[Result] = future.result()
    except Exception as exc:  # a worker died or the task raised: report, go on with the other batches
        return [InputError(path, f"failed on the Dask cluster ({type(exc).__name__}: {exc})") for path in batch]
    return results
