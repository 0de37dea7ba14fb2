"""The HTML report in a real browser: headless Chromium renders it to a DOM, a screenshot and an A4 PDF.

Skipped when no Chromium is installed (CI's ``.ci/run`` installs Debian's ``chromium``). The data set carries
titles that would run script if they were not escaped; the page must show them as text and run nothing. The
shipped example's reports, in Chinese and English, are printed as an office prints them: A4 pages with the title
on the first, a running header and page numbers on the others, no table row alone on a page, tables inside the
margins and English words whole (poppler's ``pdftotext`` reads the pages). The pages are written by ``disclose
report`` in this process (conftest's ``run_in_process``); Chromium runs as a process.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest
from PIL import Image

from browser import Browser
from conftest import run_in_process

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (CI installs Debian's chromium)"),
              pytest.mark.xdist_group("browser")]  # one worker, one Chromium, each page generated once
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "weihai-2024"
TITLES = {"zh": "2024年度政务公开重点工作落实情况",
          "en": "Government Transparency Key Tasks 2024: Implementation Report, Full Year"}

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


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module's pages (tests/browser.py), each page in a fresh tab."""
    started = Browser(CHROMIUM)
    yield started
    started.close()


def dump_dom(browser: Browser, page: Path) -> str:
    with browser.open(page) as tab:
        return tab.dom()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    data = folder / "data"
    data.mkdir()
    (data / "kj.yaml").write_text(REPORT, encoding="utf-8")
    (data / "hc.yaml").write_text(DISTRICT, encoding="utf-8")
    out = folder / "q3.html"
    result = run_in_process("report", data, "--period", "2024Q3", "--as-of", "2024-09-30", "--lang", "zh", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def findings(report: Path) -> list[dict]:
    """What ``disclose check`` finds in the same data at the same date, to compare the page with."""
    result = run_in_process("check", report.parent / "data", "--as-of", "2024-09-30", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


@pytest.fixture(scope="module")
def report_dom(browser: Browser, report: Path) -> str:
    """The shipped page as Chromium builds it, read once for the tests that look at it."""
    return dump_dom(browser, report)


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


def test_hostile_titles_appear_as_text_and_run_nothing(browser: Browser, report: Path, report_dom: str,
                                                       tmp_path: Path) -> None:
    # The shipped page carries a Content-Security-Policy; without it, escaping alone must keep the script out.
    bare = tmp_path / "no-csp.html"
    bare.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                           report.read_text(encoding="utf-8")), encoding="utf-8")
    for dom in (report_dom, dump_dom(browser, bare)):
        assert PWNED not in title_of(dom)
        assert not re.search(r"<img\b", dom), "an injected <img> element"
        assert not re.search(r"<script\b", dom), "an injected <script> element"
        assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", dom), "an injected event handler"
        assert "&lt;script&gt;document.title=" in dom
        assert "&lt;img src=x onerror=" in dom
        assert "&lt;U+202E&gt;" in dom and "\u202e" not in dom


def test_the_browser_would_have_run_an_injected_handler(browser: Browser, tmp_path: Path) -> None:
    """A control: the same check catches a page where the handler is real markup."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><title>ok</title><img src=x onerror=\"document.title='{PWNED}'\">",
                    encoding="utf-8")
    assert title_of(dump_dom(browser, page)) == PWNED


def colour_counts(png: bytes) -> tuple[tuple[int, int], dict[tuple[int, int, int], int]]:
    """The screenshot's size, and how many of its pixels have each colour."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.size, {colour: count for count, colour in image.getcolors(image.width * image.height)}


