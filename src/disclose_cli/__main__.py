"""``python -m disclose_cli``: as the console script."""

from .entry import run

run()
