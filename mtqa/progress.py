"""A progress bar for long runs, on standard error, only when it is a terminal and not in CI."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Progress(Protocol):
    """Told when a document is done."""

    def advance(self, name: str) -> None:
        """Count one more document, ``name``."""


class _Silent:
    def advance(self, name: str) -> None:
        """Do nothing."""


def wanted(quiet: bool) -> bool:
    """Tell whether to show a progress bar: not asked to be quiet, stderr is a terminal, not in CI."""
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress(show: bool, total: int | None) -> Iterator[Progress]:
    """A progress bar over ``total`` documents (None: unknown) while the block runs, or a silent one."""
    if not show:
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    columns = (
        TextColumn("[bold]mtqa[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", markup=False),
    )
    with RichProgress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=total)

        class _Bar:
            def advance(self, name: str) -> None:
                bar.update(task, advance=1, description=name[-60:])

        yield _Bar()