@pytest.fixture(scope="module", params=["zh", "en"])
def example(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The shipped example's year report (its longest tables) in one language, and the HTML file."""
    if not EXAMPLES.is_dir():
        pytest.skip("no examples/weihai-2024")
    out = tmp_path_factory.mktemp(f"example-{request.param}") / "2024.html"
    result = run_in_process("report", EXAMPLES, "--period", "2024", "--as-of", "2024-12-31", "--lang", request.param,
                            "-o", out)
    assert result.returncode == 0, result.stderr
    return request.param, out


@pytest.fixture(scope="module")
def printed(browser: Browser, example: tuple[str, Path]) -> tuple[str, Path, Path]:
    """The example printed to PDF as Chromium prints it (without the browser's own header and footer)."""
    lang, page = example
    pdf = page.with_suffix(".pdf")
    with browser.open(page) as tab:
        pdf.write_bytes(tab.pdf())
    return lang, page, pdf


def screenshot(browser: Browser, page: Path) -> bytes:
    with browser.open(page, width=1000, height=1400) as tab:
        return tab.screenshot()


def assert_not_blank(png: bytes) -> None:
    size, counts = colour_counts(png)
    assert size == (1000, 1400)
    pixels = size[0] * size[1]
    background = max(counts.values())
    assert len(counts) > 50, "a page of text and charts has many colours"
    assert background < 0.9 * pixels, "most of the screenshot is one colour"
    dark = sum(n for pixel, n in counts.items() if sum(pixel) < 200)
    assert dark > 0.002 * pixels, "there is dark text on the page"
    assert any(r > g + 60 for (r, g, b), n in counts.items() if n > 50), "the red rule or a fail colour"


def test_screenshot_is_not_blank(browser: Browser, report: Path) -> None:
    assert_not_blank(screenshot(browser, report))


def test_screenshot_of_the_example_is_not_blank(browser: Browser, example: tuple[str, Path]) -> None:
    assert_not_blank(screenshot(browser, example[1]))


def media_boxes(data: bytes) -> list[tuple[float, float]]:
    return [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)]


def test_prints_on_a4_with_a_page_per_unit(browser: Browser, report: Path) -> None:
    with browser.open(report) as tab:
        boxes = media_boxes(tab.pdf())
    assert boxes, "the PDF names its page size"
    for width, height in boxes:  # A4, portrait; the heatmap's page in landscape
        assert sorted((round(width), round(height))) == [595, 842], (width, height)
    assert sum(1 for width, height in boxes if width > height) == 1, "one landscape page: the heatmap"
    assert len(boxes) >= 4, "the summary, the failures and one page per unit"


# --- reading a PDF ------------------------------------------------------------------------------------------------

