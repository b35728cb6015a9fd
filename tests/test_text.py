"""Names people type and the invisible characters refused in them (vrp_metrics.text)."""

from __future__ import annotations

import unicodedata

import pytest

from vrp_metrics.text import (
    MAX_NAME_LENGTH,
    TextError,
    describe_invisible,
    file_name_problem,
    free_text,
    person_name,
    shown_visibly,
)


def test_a_name_is_trimmed_composed_and_its_spaces_made_one():
    decomposed = unicodedata.normalize("NFD", "  Zoë   Brontë\t")
    assert len(decomposed) == 17  # 15 characters composed; each accent one more
    assert person_name(decomposed) == "Zoë Brontë"
    assert len(person_name(decomposed)) == 10


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_a_blank_name_is_refused(blank):
    with pytest.raises(TextError, match="^give a name: the history records who did what$"):
        person_name(blank)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "\u200b",
            "the name '[U+200B]' contains a zero-width space (U+200B), which cannot be seen",
        ),
        (
            "Ann\u202e htimS",
            "the name 'Ann[U+202E] htimS' contains a right-to-left override (U+202E), which",
        ),
        (
            "\u2066Ann\u2069 Smith",
            "the name '[U+2066]Ann[U+2069] Smith' contains a left-to-right isolate (U+2066) "
            "and a pop directional isolate (U+2069), which",
        ),
    ],
)
def test_invisible_characters_in_a_name_are_refused_and_written_out(name, message):
    with pytest.raises(TextError) as refused:
        person_name(name)
    assert str(refused.value).startswith(message)
    assert str(refused.value).endswith("type the name again without it")


def test_control_characters_and_overlong_names_are_refused():
    with pytest.raises(TextError, match=r"control character \(U\+001B\)"):
        person_name("Ann\x1b[2J")
    assert person_name("A" * MAX_NAME_LENGTH) == "A" * MAX_NAME_LENGTH
    with pytest.raises(TextError, match="the name is 101 characters long"):
        person_name("A" * (MAX_NAME_LENGTH + 1))


def test_free_text_loses_its_invisible_characters_only():
    assert free_text(" Sessions\u200b rose \u202eafter\u202c training ") == (
        "Sessions rose after training"
    )
    assert free_text(unicodedata.normalize("NFD", "Café")) == "Café"


def test_file_names_and_descriptions():
    assert file_name_problem("returns Q1.csv") is None
    problem = file_name_problem("returns\u202eVSC.csv")
    assert problem is not None and "'returns[U+202E]VSC.csv'" in problem
    assert describe_invisible("a\u200bb\u200bc\u061c") == (
        "a zero-width space (U+200B) and an Arabic letter mark (U+061C)"
    )
    assert shown_visibly("a\ufeffb") == "a[U+FEFF]b"
