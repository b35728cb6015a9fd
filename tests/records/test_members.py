"""Membership as data and the ``members`` command (DESIGN §5), on the fixture catalogue."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from vrp_metrics.catalogue import CatalogueError, load_catalogue
from vrp_metrics.cli import main

HERE = Path(__file__).parent
CATALOGUE = str(HERE / "catalogue.toml")


def test_members_as_csv_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--catalogue", CATALOGUE, "members", "--group", "dawg"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert list(table.columns[:4]) == ["group", "agency", "authority", "role"]
    assert table["agency"].tolist() == ["VRU", "Police", "Fire", "Probation", "Education"]
    assert table.set_index("agency").at["Probation", "left"] == "2024-09-30"
    assert table.set_index("agency").at["Education", "authority"] == "Relevant"
    assert main(["--catalogue", CATALOGUE, "members", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 5 and rows[0] == {
        "group": "DAWG",
        "agency": "VRU",
        "authority": "Other",
        "role": "Chair",
        "attends": True,
        "joined": None,
        "left": None,
    }


def test_an_unknown_group_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--catalogue", CATALOGUE, "members", "--group", "XYZ"]) == 1
    assert "use SVRP, DAWG" in capsys.readouterr().err


def test_membership_is_checked_when_loaded(tmp_path: Path) -> None:
    (tmp_path / "catalogue.toml").write_text((HERE / "catalogue.toml").read_text())
    (tmp_path / "membership.toml").write_text(
        '[[members]]\ngroup = "NOPE"\nagency = "Police"\nauthority = "Specified"\n'
        '[[members]]\ngroup = "DAWG"\nagency = "Fire"\nauthority = "Statutory"\n'
    )
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path / "catalogue.toml")
    assert "members" in str(caught.value) and "authority" in str(caught.value)


def test_the_real_membership_lists_agencies_of_every_group_with_a_tor() -> None:
    catalogue = load_catalogue()
    for group in ("TVRP", "DAWG", "ENG", "IEO"):
        members = catalogue.members_of(group)
        assert any(m.authority == "Specified" for m in members), group
