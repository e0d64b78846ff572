"""Allow ``python -m mtqa``."""

from mtqa.cli import app

app()
