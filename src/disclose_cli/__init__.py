"""disclose: compliance checker for government-transparency (政务公开) work.

The command line is ``disclose`` (``disclose_cli.cli.main(argv) -> int``); the Python API is
``disclose_cli.api`` (load a data set, check it as of a date, render a document). Importing this package loads
nothing heavy.
"""

__version__ = "0.1.0"

# The project's public page (its distribution on PyPI), also named in pyproject.toml's [project.urls]. Its
# description (README.md) lists every rule.
HOMEPAGE = "https://pypi.org/project/disclose-cli/"
