"""Project configuration: ``[tool.mtqa]`` in ``pyproject.toml`` or a ``mtqa.toml``, nearest one wins.

Keys (kebab-case, as in ruff): ``target`` (the target language; ``lang`` is an older name for it;
unset: detected per document), ``source`` (the source language of the translations), ``glossaries``
(paths, relative to the file), ``select``, ``extend-select``, ``ignore``, ``per-file-ignores`` (glob →
codes), ``severity`` (code → error, warning or info), ``exclude`` (globs), ``fail-on``, ``mqm-weights``
(severity → penalty points), ``lm`` (``{ model = "PATH_OR_NAME" }``: a language model that reranks
candidate fixes; a path starting with ``.`` is relative to the file), ``glossary-overrides`` (house-style
changes to glossary entries: ``mtqa.glossary_overrides``). An unknown key or a bad value is an error
naming it.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.glossary_overrides import OverrideError
from mtqa.glossary_overrides import validate as validate_overrides

KEYS = (
    "target",
    "lang",
    "source",
    "glossaries",
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "exclude",
    "fail-on",
    "mqm-weights",
    "lm",
    "glossary-overrides",
)
LEVELS = ("error", "warning", "info")


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass
class Settings:
    """The effective settings of a run."""

    source: Path | None = None
    lang: str = "en"
    lang_given: bool = False  # the configuration sets the target language (else it is detected per document)
    source_lang: str | None = None  # the source language of the translations (None: unknown)
    glossaries: list[Path] | None = None
    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    fail_on: str = "info"
    mqm_weights: dict[str, float] = field(default_factory=lambda: {"error": 5.0, "warning": 1.0, "info": 0.0})
    glossary_overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    lm_model: str | None = None  # [lm] model: a language model (path or cached name) that reranks fixes

    def _matches(self, path: str, glob: str) -> bool:
        """Globs are relative to the configuration's folder; one naming a folder covers what is inside."""
        base = self.source.parent if self.source else Path.cwd()
        relative = _relative(path, base)
        candidates = [relative, Path(path).name, *(str(parent) for parent in Path(relative).parents)]
        return any(fnmatch.fnmatch(name, glob.rstrip("/")) for name in candidates if name != ".")

    def ignored_codes(self, path: str) -> list[str]:
        """The rule selectors ignored for ``path`` by ``per-file-ignores``."""
        return [code for glob, codes in self.per_file_ignores.items() if self._matches(path, glob) for code in codes]

    def excluded(self, path: str) -> bool:
        """True when ``path`` matches an ``exclude`` glob."""
        return any(self._matches(path, glob) for glob in self.exclude)

    def describe(self) -> str:
        """The settings as TOML, for ``mtqa config``."""
        lines = [f"# from {self.source}" if self.source else "# defaults (no mtqa.toml or [tool.mtqa] found)"]
        lines.append(f'target = "{self.lang}"' if self.lang_given else "# target: detected per document (default en)")
        lines.append(f'source = "{self.source_lang}"' if self.source_lang else "# source: not set")
        lines.append(
            f"glossaries = {[str(p) for p in self.glossaries] if self.glossaries is not None else 'shipped'!r}"
        )
        for key, value in (
            ("select", self.select),
            ("extend-select", self.extend_select),
            ("ignore", self.ignore),
            ("exclude", self.exclude),
        ):
            lines.append(f"{key} = {value!r}")
        lines.append(f"per-file-ignores = {self.per_file_ignores!r}")
        lines.append(f"severity = {self.severity!r}")
        lines.append(f'fail-on = "{self.fail_on}"')
        lines.append(f"mqm-weights = {self.mqm_weights!r}")
        if self.lm_model is not None:
            lines.append(f"lm = {{ model = {self.lm_model!r} }}")
        if self.glossary_overrides:
            lines.append(f"glossary-overrides = {self.glossary_overrides!r}")
        return "\n".join(lines) + "\n"


def _relative(path: str, base: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(base.resolve()))
    except ValueError:
        return path


