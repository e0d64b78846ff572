"""Which files a git work tree ignores, from its ``.gitignore`` files, for the directory walk.

Patterns are matched with ``pathspec``'s ``GitIgnoreSpec`` (git's own rules): each ``.gitignore``
applies below its folder, a deeper file's decision (a negation included) overrides a shallower one,
and ``.git/info/exclude`` applies to the whole tree. Outside a work tree nothing is ignored.
"""

from __future__ import annotations

import os
from pathlib import Path

import pathspec


def work_tree(path: Path) -> Path | None:
    """The root of the git work tree that holds ``path`` (a folder with ``.git``), or None."""
    for folder in [path, *path.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def _spec(path: Path) -> pathspec.GitIgnoreSpec | None:
    """The patterns of an ignore file, or None when it is missing, unreadable or empty."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    return spec if len(spec.patterns) else None


class GitIgnore:
    """The ignore rules met on the way down a directory walk inside one git work tree."""

    def __init__(self, root: Path | None) -> None:
        """Rules for the work tree at ``root`` (None: ignore nothing)."""
        self.root = root
        self.specs: dict[Path, pathspec.GitIgnoreSpec] = {}  # folder → the patterns of its .gitignore
        self.seen: set[Path] = set()
        if root is not None:
            exclude = _spec(root / ".git" / "info" / "exclude") if (root / ".git").is_dir() else None
            if exclude is not None:
                self.specs[root] = exclude
            self.seen.add(root)  # the root's own .gitignore is read after info/exclude: it wins
            if (spec := _spec(root / ".gitignore")) is not None:
                self.specs[root] = _merge(self.specs.get(root), spec)

    @classmethod
    def for_directory(cls, directory: Path) -> GitIgnore:
        """Rules for walking ``directory``: those of its work tree, with the ``.gitignore`` files above it read."""
        absolute = Path(os.path.abspath(directory))
        ignore = cls(work_tree(absolute))
        if ignore.root is not None:
            for folder in reversed(absolute.relative_to(ignore.root).parents):
                ignore.enter(ignore.root / folder)
            ignore.enter(absolute)
        return ignore

    def enter(self, folder: str | Path) -> None:
        """Read the ``.gitignore`` of ``folder`` (once) as the walk enters it."""
        if self.root is None:
            return
        path = Path(os.path.abspath(folder))
        if path in self.seen:
            return
        self.seen.add(path)
        if (spec := _spec(path / ".gitignore")) is not None:
            self.specs[path] = spec

    def ignored(self, path: str | Path, is_dir: bool) -> bool:
        """True when git ignores ``path`` (a folder when ``is_dir``); the deepest deciding rule wins."""
        if self.root is None or not self.specs:
            return False
        absolute = Path(os.path.abspath(path))
        verdict = False
        for folder in [*reversed(absolute.parents), absolute]:
            spec = self.specs.get(folder)
            if spec is None or folder == absolute:
                continue
            relative = absolute.relative_to(folder).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(relative)
            if result.include is not None:
                verdict = result.include
        return verdict


def _merge(first: pathspec.GitIgnoreSpec | None, second: pathspec.GitIgnoreSpec) -> pathspec.GitIgnoreSpec:
    """One spec with the patterns of ``first`` then ``second`` (later patterns win)."""
    if first is None:
        return second
    return pathspec.GitIgnoreSpec([*first.patterns, *second.patterns])
