"""Column headers: their canonical names, the kind of return they show, and the
headers that would carry personal identifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vrp_metrics.returns.report import ReturnKind
from vrp_metrics.text import strip_invisible


@dataclass(frozen=True)
class ColumnSpec:
    """The columns of one kind of return."""

    title: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    signature: tuple[str, ...]
    """Columns that together identify this kind of return."""
    distinctive: tuple[str, ...]
    """Columns that only this kind has: enough to guess the kind when others are missing."""
    free_text: tuple[str, ...] = ()
    """Columns of prose that is read, never compared or grouped (see ``personal_rules``)."""

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


COLUMNS: dict[ReturnKind, ColumnSpec] = {
    ReturnKind.measure: ColumnSpec(
        title="a measure return",
        required=("measure_code", "period"),
        optional=("value", "numerator", "denominator", "cohort_size", "comment"),
        signature=("measure_code", "period"),
        distinctive=("measure_code",),
        free_text=("comment",),
    ),
    ReturnKind.readings: ColumnSpec(
        title="an outcome readings return",
        required=("participant_ref", "scale", "reading_date", "score"),
        optional=("area",),
        signature=("participant_ref", "scale", "reading_date", "score"),
        distinctive=("participant_ref", "reading_date"),
    ),
    ReturnKind.tracker: ColumnSpec(
        title="a data tracker return",
        required=("data_source", "agency", "period", "rag_status"),
        optional=("barrier", "next_action"),
        signature=("data_source", "rag_status"),
        distinctive=("data_source", "rag_status"),
        free_text=("barrier", "next_action"),
    ),
    ReturnKind.meeting: ColumnSpec(
        title="a meeting record",
        required=("group", "meeting_date", "format", "agency", "attendance"),
        optional=("host_agency",),
        signature=("meeting_date", "attendance"),
        distinctive=("meeting_date", "attendance"),
    ),
    ReturnKind.actions: ColumnSpec(
        title="an actions log",
        required=(
            "action_ref",
            "group",
            "raised_on",
            "action",
            "owner_agency",
            "due_date",
            "status",
        ),
        optional=("closed_on", "serves"),
        signature=("action_ref", "owner_agency"),
        distinctive=("action_ref", "owner_agency", "raised_on"),
        free_text=("action",),
    ),
    ReturnKind.crest: ColumnSpec(
        title="a Crest tracker return",
        required=("group", "recommendation", "status", "as_of"),
        optional=("evidence",),
        signature=("recommendation", "as_of"),
        distinctive=("recommendation", "as_of"),
        free_text=("evidence",),
    ),
}

_SEPARATORS = re.compile(r"[\s_\-]+")


def canonical_header(header: str) -> str:
    """``" Measure-Code "`` → ``"measure_code"``: case, surrounding spaces, the choice of
    space, hyphen or underscore between words, and invisible characters (a zero-width
    space pasted in with the header) do not matter."""
    return _SEPARATORS.sub("_", strip_invisible(header).strip().casefold()).strip("_")


def column_letter(position: int) -> str:
    """The spreadsheet letter of a 0-based column position: 0 → A, 27 → AB."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def recognise_kind(headers: set[str]) -> ReturnKind | None | tuple[ReturnKind, ...]:
    """The kind of return that canonical ``headers`` show.

    A kind whose whole signature is present wins. Failing that, a kind is guessed from
    a column only it has, so that a return missing a required column gets told which
    one, rather than "unknown headers". Returns ``None`` when no kind fits, or a tuple
    of the kinds when several fit equally well.
    """
    full = tuple(k for k, spec in COLUMNS.items() if set(spec.signature) <= headers)
    if len(full) == 1:
        return full[0]
    if full:
        return full
    partial = tuple(k for k, spec in COLUMNS.items() if set(spec.distinctive) & headers)
    if len(partial) == 1:
        return partial[0]
    return partial or None


def describe_kinds() -> str:
    """What the headers of each kind of return should be, for a file-level error."""
    return "; ".join(
        f"{spec.title} has {', '.join(spec.required)}"
        + (f" (and optionally {', '.join(spec.optional)})" if spec.optional else "")
        for spec in COLUMNS.values()
    )


# Headers that would carry personal identifiers. Punctuation counts as a separator, and
# each pattern is looked for as a run of whole words anywhere in the header, so that
# "Home Postcode", "Client DOB" or "Young Person's Name" are caught while "username",
# "agency_name" or "Scale name" are not: a bare "name" is an identifier only on its own,
# after a word for a person, or followed by "of" ("Name of young person": what follows
# "of" is the person). "NI", "UPN" and "NINO" count only as whole words ("Unit" or
# "Minor" never match). An explicit list keeps the rule predictable for partners: add to
# it rather than loosen it.
_PERSON = (
    r"(client|participant|person|young_person|yp|child|children|parent|carer|patient|pupil"
    r"|student|service_user|victim|offender|suspect|witness|family|guardian)s?"
)
_PERSONAL_IDENTIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (what, re.compile(rf"(?:^|_)(?:{pattern})(?:_|$)"))
    for what, pattern in (
        (
            "a name",
            r"(first|last|given|family|middle|maiden|full|preferred|christian)_names?"
            rf"|surnames?|forenames?|{_PERSON}(_s)?(_(full|first|last|given))?_names?"
            r"|names?_of",
        ),
        ("a date of birth", r"d_o_b|dob|date_of_birth|birth_?date|birthday"),
        ("an email address", r"e_?mails?"),  # before addresses: "email address"
        ("an address", r"address(es)?|house_(name|number)"),
        ("a postcode", r"post_?codes?|postal_codes?|zip_?codes?"),
        ("an NHS number", r"nhs_?(no|num|number|id)"),
        (
            "a National Insurance number",
            r"ni_?(no|num|number)s?|national_insurance(_(no|num|number)s?)?|ninos?",
        ),
        (
            "a pupil number (UPN)",
            r"upns?|unique_pupil_(no|num|number)s?|pupil_(no|num|number|id)s?",
        ),
        (
            "a phone number",
            r"(tele)?phones?|mobiles?|contact_(no|num|number)|tel(_?(no|num|number))?|landline",
        ),
    )
)
# Headers that are identifiers only when they are the whole header.
_WHOLE_HEADER_IDENTIFIERS = (
    ("a name", re.compile(r"names?")),
    ("an address", re.compile(r"street(_name)?")),
    ("an NHS number", re.compile(r"nhs")),
)


_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def personal_identifier(header: str) -> str | None:
    """What personal identifier a header looks like (e.g. "a postcode"), or ``None``.

    Punctuation counts as a separator here, so "D.O.B." and "NHS No." are caught too;
    invisible characters count as nothing, so "N", a zero-width space, "HS No" is too.
    """
    key = _NOT_ALPHANUMERIC.sub("_", strip_invisible(header).casefold()).strip("_")
    for what, pattern in _WHOLE_HEADER_IDENTIFIERS:
        if pattern.fullmatch(key):
            return what
    for what, pattern in _PERSONAL_IDENTIFIERS:
        if pattern.search(key):
            return what
    return None