def find_config(start: Path) -> Path | None:
    """The nearest ``mtqa.toml``, or ``pyproject.toml`` with a ``[tool.mtqa]`` table, from ``start`` up."""
    for folder in [start, *start.parents]:
        own = folder / "mtqa.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file():
            try:
                tool = tomllib.loads(project.read_text(encoding="utf-8")).get("tool", {})
            except (OSError, ValueError):  # unreadable, not UTF-8, not TOML: someone else's file
                continue
            if isinstance(tool, dict) and "mtqa" in tool:
                return project
    return None


def load_config(path: Path) -> Settings:
    """Read and validate a configuration file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    table: Any
    if path.name == "pyproject.toml":
        tool = raw.get("tool", {})
        table = tool.get("mtqa", {}) if isinstance(tool, dict) else None
    else:
        table = raw  # mtqa.toml, or any file named with --config: the keys are at the top level
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.mtqa] must be a table")
    unknown = [key for key in table if key not in KEYS]
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
    settings = Settings(source=path)

    def strings(key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key!r} must be a list of strings")
        return value

    if "target" in table and "lang" in table:
        raise ConfigError(f"{path}: 'lang' is another name for 'target': set one of them")
    for key in ("target", "lang"):
        if key in table:
            if not isinstance(table[key], str) or not table[key]:
                raise ConfigError(f'{path}: {key!r} must be a language code such as "en"')
            settings.lang, settings.lang_given = table[key], True
    if "source" in table:
        if not isinstance(table["source"], str) or not table["source"]:
            raise ConfigError(f"{path}: 'source' must be a language code such as \"fr\"")
        settings.source_lang = table["source"]
    if "glossaries" in table:
        settings.glossaries = [(path.parent / p).resolve() for p in strings("glossaries")]
    settings.select, settings.extend_select = strings("select"), strings("extend-select")
    settings.ignore, settings.exclude = strings("ignore"), strings("exclude")
    ignores = table.get("per-file-ignores", {})
    if not isinstance(ignores, dict) or not all(isinstance(v, list) for v in ignores.values()):
        raise ConfigError(f"{path}: 'per-file-ignores' must map globs to lists of rule selectors")
    settings.per_file_ignores = {str(k): [str(c) for c in v] for k, v in ignores.items()}
    severity = table.get("severity", {})
    if not isinstance(severity, dict) or any(v not in LEVELS for v in severity.values()):
        raise ConfigError(f"{path}: 'severity' must map rule codes to one of {', '.join(LEVELS)}")
    settings.severity = {str(k).upper(): str(v) for k, v in severity.items()}
    fail_on = table.get("fail-on", "info")
    if fail_on not in LEVELS:
        raise ConfigError(f"{path}: 'fail-on' must be one of {', '.join(LEVELS)}")
    settings.fail_on = fail_on
    weights = table.get("mqm-weights", {})
    if not isinstance(weights, dict) or any(
        k not in LEVELS or isinstance(v, bool) or not isinstance(v, int | float) or v < 0 for k, v in weights.items()
    ):
        raise ConfigError(f"{path}: 'mqm-weights' must map {', '.join(LEVELS)} to non-negative numbers")
    settings.mqm_weights.update({k: float(v) for k, v in weights.items()})
    lm = table.get("lm", {})
    if not isinstance(lm, dict) or set(lm) - {"model"} or not isinstance(lm.get("model", ""), str):
        raise ConfigError(f"{path}: 'lm' must be a table with one string key, 'model' (a model path or name)")
    if "model" in lm:
        settings.lm_model = str(path.parent / lm["model"]) if lm["model"].startswith(".") else lm["model"]
    overrides = table.get("glossary-overrides", {})
    if not isinstance(overrides, dict):
        raise ConfigError(f"{path}: 'glossary-overrides' must be a table of preferred forms")
    try:
        settings.glossary_overrides = validate_overrides(overrides, str(path))
    except OverrideError as exc:
        raise ConfigError(str(exc)) from None
    return settings


def settings_for(config: Path | None, start: Path) -> Settings:
    """The settings of ``config``, or of the nearest configuration file, or the defaults."""
    path = config or find_config(start)
    return load_config(path) if path else Settings()
