"""Who the store records: names are checked and normalised on every write, wherever they
come from (the command line, the upload page, the commentary form)."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from vrp_metrics.access import local_user
from vrp_metrics.returns.report import ReturnKind, ValidationReport
from vrp_metrics.store import Store, StoreError


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "vrp.duckdb")
    yield store
    store.close()


def count_report() -> ValidationReport:
    frame = pd.DataFrame(
        {
            "measure_code": ["5.3.1.a"],
            "period": ["2024/25 Q1"],
            "period_start": pd.to_datetime(["2024-04-01"]).astype("datetime64[us]"),
            "period_type": ["quarter"],
            "value": [12.0],
            "numerator": pd.array([None], dtype="Int64"),
            "denominator": pd.array([None], dtype="Int64"),
            "cohort_size": pd.array([None], dtype="Int64"),
            "comment": [None],
            "source_row": [2],
        }
    )
    digest = hashlib.sha256(b"count").hexdigest()
    return ValidationReport("q1.csv", ReturnKind.measure, 1, sha256=digest, data=frame)


def written(store: Store, sql: str) -> list[tuple]:
    cur = store.cursor()
    try:
        return cur.execute(sql).fetchall()
    finally:
        cur.close()


@pytest.mark.parametrize("name", ["\u200b\u200b", "Ann\u202e htimS", "  "])
def test_a_load_by_an_unreadable_name_writes_nothing(store: Store, name: str) -> None:
    with pytest.raises(StoreError):
        store.load(count_report(), user=local_user(name))
    assert written(store, "SELECT count(*) FROM batch") == [(0,)]
    assert written(store, "SELECT count(*) FROM revision") == [(0,)]


def test_names_are_stored_composed_and_trimmed(store: Store) -> None:
    store.load(count_report(), user=local_user(unicodedata.normalize("NFD", " Zoë  Brontë ")))
    store.withdraw(1, user=local_user("Ann Analyst"))
    assert written(store, "SELECT loaded_by, withdrawn_by FROM batch") == [
        ("Zoë Brontë", "Ann Analyst")
    ]


def test_a_withdrawal_by_an_invisible_name_is_refused(store: Store) -> None:
    store.load(count_report(), user=local_user("Ann"))
    with pytest.raises(StoreError, match=r"zero-width joiner \(U\+200D\)"):
        store.withdraw(1, user=local_user("\u200d"))
    assert written(store, "SELECT withdrawn_by FROM batch") == [(None,)]


def test_a_commentary_author_is_checked_and_the_text_cleaned(store: Store) -> None:
    with pytest.raises(StoreError, match=r"right-to-left override \(U\+202E\)"):
        store.add_commentary(
            "5.3.1.a", "2024/25 Q1", "Text", user=local_user("\u202eriahC"), group="IEO"
        )
    assert written(store, "SELECT count(*) FROM commentary") == [(0,)]
    store.add_commentary(
        "5.3.1.a",
        "2024/25 Q1",
        " Rose\u200b after training ",
        user=local_user("Chair"),
        group="IEO",
    )
    assert written(store, "SELECT body, author FROM commentary") == [
        ("Rose after training", "Chair")
    ]
