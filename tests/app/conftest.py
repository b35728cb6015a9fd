"""AppTest fixtures: a real DuckDB file filled with the demo data, one copy per test."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.demo import load_demo
from vrp_metrics.store import Store

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")
_PAGES_MANAGER_INIT = PagesManager.__init__


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "first_visit: run the app as a server that nobody has opened yet"
    )


@pytest.fixture(autouse=True)
def server_past_its_first_visit(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Run the app as a server does once any visit has run app.py.

    Until ``st.navigation`` has run once in a server, Streamlit serves ``pages/`` scripts
    on their own, and each page first hands itself to app.py (``dashboard/frame.py``). A
    server leaves that state for good after its first visit; AppTest re-enters it on every
    run, where the hand-over would drop the widget values a test has just set. Tests
    marked ``first_visit`` keep Streamlit's start-up behaviour.
    """
    if request.node.get_closest_marker("first_visit"):
        return

    def past_first_visit(self: PagesManager, *args: object, **kwargs: object) -> None:
        _PAGES_MANAGER_INIT(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", past_first_visit)


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Store(path) as store:
        load_demo(store, load_catalogue())
    return path


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the demo database that the app under test opens (via VRP_DB)."""
    path = tmp_path / "vrp.duckdb"
    shutil.copy(demo_db_template, path)
    monkeypatch.setenv("VRP_DB", str(path))
    return path


def open_page(page: str | None = None, **query: str) -> AppTest:
    """Run the app (optionally with URL query parameters) and switch to ``pages/<page>.py``."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"pages/{page}.py").run()
    return at


def shown(markdown: str) -> str:
    """What a reader sees of a Markdown text that escapes what it quotes: the text with
    its backslash escapes (of ASCII punctuation, as CommonMark has them) and its
    invisible word joiners (which keep a bare address from becoming a link) taken out."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\N{WORD JOINER}", "")


def page_text(at: AppTest) -> str:
    """Every heading, paragraph, caption, message and metric the page shows, as one text."""
    kinds = ("title", "header", "subheader", "markdown", "caption")
    kinds += ("info", "success", "warning", "error")
    parts = [str(element.value) for kind in kinds for element in at.get(kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)


class _BoardParser(HTMLParser):
    """The rows of a board table (``dashboard/board_table.py``) as the browser shows
    them: each cell's text, and each code's link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.rows: list[list[str]] = []
        self.links: list[tuple[str, str | None]] = []
        self._cell: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        elif tag == "a":
            attributes = dict(attrs)
            self.links.append((attributes["href"], attributes.get("target")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell)
            (self.headings if self._in_head else self.rows[-1]).append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def board(at: AppTest, index: int = 0) -> tuple[pd.DataFrame, list[tuple[str, str | None]]]:
    """The page's ``index``-th board table: its cells under their headings, and each
    code's (address, target)."""
    tables = [m.value for m in at.markdown if 'class="vrp-board"' in m.value]
    parser = _BoardParser()
    parser.feed(tables[index])
    return pd.DataFrame(parser.rows, columns=parser.headings), parser.links