def page_texts(pdf: Path) -> list[str]:
    """Each page's text, as poppler's pdftotext reads it."""
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def rows_by_page(data: bytes) -> list[list[int]]:
    """For every table of a tagged PDF (Chromium tags what it prints), the page number of each body row: the
    structure tree's TR elements, a header row (TH cells of scope Column) left out."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S)}

    def kids(body: bytes) -> list[int]:
        match = re.search(rb"/K\s*(\[.*?\]|\d+ 0 R)", body, re.S)
        return [int(n) for n in re.findall(rb"(\d+) 0 R", match.group(1))] if match else []

    pages: list[int] = []

    def walk(number: int) -> None:
        body = objects[number]
        if re.search(rb"/Type\s*/Pages\b", body):
            for kid in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids\s*\[(.*?)\]", body, re.S).group(1)):
                walk(int(kid))
        else:
            pages.append(number)

    walk(next(n for n, body in objects.items() if re.search(rb"/Type\s*/Pages\b", body) and b"/Parent" not in body))
    order = {number: index + 1 for index, number in enumerate(pages)}

    def page_of(number: int) -> int | None:
        body = objects.get(number, b"")
        match = re.search(rb"/Pg\s+(\d+) 0 R", body)
        if match:
            return order.get(int(match.group(1)))
        return next((page for page in map(page_of, kids(body)) if page), None)

    def is_header(row: bytes) -> bool:
        cells = [objects.get(cell, b"") for cell in kids(row)]
        return bool(cells) and all(re.search(rb"/S\s*/TH\b", cell) and b"/Scope /Column" in cell for cell in cells)

    tables = []
    for body in objects.values():
        if re.search(rb"/S\s*/Table\b", body):
            rows, queue = [], kids(body)
            for number in queue:
                child = objects.get(number, b"")
                if re.search(rb"/S\s*/(THead|TBody|TFoot)\b", child):
                    queue.extend(kids(child))
                elif re.search(rb"/S\s*/TR\b", child) and not is_header(child):
                    rows.append(page_of(number))
            tables.append(rows)
    return tables


def one_line(text: str) -> str:  # pdftotext's spacing varies: compare texts without it
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(PDFTOTEXT is None, reason="no pdftotext (poppler-utils)")
def test_the_example_prints_as_an_office_forwards_it(printed: tuple[str, Path, Path]) -> None:
    lang, page, pdf = printed
    data = pdf.read_bytes()
    texts = page_texts(pdf)
    units = len(re.findall(r'<section class="card"', page.read_text(encoding="utf-8")))
    # the summary and tables, a landscape page for the heatmap, a page per unit, the notes and the 落款
    assert units + 6 <= len(texts) <= units + 14, len(texts)
    assert len(media_boxes(data)) == len(texts)
    assert one_line(TITLES[lang]) in one_line(texts[0])
    for number, text in enumerate(texts, start=1):
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        assert one_line(f"— {number} —" if lang == "zh" else f"Page {number}") in map(one_line, lines), number
        if number > 1:  # the running header: the title again, at the top of every page after the first
            assert one_line(TITLES[lang]) in one_line(" ".join(lines[:3])), (number, lines[:3])
    assert "威海市人民政府办公室" in texts[-1]
    assert ("2024年12月31日" if lang == "zh" else "31 December 2024") in texts[-1]
    tables = rows_by_page(data)
    assert len(tables) >= 20 and sum(len(rows) for rows in tables) > 100, "the PDF is tagged: its tables are seen"
    assert any(len(set(rows)) > 1 for rows in tables), "a long table runs over pages"
    for rows in tables:
        if len(set(rows)) > 1:  # a table over pages leaves at least two rows on each
            per_page = {number: rows.count(number) for number in set(rows)}
            assert min(per_page.values()) >= 2, per_page


@pytest.mark.skipif(PDFTOTEXT is None, reason="no pdftotext (poppler-utils)")
def test_printed_words_are_whole(printed: tuple[str, Path, Path]) -> None:
    """Every Latin word on the printed pages is a word of the page's text: none is cut in two at a cell's edge
    ("Overd ue", "Feedbac k")."""
    lang, page, pdf = printed
    source = page.read_text(encoding="utf-8")
    visible = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", " ", source, flags=re.S)))
    words = {word.lower() for word in re.findall(r"[A-Za-z]+", visible)} | {"page"}
    printed_words = {word for text in page_texts(pdf) for word in re.findall(r"[A-Za-z]+", text)}
    assert {word for word in printed_words if word.lower() not in words} == set()
    if lang == "en":
        assert len(printed_words) > 200


MEASURE = """<script>
addEventListener('load', () => {
  const found = [], main = document.querySelector('main'), style = getComputedStyle(main);
  const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
  for (const cell of document.querySelectorAll('td, th'))
    if (cell.scrollWidth > cell.clientWidth + 1) found.push('overflows its cell: ' + cell.textContent.trim());
  for (const box of document.querySelectorAll('table, figure, svg, .kpis, .scroll'))
    if (!box.closest('.scroll') || box.matches('.scroll'))
      if (box.getBoundingClientRect().right > right + 1) found.push('past the margin: ' + box.tagName);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (node.parentElement.closest('svg, style, script')) continue;
    for (const m of node.data.matchAll(/[A-Za-z]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) found.push('word cut in two: ' + m[0]);
    }
  }
  const out = document.createElement('pre'); out.id = 'measured'; out.textContent = JSON.stringify(found);
  document.body.append(out);
});
</script>"""


def test_tables_fit_the_page_and_words_wrap_whole(browser: Browser, example: tuple[str, Path], tmp_path: Path) -> None:
    """On screen (an A4-wide sheet): no cell's text runs past its cell, nothing past the right margin (the heatmap
    scrolls sideways within it), no word breaks across lines. A copy without the CSP runs a measuring script."""
    lang, page = example
    copy = tmp_path / "measured.html"
    source = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
    copy.write_text(source.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    with browser.open(copy, width=1000, height=1400) as tab:
        measured = re.search(r'<pre id="measured">(.*?)</pre>', tab.dom(), re.S)
    assert measured, "the measuring script ran"
    assert json.loads(html.unescape(measured.group(1))) == []
