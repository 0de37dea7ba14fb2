#!/usr/bin/env bash
# Mutation testing of the rules and the working-day calendar (not part of CI; docs/testing.md says why and how).
#
#   scripts/mutation.sh            run mutmut (configured in pyproject.toml [tool.mutmut]), then print the score
#   scripts/mutation.sh --score    print the score of the last run only
#
# mutmut copies the project into mutants/ and keeps its results there, so a second run only re-tests what
# changed. It runs at most 2 test processes at a time (the machines are shared). Exits 1 when fewer than 97% of
# the mutants are killed, 2 when something it needs is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

THRESHOLD=97
MUTMUT_VERSION=3.8.0

if ! command -v mutmut >/dev/null 2>&1 || [ "$(mutmut --version 2>/dev/null | awk '{print $NF}')" != "$MUTMUT_VERSION" ]; then
    echo "mutation.sh needs mutmut $MUTMUT_VERSION (and the test extra): pip install 'mutmut==$MUTMUT_VERSION' '.[test]'" >&2
    exit 2
fi

if [ "${1:-}" != "--score" ]; then
    # mutmut's exit code says nothing about the score; the table below decides.
    mkdir -p mutants
    echo "running mutmut (the first run takes about 15 minutes; its progress is in mutants/run.log)" >&2
    mutmut run --max-children 2 >mutants/run.log 2>&1 || { tail -n 40 mutants/run.log >&2; exit 2; }
fi

python - "$THRESHOLD" <<'PY'
"""The score per mutated module from mutmut's results in mutants/: killed of all mutants."""
import json
import sys
import tomllib
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

threshold = float(sys.argv[1])
config = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
# mutmut's exit codes (mutmut/stats.py): 1 and 3 killed by a test, 36 and the SIGXCPU codes a timeout (the
# mutant made the tests hang: killed too), 37 caught by the type checker; 0 survived, 5 and 33 no test ran it.
KILLED = {1, 3, 36, 24, -24, 152, 255, 37, -11, -9}
rows, total = [], Counter()
for source in sorted(Path("src").rglob("*.py")):
    if not any(fnmatch(str(source), pattern) for pattern in config["only_mutate"]):
        continue
    meta = Path("mutants") / f"{source}.meta"
    if not meta.exists():
        sys.exit(f"no results for {source}: run scripts/mutation.sh without --score")
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    if any(code is None for code in codes.values()):
        sys.exit(f"{source}: some mutants were not checked; run scripts/mutation.sh again")
    count = Counter(killed=sum(code in KILLED for code in codes.values()),
                    survived=sum(code == 0 for code in codes.values()),
                    untested=sum(code in (5, 33) for code in codes.values()), all=len(codes))
    count["other"] = count["all"] - count["killed"] - count["survived"] - count["untested"]
    total.update(count)
    rows.append((str(source.relative_to("src/disclose_cli")), count))
rows.append(("total", total))

print(f"{'module':<36}{'mutants':>8}{'killed':>8}{'survived':>9}{'no test':>8}{'other':>6}{'score':>8}")
for name, count in rows:
    score = 100 * count["killed"] / count["all"] if count["all"] else 100.0
    print(f"{name:<36}{count['all']:>8}{count['killed']:>8}{count['survived']:>9}{count['untested']:>8}"
          f"{count['other']:>6}{score:>7.1f}%")
score = 100 * total["killed"] / total["all"] if total["all"] else 100.0
if score < threshold:
    print(f"mutation score {score:.1f}% is below {threshold:g}%: `mutmut results` lists the survivors, "
          "`mutmut show NAME` shows one")
    sys.exit(1)
print(f"mutation score {score:.1f}% (at least {threshold:g}%)")
PY
