"""``python -m disclose_cli``."""

from .cli import main

main()
