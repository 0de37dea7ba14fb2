"""The HTML report in a real browser: headless Chromium renders it to a DOM, a screenshot and an A4 PDF.

Skipped when no Chromium is installed (CI's ``.ci/run`` installs Debian's ``chromium``). The data set carries
titles that would run script if they were not escaped; the page must show them as text and run nothing. The
page is written by ``disclose report`` in this process (conftest's ``run_in_process``); Chromium runs as a process.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

from conftest import run_in_process

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (CI installs Debian's chromium)")

TIMEOUT = 120
PWNED = "pwned-by-onerror"

REPORT = f'''unit: 市科技局
year: 2024
consultations:
  - title: "<script>document.title='{PWNED}'</script>"
    opened: 2024-07-01
    closed: 2024-07-10
  - title: "\\"><img src=x onerror=\\"document.title='{PWNED}'\\">"
    opened: 2024-07-02
    closed: 2024-07-11
  - title: "a|b\\nc\\u202Ed"
    opened: 2024-07-03
    closed: 2024-07-12
meetings:
  - title: 2024年上半年科技工作座谈会
    date: 2024-03-15
    public_attendees: 2
    opinions_published: 2024-03-25
trainings:
  - title: 政务公开业务培训
    date: 2024-06-20
'''

DISTRICT = '''unit: 环翠区
year: 2024
meetings:
  - title: 区政府第一次常务会议
    date: 2024-02-20
    public_attendees: 3
    opinions_published: 2024-03-01
interpretations:
  - {policy: 环翠区城市更新三年行动方案, form: video, published: 2024-05-11}
  - {policy: 环翠区城市更新三年行动方案, form: text, published: 2024-05-11}
'''


def chromium(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Headless Chromium, offline, with a fresh profile each run."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                   "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args]
        return subprocess.run(command, capture_output=True, timeout=TIMEOUT)


def dump_dom(page: Path) -> str:
    result = chromium("--virtual-time-budget=3000", "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    data = folder / "data"
    data.mkdir()
    (data / "kj.yaml").write_text(REPORT, encoding="utf-8")
    (data / "hc.yaml").write_text(DISTRICT, encoding="utf-8")
    out = folder / "q3.html"
    result = run_in_process("report", data, "--period", "2024Q3", "--as-of", "2024-09-30", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def findings(report: Path) -> list[dict]:
    """What ``disclose check`` finds in the same data at the same date, to compare the page with."""
    result = run_in_process("check", report.parent / "data", "--as-of", "2024-09-30", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


@pytest.fixture(scope="module")
def report_dom(report: Path) -> str:
    """The shipped page as Chromium builds it, read once for the tests that look at it."""
    return dump_dom(report)


def title_of(dom: str) -> str:
    match = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert match, "the page has a title"
    return match.group(1)


def test_dom_shows_the_units_and_the_headline_numbers(report_dom: str, findings: list[dict]) -> None:
    dom = report_dom
    assert "市科学技术局" in dom and "环翠区" in dom
    figures = {name: int(value) for name, value in re.findall(r'data-kpi="([a-z-]+)">(\d+)', dom)}
    units = {f["unit"] for f in findings}
    missing = {f["unit"] for f in findings if f["rule"] == "report-missing"}
    assert figures["units-covered"] == len(units)
    assert figures["units-reporting"] == 2 == len(units - missing)
    assert figures["units-missing"] == len(missing)
    assert figures["compliant-units"] == len(units - {f["unit"] for f in findings if f["status"] == "fail"})
    for status in ("pass", "fail", "pending", "waived"):
        assert figures[status] == sum(1 for f in findings if f["status"] == status), status
    assert figures["fail"] >= len(missing) + 3  # the missing reports and three short consultations
    assert title_of(dom) == "2024年第三季度政务公开重点工作落实情况"


def test_hostile_titles_appear_as_text_and_run_nothing(report: Path, report_dom: str, tmp_path: Path) -> None:
    # The shipped page carries a Content-Security-Policy; without it, escaping alone must keep the script out.
    bare = tmp_path / "no-csp.html"
    bare.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                           report.read_text(encoding="utf-8")), encoding="utf-8")
    for dom in (report_dom, dump_dom(bare)):
        assert PWNED not in title_of(dom)
        assert not re.search(r"<img\b", dom), "an injected <img> element"
        assert not re.search(r"<script\b", dom), "an injected <script> element"
        assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", dom), "an injected event handler"
        assert "&lt;script&gt;document.title=" in dom
        assert "&lt;img src=x onerror=" in dom
        assert "&lt;U+202E&gt;" in dom and "\u202e" not in dom


def test_the_browser_would_have_run_an_injected_handler(tmp_path: Path) -> None:
    """A control: the same check catches a page where the handler is real markup."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><title>ok</title><img src=x onerror=\"document.title='{PWNED}'\">",
                    encoding="utf-8")
    assert title_of(dump_dom(page)) == PWNED


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit RGB or RGBA PNG (standard library only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                nearest = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + nearest) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(row[i:i + 3]) for row in rows for i in range(0, stride, channels)]


def test_screenshot_is_not_blank(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = chromium("--hide-scrollbars", "--window-size=1000,1400", f"--screenshot={shot}", report.as_uri())
    assert result.returncode == 0 and shot.is_file(), result.stderr.decode(errors="replace")[-2000:]
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (1000, 1400)
    counts: dict[bytes, int] = {}
    for pixel in pixels:
        counts[pixel] = counts.get(pixel, 0) + 1
    background = max(counts.values())
    assert len(counts) > 50, "a page of text and charts has many colours"
    assert background < 0.9 * len(pixels), "most of the screenshot is one colour"
    dark = sum(n for pixel, n in counts.items() if sum(pixel) < 200)
    assert dark > 0.002 * len(pixels), "there is dark text on the page"
    assert any(r > g + 60 for (r, g, b) in counts if counts[bytes((r, g, b))] > 50), "the red rule or a fail colour"


def test_prints_on_a4_with_a_page_per_unit(report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "q3.pdf"
    result = chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    assert result.returncode == 0 and pdf.is_file(), result.stderr.decode(errors="replace")[-2000:]
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes, "the PDF names its page size"
    for width, height in boxes:
        assert abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2, (width, height)
    pages = re.search(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data) or re.search(rb"/Count\s+(\d+)", data)
    assert pages and int(pages.group(1)) >= 4, "the summary, the failures and one page per unit"
