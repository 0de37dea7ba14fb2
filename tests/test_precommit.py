"""The pre-commit hooks of .pre-commit-hooks.yaml, installed as docs/ci.md's recipe installs them.

The recipe's ``.pre-commit-config.yaml`` is taken from docs/ci.md with its ``repo:`` pointing at a local
``file://`` git repository that holds a snapshot of this checkout (its tracked and new files, so that uncommitted
work is what runs) and ``rev:`` pinned to the snapshot's commit. pre-commit installs the hook environment once
for the module (one PRE_COMMIT_HOME; both tests run on one worker; clean_env says what it reuses), then runs the
hooks in a temporary git data repository (a copy of tests/datarepo) holding valid reports and an invalid draft. The
hooks run without DISCLOSE_LANG, as in a data repository: they speak Chinese, the default language.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURE = TESTS / "datarepo"
VALID = ["reports/2025/jia-qu.yaml", "reports/2025/shi-shujuju.yaml", "reports/2025/yi-kaifaqu.yaml"]
PROJECT_FILES = ["disclose.yaml", "units.yaml", "catalogs/tasks_2025.yaml"]
BAD = "drafts/jia-qu-draft.yaml"  # outside the configured report folder: only disclose-validate sees it
BAD_TEXT = """\
unit: 甲区
year: 2025
meetings:
  - title: 区政府常务会议（一季度）
    date: 2025-02-20
    public_attendees: three
interpretations:
  - {policy: 甲区老旧小区改造方案, form: vidoe, published: 2025-05-10}
