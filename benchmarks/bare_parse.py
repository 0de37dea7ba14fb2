"""The baseline: PyYAML's C loader reading every report file of a folder and holding them all in memory."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

documents = [yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
             for path in sorted(Path(sys.argv[1]).rglob("*.yaml"))]
print(len(documents), "files")
