"""Personal identifiers and invisible characters in the values of a return (DESIGN §3):
what counts as one, how it is shown (masked), and that every kind of return and every
text column is checked."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from vrp_metrics.returns import personal_rules
from vrp_metrics.returns.identifiers import (
    KINDS,
    NAME,
    find_identifiers,
    nhs_check_digit_holds,
    whole_nhs_numbers,
)
from vrp_metrics.returns.reading import read_table

READINGS = "participant_ref,scale,area,reading_date,score\n"
STAR = "RESET Outcomes Star,Offending"
MEASURES = "measure_code,period,value,comment\n"
TRACKER = "data_source,agency,period,rag_status,barrier,next_action\n"


def found(text: str, names: bool = False) -> list[tuple[str, str]]:
    kinds = (*KINDS, NAME) if names else KINDS
    return [(i.what, i.masked) for i in find_identifiers(text, kinds)]


# -- what counts as an identifier ------------------------------------------------------------


def test_the_nhs_check_digit_worked_by_hand():
    # 943 476 591: 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299;
    # 299 = 27 × 11 + 2, so the check digit is 11 − 2 = 9.
    assert nhs_check_digit_holds("9434765919")
    assert not nhs_check_digit_holds("9434765918")
    # 401 023 213: 4×10 + 0 + 1×8 + 0 + 2×6 + 3×5 + 2×4 + 1×3 + 3×2 = 92 = 8 × 11 + 4,
    # so the check digit would be 7.
    assert nhs_check_digit_holds("4010232137")
    # 000 000 001: 1×2 = 2, and 11 − 2 = 9.
    assert nhs_check_digit_holds("0000000019")
    # 100 000 000: 1×10 = 10, and 11 − 10 = 1.
    assert nhs_check_digit_holds("1000000001")
    # 000 000 006: 6×2 = 12 = 11 + 1, and 11 − 1 = 10: no check digit is valid.
    assert not any(nhs_check_digit_holds(f"000000006{d}") for d in "0123456789")


def test_a_column_of_nhs_numbers_is_checked_in_bulk_as_one_at_a_time():
    texts = pd.Series(
        ["943 476 5919", "9434765918", "943-476-5919", "x 943 476 5919", None, "12", "0000000060"],
        dtype="str",
    )
    shaped, valid = whole_nhs_numbers(texts)
    assert shaped.tolist() == [True, True, True, False, False, False, True]
    assert valid.tolist() == [True, False, True, False, False, False, False]
    # Every number from 943 476 5900 to 943 476 6899: the same answer both ways. Each
    # run of ten shares its first nine digits and has one valid number, unless its check
    # digit would be 10 (about one run in eleven): about 91 of the 100 runs.
    numbers = [str(n) for n in range(9434765900, 9434766900)]
    shaped, valid = whole_nhs_numbers(pd.Series(numbers, dtype="str"))
    assert shaped.all()
    assert valid.tolist() == [nhs_check_digit_holds(n) for n in numbers]
    assert 80 <= valid.sum() <= 100


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("943 476 5919", [("an NHS number", "943 *** ****")]),
        ("9434765919", [("an NHS number", "943*******")]),
        ("943-476-5919", [("an NHS number", "943-***-****")]),
        ("NHS no 943 476 5919.", [("an NHS number", "943 *** ****")]),
        ("john.smith@example.com", [("an email address", "j***@example.com")]),
        ("write to Jo.Bloggs+vrp@hants.gov.uk today", [("an email address", "J***@hants.gov.uk")]),
        ("SO14 7DU", [("a full postcode", "SO14 ***")]),
        ("SO147DU", [("a full postcode", "SO14***")]),
        ("po1 2ab", [("a full postcode", "po1 ***")]),
        ("Lives at EC1A 1BB", [("a full postcode", "EC1A ***")]),
        ("QQ 12 34 56 C", [("a National Insurance number", "QQ ** ** ** *")]),
        ("AB123456C", [("a National Insurance number", "AB*******")]),
        ("DOB 12/03/2008", [("a date of birth", "DOB **/**/****")]),
        ("D.O.B.: 12.03.08", [("a date of birth", "D.O.B.: **.**.**")]),
        ("date of birth 2008-03-12", [("a date of birth", "date of birth ****-**-**")]),
        ("born on 12th March 2008", [("a date of birth", "born on **** ***** ****")]),
        ("12/03/2008 (DOB)", [("a date of birth", "**/**/**** (DOB")]),
        (
            "John Smith DOB 12/03/2008 NHS 943 476 5919 at SO14 7DU",
            [
                ("a date of birth", "DOB **/**/****"),
                ("an NHS number", "943 *** ****"),
                ("a full postcode", "SO14 ***"),
            ],
        ),
    ],
)
def test_identifiers_are_found_and_masked(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "943 476 5918",  # ten digits, wrong check digit
        "0000000060",  # no check digit is valid for these nine
        "94347659190",  # eleven digits
        "SO14",  # an outward code is a district, not a person
        "Referrals in SO14 and PO1 rose",
        "Q1 2nd review",  # Q is no postcode area
        "B1 2nd cohort",  # a lower-case ordinal is prose
        "DA 12 34 56 A",  # D is never a first prefix letter
        "GB 12 34 56 A",  # GB is never a prefix
        "AO 12 34 56 A",  # O is never a second prefix letter
        "AB 12 34 56 E",  # the suffix is A–D
        "reviewed 12/03/2024",  # a date with no word of birth
        "born of the 2019 review",
        "adobe export 12/03/2024",
        "@HIPSVRU on social media",
        "RS-0001",
        "Synthetic demonstration data",
    ],
)
def test_look_alikes_are_not_identifiers(text):
    assert found(text, names=True) == []


@pytest.mark.parametrize(
    ("ref", "name_shaped"),
    [
        ("John Smith", True),
        ("Mary-Jane O'Neil", True),
        ("J. Smith", True),
        ("Smith J", True),
        ("José García", True),
        ("A B", False),  # initials only
        ("RESET Star", False),  # capitals are codes
        ("Team alpha", False),
        ("RS 001", False),
        ("Smith", False),  # one word
    ],
)
def test_a_name_is_two_or_more_capitalised_words(ref, name_shaped):
    assert bool(found(ref, names=True)) is name_shaped
    assert found(ref, names=False) == []  # prose elsewhere is not tested for names


# -- through a return ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "shown", "what"),
    [
        ("943 476 5919", "943 *** ****", "an NHS number"),
        ("john.smith@example.com", "j***@example.com", "an email address"),
        ("SO14 7DU 12/03/2008", "SO14 ***", "a full postcode"),
        ("John Smith", "J*** S***", "a person's name"),
        ("QQ 12 34 56 C", "QQ ** ** ** *", "a National Insurance number"),
    ],
)
def test_a_participant_ref_that_identifies_someone_is_an_error(
    write_csv, validate, ref, shown, what
):
    text = READINGS + f"RS-1,{STAR},01/04/2024,4\n{ref},{STAR},01/05/2024,5\n"
    report = validate(write_csv("readings.csv", text))
    assert report.data is None
    [error] = report.errors
    assert (error.row, error.column, error.value) == (3, "participant_ref", shown)
    assert error.message == (
        f"This participant_ref looks like {what}: returns must not carry personal "
        "identifiers. Give the participant's pseudonymous reference instead, a code your "
        "organisation keeps (such as RS-0001), and send the return again."
    )


def test_a_comment_is_checked_and_names_what_it_holds_without_echoing_it(write_csv, validate):
    comment = "Referral for John Smith, DOB 12/03/2008, NHS 943 476 5919, SO14 7DU"
    text = MEASURES + f'1.1.1.e,2024/25 Q1,4,"{comment}"\n1.1.1.e,2024/25 Q2,5,John Smith called\n'
    report = validate(write_csv("measures.csv", text))
    [error] = report.errors
    assert (error.row, error.column) == (2, "comment")
    assert error.value == "DOB **/**/****, 943 *** ****, SO14 ***"
    assert error.message.startswith(
        "This comment holds what looks like a date of birth, an NHS number and a full "
        "postcode: returns must not carry personal identifiers."
    )
    assert error.message.endswith("A postcode district on its own (such as SO14) may stay.")
    for part in ("12/03/2008", "943 476 5919", "7DU"):
        assert part not in f"{error.value} {error.message}"


def test_every_text_column_of_a_tracker_return_is_checked(write_csv, validate):
    text = TRACKER + (
        "Inbox j.bloggs@example.org,Police,2024/25 Q1,Red,,\n"
        "Exclusions,Council QQ123456C,2024/25 Q1,Amber,,\n"
        "Case files,YOT,2024/25 Q1,Green,Record for PO1 2AB,\n"
        "Referrals,YOT,2024/25 Q1,Green,,Check DOB 01/02/2009\n"
    )
    report = validate(write_csv("tracker.csv", text))
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (2, "data_source", "j***@example.org"),
        (3, "agency", "QQ*******"),
        (4, "barrier", "PO1 ***"),
        (5, "next_action", "DOB **/**/****"),
    ]


def test_an_nhs_number_as_a_count_is_refused_and_never_quoted(write_csv, validate):
    text = "measure_code,period,value\n1.1.1.e,2024/25 Q1,943 476 5919\n"
    report = validate(write_csv("measures.csv", text))
    # The count's own rule quotes the cell too: masked like the identifier rule's.
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (2, "value", "943 *** ****"),
        (2, "value", "943 *** ****"),
    ]
    assert report.errors[0].message.startswith("'943 *** ****' is not a whole number")
    assert report.errors[1].message.startswith("This value holds what looks like an NHS number")
    assert all("943 476 5919" not in e.message for e in report.errors)


def test_a_repeated_name_is_masked_in_the_repeat_message_too(write_csv, validate):
    text = READINGS + f"John Smith,{STAR},01/04/2024,4\nJohn Smith,{STAR},01/04/2024,4\n"
    report = validate(write_csv("readings.csv", text))
    repeat = next(e for e in report.errors if "repeats row 2" in e.message)
    assert repeat.value == "J*** S***, RESET Outcomes Star, Offending, 01/04/2024"


def test_look_alikes_load(write_csv, validate):
    text = MEASURES + (
        "1.1.1.e,2024/25 Q1,4,Referrals from SO14 and PO1; reference 943 476 5918 checked\n"
        '1.1.1.e,2024/25 Q2,5,"Met Southampton City Council on 12/03/2024, Q1 2nd review"\n'
    )
    report = validate(write_csv("measures.csv", text))
    assert report.errors == []
    assert report.data["comment"].str.contains("943 476 5918").tolist() == [True, False]


def test_an_identifier_in_an_excel_number_cell_is_found(write_xlsx, validate):
    path = write_xlsx(
        "readings.xlsx",
        [
            ["participant_ref", "scale", "area", "reading_date", "score"],
            [9434765919, "RESET Outcomes Star", "Offending", "01/04/2024", 4],
        ],
    )
    report = validate(path)
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (2, "participant_ref", "943*******")
    ]


# -- invisible characters and Unicode forms --------------------------------------------------


def test_a_zero_width_space_in_a_reference_is_an_error_shown_visibly(write_csv, validate):
    text = READINGS + f"RS-001,{STAR},01/04/2024,4\nRS-0\u200b01,{STAR},01/05/2024,5\n"
    report = validate(write_csv("readings.csv", text))
    [error] = report.errors
    assert (error.row, error.column, error.value) == (3, "participant_ref", "RS-0[U+200B]01")
    assert error.message == (
        "This participant_ref holds a zero-width space (U+200B), which cannot be seen but "
        "makes it another value than the same text typed without it (one participant would "
        "count as two): type the value again without it."
    )


@pytest.mark.parametrize(
    ("character", "called"),
    [
        ("\u202e", "a right-to-left override (U+202E)"),
        ("\u200f", "a right-to-left mark (U+200F)"),
        ("\u2066", "a left-to-right isolate (U+2066)"),
        ("\u061c", "an Arabic letter mark (U+061C)"),
        ("\ufeff", "a byte order mark (U+FEFF)"),
        ("\u2060", "a word joiner (U+2060)"),
    ],
)
def test_direction_controls_in_a_data_source_are_errors(write_csv, validate, character, called):
    text = TRACKER + f"Police{character} data,Police,2024/25 Q1,Red,,\n"
    report = validate(write_csv("tracker.csv", text))
    [error] = report.errors
    assert (error.row, error.column) == (2, "data_source")
    assert f"This data_source holds {called}, which cannot be seen" in error.message


def test_invisible_characters_in_a_comment_are_removed_with_a_warning(write_csv, validate):
    text = MEASURES + "1.1.1.e,2024/25 Q1,4,Checked\u200b by \u202ethe team\u202c\n"
    text += "1.1.1.e,2024/25 Q2,5,\u200b\n"
    report = validate(write_csv("measures.csv", text))
    assert report.errors == []
    assert [(w.row, w.column, w.value) for w in report.warnings[:2]] == [
        (2, "comment", "Checked[U+200B] by [U+202E]the team[U+202C]"),
        (3, "comment", "[U+200B]"),
    ]
    assert report.warnings[0].message == (
        "This comment holds a zero-width space (U+200B), a right-to-left override (U+202E) "
        "and a pop directional formatting (U+202C): invisible characters are removed from "
        "it when the return is loaded."
    )
    comments = report.data["comment"]
    assert comments[0] == "Checked by the team"
    assert pd.isna(comments[1])  # nothing was left: an empty cell


def test_composed_and_decomposed_letters_are_one_participant(write_csv, validate):
    composed, decomposed = "ZOË-01", unicodedata.normalize("NFD", "ZOË-01")
    assert composed != decomposed
    text = READINGS + f"{composed},{STAR},01/04/2024,4\n{decomposed},{STAR},01/05/2024,6\n"
    report = validate(write_csv("readings.csv", text))
    assert report.errors == []
    assert report.warnings == []  # not two participants with one reading each
    assert report.data["participant_ref"].tolist() == [composed, composed]


def test_every_cell_and_header_is_read_composed():
    decomposed = unicodedata.normalize("NFD", "Café")
    table = read_table("x.csv", f"comment,{decomposed}\n{decomposed},plain\n".encode())
    assert table.headers == ["comment", "Café"]
    assert table.cells.iloc[0].tolist() == ["Café", "plain"]


def test_a_file_name_with_a_direction_override_is_refused(write_csv, validate):
    path = write_csv("returns\u202eVSC.csv", MEASURES + "1.1.1.e,2024/25 Q1,4,\n")
    report = validate(path)
    assert report.data is None and report.kind is None
    [error] = report.errors
    assert report.file == error.file == str(path).replace("\u202e", "[U+202E]")
    assert (error.row, error.column, error.value) == (None, None, None)
    assert error.message.startswith(
        "The file name contains a right-to-left override (U+202E), which cannot be seen but "
        "changes how the name is shown"
    )
    assert "\u202e" not in error.message


def test_an_upload_named_with_a_zero_width_space_is_refused(validate):
    report = validate(("measures\u200b.csv", (MEASURES + "1.1.1.e,2024/25 Q1,4,\n").encode()))
    assert report.file == "measures[U+200B].csv"
    assert not report.ok


def test_invisible_characters_in_headers_count_as_nothing(write_csv, validate):
    text = (
        "participant\u200b_ref,scale,area,reading_date,score,N\u200bHS No\n"
        f"RS-1,{STAR},01/04/2024,4,\nRS-1,{STAR},01/05/2024,5,\n"
    )
    report = validate(write_csv("readings.csv", text))
    [error] = report.errors
    assert (error.row, error.column) == (None, "N\u200bHS No")
    assert error.message.startswith("The column 'N\u200bHS No' looks like an NHS number")
    assert report.warnings == []  # participant_ref was recognised


def test_too_many_values_to_look_at_closely_refuse_the_column_at_once(
    write_csv, validate, monkeypatch
):
    # Three different addresses, with the close look limited to two: the column is
    # refused as a whole; the repeated reading still quotes its address masked.
    monkeypatch.setattr(personal_rules, "CLOSE_LOOKS", 2)
    text = READINGS + "".join(
        f"{ref},{STAR},01/04/2024,4\n"
        for ref in ("a.one@example.com", "b.two@example.com", "c.three@example.com")
    )
    text += f"c.three@example.com,{STAR},01/04/2024,4\n"
    report = validate(write_csv("readings.csv", text))
    assert [(e.row, e.column) for e in report.errors] == [
        (None, "participant_ref"),
        (5, "participant_ref, scale, area, reading_date"),
    ]
    assert report.errors[0].message.startswith(
        "Column participant_ref has 3 different values that may hold personal identifiers"
    )
    assert report.errors[1].value == "c***@example.com, RESET Outcomes Star, Offending, 01/04/2024"