"""

pytestmark = [pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"),
              pytest.mark.xdist_group("pre-commit")]  # one hook environment, installed once


def clean_env(home: Path | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()  # no language setting: the hooks speak Chinese
           if not key.startswith(("GIT_", "PRE_COMMIT")) and key not in ("NO_COLOR", "FORCE_COLOR", "DISCLOSE_LANG")}
    env.update(PYTHONIOENCODING="utf-8", NO_COLOR="1")
    if home is not None:
        # The hook environment pip installs is used once: compiling its packages' bytecode would only cost time.
        # It sees the packages installed here (virtualenv's system site packages): pip still builds and installs
        # the hook repository at its pinned rev, but takes its dependencies and its build backend from what is
        # installed (PIP_NO_BUILD_ISOLATION=0 is pip's spelling of --no-build-isolation) instead of installing
        # them again from the index: 3 seconds instead of 15. Installing from the index is what CI's own
        # ``pip install`` does.
        env.update(PRE_COMMIT_HOME=str(home), PIP_NO_COMPILE="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
                   VIRTUALENV_SYSTEM_SITE_PACKAGES="1", PIP_NO_BUILD_ISOLATION="0")
    return env


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=clean_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


def commit_all(repo: Path, message: str) -> str:
    """``repo`` made a git repository holding everything in it as one commit; the commit's id."""
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.invalid")
    git(repo, "config", "commit.gpgsign", "false")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def recipe() -> dict:
    """The ``.pre-commit-config.yaml`` that docs/ci.md tells a data repository to add."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8").split("## pre-commit", 1)[1]
    return yaml.safe_load(re.search(r"```yaml\n(.*?)```", text, re.S).group(1))


@pytest.fixture(scope="module")
def data_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data repository, its .pre-commit-config.yaml the recipe's, pointing at a snapshot of this checkout."""
    folder = tmp_path_factory.mktemp("precommit")
    snapshot = folder / "disclose"
    files = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    config = recipe()
    assert [hook["id"] for hook in config["repos"][0]["hooks"]] == ["disclose-validate", "disclose-check"]
    config["repos"][0].update(repo=snapshot.as_uri(), rev=commit_all(snapshot, "snapshot"))

    repo = folder / "qinghe"
    shutil.copytree(FIXTURE, repo)
    (repo / BAD).parent.mkdir()
    (repo / BAD).write_text(BAD_TEXT, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    commit_all(repo, "data")
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def run_hooks(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit run ARGS`` in the data repository. The first run installs the hook environment, hence the
    generous timeout."""
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args, "--color", "never"],
                          cwd=repo, env=clean_env(home), capture_output=True, text=True, encoding="utf-8",
                          timeout=600)


def hook_section(output: str, name: str) -> str:
    """The lines pre-commit prints for one hook: its status line and its output, up to the next hook."""
    match = re.search(rf"^{re.escape(name)}\.+(Passed|Failed|\(no files to check\)Skipped)$(.*?)(?=^\S[^\n]*\.{{3,}}"
                      rf"|\Z)", output, flags=re.M | re.S)
    assert match, f"no {name} hook in:\n{output[-3000:]}"
    return match.group(0)


def test_the_hooks_file_offers_validate_and_check() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert set(hooks) == {"disclose-validate", "disclose-check"}
    assert hooks["disclose-validate"]["entry"].split()[:2] == ["disclose", "validate"]
    assert hooks["disclose-check"]["entry"].split()[:2] == ["disclose", "check"]
    # disclose-check is given the staged files, reads everything and reports only what they decide.
    assert hooks["disclose-check"].get("pass_filenames", True) is True
    assert "--affected" in hooks["disclose-check"]["entry"].split()
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert re.search(hook["files"], "reports/2025/a.yaml") and re.search(hook["files"], "b.yml")
        assert not re.search(hook["files"], "README.md")
    exclude = hooks["disclose-validate"]["exclude"]
    assert re.search(exclude, ".pre-commit-config.yaml") and re.search(exclude, ".github/workflows/disclose.yml")
    assert not re.search(exclude, "reports/2025/a.yaml")


def test_the_hooks_fail_on_an_invalid_report_and_show_where(data_repo: Path, pre_commit_home: Path) -> None:
    result = run_hooks(data_repo, pre_commit_home, "--files", *VALID, BAD, *PROJECT_FILES)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    validate = hook_section(output, "disclose validate")
    assert "Failed" in validate.splitlines()[0]
    assert "exit code: 2" in validate
    lines = validate.splitlines()
    bad_meeting = [line for line in lines if line.startswith(f"{BAD}:6:23: ")]
    assert bad_meeting and "three" in bad_meeting[0], validate
    assert "public_attendees（列席公众代表人数）应为整数" in bad_meeting[0], validate  # in Chinese, the default
    assert any(line.startswith(f"{BAD}:8:") and "vidoe" in line and "是否应为“video（视频）”" in line
               for line in lines), validate
    # Only the draft is faulted: the valid reports and the project files are not reported.
    problems = [line for line in lines if re.match(r"\S+\.ya?ml:\d+:\d+: ", line)]
    assert problems and all(line.startswith(BAD) for line in problems), problems
    assert "Traceback" not in output and "internal error" not in output

    # disclose-check ran too: the configured report folder (without the draft), judged today.
    check = hook_section(output, "disclose check")
    assert "hook id: disclose-check" in check
    assert "exit code: 1" in check  # failures in the data (report-missing, …), not invalid input
    # report-missing, in Chinese: the units that sent no report for 2025, each one failure.
    assert "未报送2025年落实情况的单位（4个，各计未通过1项）" in check, check
    assert re.search(r"^截至\d{4}-\d{2}-\d{2}：3个单位报送3份报告 · 通过\d+项 · 未通过\d+项", check, flags=re.M), check
    assert BAD not in check


def test_the_validate_hook_passes_on_valid_files(data_repo: Path, pre_commit_home: Path) -> None:
    result = run_hooks(data_repo, pre_commit_home, "disclose-validate", "--files", *VALID, *PROJECT_FILES)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert re.search(r"^disclose validate\.+Passed$", output, flags=re.M), output[-3000:]
    assert "disclose check" not in output
