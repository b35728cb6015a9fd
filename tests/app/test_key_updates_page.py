"""The group page: key updates and decisions written by its chair, read by everyone, and
a Download pack control; and the same control on the overview and objective pages."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page, page_text
from vrp_metrics.access import from_claims
from vrp_metrics.store import Store


def _save(at: AppTest) -> AppTest:
    button = next(b for b in at.button if "Save key updates and decisions" in str(b.label))
    return button.click()


def test_the_chair_writes_key_updates_and_everyone_reads_them(demo_db: Path):
    at = open_page("working_group", group="ENG")
    assert "No key updates or decisions for 2026/27 Q2 yet." in page_text(at)
    body = next(w for w in at.text_area if (w.key or "").startswith("key-updates-ENG"))
    body.input("Decision: two more Feedback Tree events.\n# Not a heading")
    _save(at).run()
    assert not at.exception
    assert "Key updates and decisions saved." in page_text(at)
    # Shown as typed (plain text), with who wrote it.
    assert "Decision: two more Feedback Tree events.\n# Not a heading" in [t.value for t in at.text]
    entries = Store(demo_db).audit_log(action="key_updates")
    assert entries[["object", "outcome"]].values.tolist() == [
        ["key updates ENG 2026/27 Q2", "done"]
    ]


def test_a_viewer_sees_key_updates_without_the_form(demo_db: Path, monkeypatch):
    Store(demo_db).write_key_updates(
        "ENG", "2026/27 Q2", "Agreed at the meeting.", user=from_claims(
            {"email": "c@example.org", "name": "Chair", "roles": ["VRP.Chair.ENG"]}
        )
    )  # fmt: skip
    viewer = from_claims({"email": "v@example.org", "roles": ["VRP.Viewer"]})
    monkeypatch.setattr("dashboard.key_updates.acting_user", lambda: viewer)
    at = open_page("working_group", group="ENG")
    assert "Agreed at the meeting." in [t.value for t in at.text]
    assert not [w for w in at.text_area if (w.key or "").startswith("key-updates-ENG")]


def test_every_board_page_offers_a_pack_in_either_format(demo_db: Path):
    for page, query in (
        ("overview", {}),
        ("objective", {"objective": "SO2"}),
        ("working_group", {"group": "DAWG"}),
    ):
        at = open_page(page, **query)
        assert any("Download pack for 2026/27 Q2" in e.label for e in at.expander), page
        # (The group page's meeting form has a "Format" of its own: Teams or in person.)
        assert ["PowerPoint", "PDF (tagged, for screen readers)"] in [
            r.options for r in at.radio if r.label == "Format"
        ]
