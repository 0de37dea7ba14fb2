"""``check``'s text output in a real terminal and in a pipe.

In a terminal (a pseudo-terminal of a set width) lines wrap at its width between words and names: no line is
wider than the terminal in cells (a Chinese character takes two), no unit name is cut across lines, no line ends
in spaces. In a pipe nothing is wrapped: each finding's line is whole, however long. One child process serves
every width (the window is resized between runs of the command in it), so the suite stays fast.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import unicodedata
from pathlib import Path

import disclose_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "weihai-2024"
WIDTHS = (60, 44, 100)
ARGS = ["check", str(EXAMPLES), "--as-of", "2024-12-31"]
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_END = "=== disclose done ==="

# Runs the command once per width in one process: the window size is set by the parent before each run (the
# child waits for a line on stdin), and ``shutil.get_terminal_size`` reads it from the terminal each time.
CHILD = f"""
import sys
from disclose_cli.cli import main
for _ in range({len(WIDTHS)}):
    sys.stdin.readline()
    main({ARGS!r})
    sys.stdout.flush()
    print({_END!r}, flush=True)
"""


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _read_until(fd: int, marker: bytes, timeout: float = 60) -> bytes:
    out = b""
    while marker not in out:
        ready, _, _ = select.select([fd], [], [], timeout)
        assert ready, f"no output from the terminal for {timeout}s; so far: {out[-500:]!r}"
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    return out


def _in_terminal() -> dict[int, list[str]]:
    """The lines ``check`` prints in a terminal of each width, colours removed."""
    leader, follower = pty.openpty()
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "DISCLOSE_LANG", "TERM")}
    environment.update(TERM="xterm", PYTHONPATH=str(Path(disclose_cli.__file__).resolve().parents[1]),
                       PYTHONIOENCODING="utf-8")
    # stderr is a pipe: the progress bar of a terminal's stderr is not what is measured here.
    process = subprocess.Popen([sys.executable, "-c", CHILD], stdin=follower, stdout=follower,
                               stderr=subprocess.PIPE, env=environment, close_fds=True)
    os.close(follower)
    seen: dict[int, list[str]] = {}
    try:
        for width in WIDTHS:
            fcntl.ioctl(leader, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
            os.write(leader, b"\n")
            raw = _read_until(leader, _END.encode()).decode("utf-8")
            text = _ANSI.sub("", raw.replace("\r\n", "\n")).split(_END)[0]
            seen[width] = [line for line in text.split("\n")[1:] if line != ""]  # the first is the echoed newline
        _, errors = process.communicate(timeout=60)
        assert process.returncode == 0, errors.decode("utf-8", "replace")
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    return seen


def _unit_names(cli) -> list[str]:
    listed = json.loads(cli("units", "--format", "json").stdout)
    units = listed["units"] if isinstance(listed, dict) else listed
    return [unit["name"] for unit in units]


def _cut_names(lines: list[str], names: list[str]) -> list[tuple[str, str, str]]:
    """Names that are split across a line break: the end of one line and the start of the next make the name,
    and neither holds it whole."""
    cut = []
    for upper, lower in zip(lines, lines[1:]):
        tail, head = upper.rstrip(), lower.lstrip()
        for name in names:
            for split in range(1, len(name)):
                if tail.endswith(name[:split]) and head.startswith(name[split:]):
                    cut.append((name, upper, lower))
    return cut


def test_check_wraps_to_the_terminal_and_not_in_a_pipe(cli) -> None:
    names = _unit_names(cli)
    assert len(names) > 20
    terminal = _in_terminal()
    for width, lines in terminal.items():
        assert any("截至2024-12-31" in line for line in lines), lines[-5:]
        too_wide = [line for line in lines if cells(line) > width]
        assert not too_wide, f"wider than {width} cells: {too_wide}"
        assert not [line for line in lines if line != line.rstrip()], f"a line ends in spaces at width {width}"
        assert not _cut_names(lines, names), f"a unit name cut at width {width}: {_cut_names(lines, names)}"
    # The narrow terminal had to wrap: a finding's line became several.
    assert len(terminal[44]) > len(terminal[100])

    piped = cli(*ARGS, env={"DISCLOSE_LANG": None}).stdout.splitlines()
    assert piped and not [line for line in piped if line != line.rstrip()]
    # Off a terminal the same findings are whole lines: every line wider than the terminal stays one line.
    assert max(cells(line) for line in piped) > 100
    assert len(piped) < len(terminal[60])
    long_lines = [line for line in piped if cells(line) > 60]
    assert long_lines and not set(long_lines) & set(terminal[60])  # whole in the pipe, wrapped in the terminal


def test_a_name_wider_than_the_line_is_cut_without_spaces_at_either_end() -> None:
    """Wherever the checkout lies, its paths have some length: at every width, a path as long as the row or longer
    (cut by characters) leaves no row ending or starting in spaces, and no row wider than the terminal."""
    from disclose_cli.reporters.text import _wrap

    indent = 4
    for length in range(20, 80):
        heading = f"市教育局  /{'a' * (length - 1)}  未通过5项  未到期1项  豁免2项"
        for width in range(24, 100):
            rows = _wrap(heading, width, indent)
            assert all(row == row.strip() and row for row in rows), (length, width, rows)
            assert all(cells(row) <= width - (indent if number else 0) for number, row in enumerate(rows))
            assert "".join(rows).replace(" ", "") == heading.replace(" ", "")
