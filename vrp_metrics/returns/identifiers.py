"""Personal identifiers in a cell's text (DESIGN §3), found with compiled patterns and
shown masked.

What counts as an identifier, and why each pattern is as narrow as it is (free-text
comments must not be refused for ordinary prose):

- **NHS number**: ten digits, written together or spaced 3-3-4 (spaces or hyphens),
  whose tenth digit is the modulus-11 check digit of the first nine. About one ten-digit
  number in eleven passes the check by chance; the rest are not NHS numbers.
- **Email address**: ``something@domain.tld``.
- **UK postcode**, full: an outward code starting with a real postcode area (``SO``,
  ``PO``, ``B``, …) and an inward code (digit and two letters, not C, I, K, M, O or V),
  with or without the space: ``SO14 7DU``, ``SO147DU``. The outward code alone (``SO14``)
  names a district of thousands of homes, not a person, and passes. An inward code
  written as a lower-case ordinal (``B1 2nd``) is read as prose.
- **National Insurance number**: two prefix letters, six digits, a suffix A–D, spaced or
  not, with HMRC's prefix rules (first letter not D, F, I, Q, U or V; second not D, F,
  I, O, Q, U or V; never BG, GB, KN, NK, NT, TN or ZZ) — except ``QQ``, HMRC's specimen
  prefix (``QQ 12 34 56 C``), which forms and training data use and any reader takes
  for a National Insurance number.
- **Date of birth**: a date (``12/03/2008``, ``2008-03-12``, ``12 March 2008``) next to
  DOB, D.O.B., date of birth, birth date, birthday or born (on). A date alone is not one:
  returns are full of dates.
- **A person's name**, for participant references only: two or more capitalised words
  of letters (``John Smith``, ``Mary-Jane O'Neil``, ``J. Smith``). References are
  pseudonymous codes; comments may name services and places, so prose is not tested.

Every identifier is shown masked (``943 *** ****``, ``j***@example.com``, ``SO14 ***``),
never in full: error reports are printed, pasted into emails and kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# -- a cheap first look, in bulk -----------------------------------------------------------

NHS_NUMBER = "an NHS number"
EMAIL = "an email address"
POSTCODE = "a full postcode"
NI_NUMBER = "a National Insurance number"
DATE_OF_BIRTH = "a date of birth"
NAME = "a person's name"

_FIRST_LOOKS = {
    NHS_NUMBER: r"[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}",
    EMAIL: r"[^ @]@[a-z0-9-]+\.",
    # the end of an outward code, then an inward code
    POSTCODE: r"[0-9][a-z0-9]?[^a-z0-9]{0,2}[0-9][a-z][a-z]",
    NI_NUMBER: r"[a-z][a-z]([^a-z0-9]?[0-9][0-9]){3}[^a-z0-9]?[a-d]",
    DATE_OF_BIRTH: r"d\.?[^a-z0-9]?o\.?[^a-z0-9]?b|birth|born",  # the words, before any date
}
FIRST_LOOK = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _FIRST_LOOKS.items()}
"""Per kind of identifier (but a name), whether a text may hold one: every text that
``find_identifiers`` finds one in matches, and most that do not, do not. They use only what
pyarrow's RE2 engine runs itself (no look-around, ``\\d``, ``\\s`` or ``\\b``), so that
testing a column's distinct values takes milliseconds; ``find_identifiers`` then looks
closely, for the kinds that matched, at the few values that did."""
KINDS = (NHS_NUMBER, EMAIL, POSTCODE, NI_NUMBER, DATE_OF_BIRTH)
"""The kinds of identifier looked for in every column (a name only in participant_ref)."""
MAYBE = re.compile("|".join(f"(?:{p})" for p in _FIRST_LOOKS.values()), re.IGNORECASE)
"""Any of ``FIRST_LOOK``, for a first look at a whole column in one pass."""

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_WORD = rf"[{_UPPER}](?:[{_LOWER}]+(?:['’-][{_UPPER}]?[{_LOWER}]+)*|['’][{_UPPER}][{_LOWER}]+)"
_INITIAL = rf"[{_UPPER}]\.?"
NAME_SHAPED = re.compile(
    rf"(?:(?:{_INITIAL} +)+{_WORD}|{_WORD} +(?:{_WORD}|{_INITIAL}))(?: +(?:{_WORD}|{_INITIAL}))*"
)
"""A whole text of two or more capitalised words of letters, at least one a full word
(not just an initial). RE2-compatible, like ``FIRST_LOOK``."""
FIRST_LOOK[NAME] = re.compile(f"^(?:{NAME_SHAPED.pattern})$")

# -- the close look, one text at a time ------------------------------------------------------

_SPACE = r"[ \t\u00a0]"
_NHS_NUMBER = re.compile(r"(?<![0-9])([0-9]{3})[ -]?([0-9]{3})[ -]?([0-9]{4})(?![0-9])")
_EMAIL = re.compile(
    r"(?<![\w.%+'-])(?P<local>[\w.%+'-]+)@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.[A-Za-z]{2,})(?![A-Za-z0-9-])"
)
_POSTCODE_AREAS = (
    "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH "
    "DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA "
    "KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO "
    "PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W "
    "WA WC WD WF WN WR WS WV YO ZE"
)
"""Royal Mail's postcode areas, with Guernsey, Jersey and the Isle of Man."""
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?P<outward>(?:"
    + _POSTCODE_AREAS.replace(" ", "|")
    + rf")[0-9][A-Za-z0-9]?){_SPACE}{{0,2}}(?P<inward>[0-9][ABD-HJLNP-UW-Z]{{2}})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_ORDINAL_ENDINGS = {"st", "nd", "rd", "th"}
_NINO = re.compile(
    rf"(?<![A-Za-z0-9])(?P<prefix>[A-Z]{{2}}){_SPACE}?[0-9]{{2}}{_SPACE}?[0-9]{{2}}"
    rf"{_SPACE}?[0-9]{{2}}{_SPACE}?[A-D](?![A-Za-z0-9])",
    re.IGNORECASE,
)
_NINO_NEVER = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
_NINO_SPECIMEN = "QQ"

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = (
    r"(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+[0-9]{{2,4}})(?![0-9])"
)
_DOB_WORDS = r"d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s?date|birthday|born(?:\s+on)?"
_DATE_OF_BIRTH = re.compile(
    rf"(?<![A-Za-z])(?P<word>{_DOB_WORDS})(?![A-Za-z])[\s:=,;()\[\]-]{{0,4}}(?P<date>{_DATE})"
    rf"|(?<![0-9])(?P<date_first>{_DATE})[\s,;:()\[\]-]{{0,4}}"
    r"(?:d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Identifier:
    """One identifier found in a text."""

    what: str
    """What it looks like, in a partner's words: "an NHS number"."""
    text: str
    """The characters of the text it is made of (never shown to anyone)."""
    masked: str
    """How it is shown: enough to find it in the file, not enough to read it."""
    start: int
    """Where ``text`` starts in the text it was found in."""


def nhs_check_digit_holds(digits: str) -> bool:
    """Whether ten digits are a valid NHS number: the first nine weighted 10, 9, …, 2 and
    summed; 11 − (sum mod 11) is the check digit (11 counts as 0; 10 is never valid)."""
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


_WHOLE_NHS_NUMBER = r"^[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}$"
_NHS_WEIGHTS = np.arange(10, 1, -1)


def whole_nhs_numbers(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """For each text, whether it is, as a whole, ten digits written as an NHS number is
    (together, or spaced or hyphenated 3-3-4), and whether it is a valid NHS number.

    ``nhs_check_digit_holds`` for a whole column at once: pyarrow finds the shape and
    takes out the separators, numpy works out the check digits.
    """
    array = pa.array(texts, type=pa.large_string(), from_pandas=True)
    shaped = pc.fill_null(pc.match_substring_regex(array, _WHOLE_NHS_NUMBER), False)
    shaped = shaped.to_numpy(zero_copy_only=False)
    valid = np.zeros(len(array), dtype=bool)
    if shaped.any():
        digits = pc.replace_substring_regex(array.filter(shaped), "[ -]", "")
        # Ten ASCII digits each, one after another in the array's data buffer.
        offsets = np.frombuffer(digits.buffers()[1], dtype=np.int64)
        offsets = offsets[digits.offset : digits.offset + len(digits) + 1]
        data = np.frombuffer(digits.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
        number = data.reshape(-1, 10).astype(np.int64) - ord("0")
        check = (11 - (number[:, :9] @ _NHS_WEIGHTS) % 11) % 11  # 11 counts as 0
        valid[shaped] = (check != 10) & (check == number[:, 9])
    return shaped, valid


def _nino_prefix_allowed(prefix: str) -> bool:
    prefix = prefix.upper()
    if prefix == _NINO_SPECIMEN:
        return True
    return prefix[0] not in "DFIQUV" and prefix[1] not in "DFIOQUV" and prefix not in _NINO_NEVER


def masked(text: str, visible: int = 0) -> str:
    """``text`` with its letters and digits after the first ``visible`` characters
    replaced by ``*``, spaces and punctuation kept: ``943 476 5919`` → ``943 *** ****``."""
    hidden = "".join("*" if c.isalnum() else c for c in text[visible:])
    return text[:visible] + hidden


def find_identifiers(text: str, kinds: Collection[str] = KINDS) -> list[Identifier]:
    """The identifiers of the given kinds in ``text``, in the order they appear. A name
    (``NAME``, for participant references only) is the whole text or nothing."""
    found = [identifier for kind in kinds for identifier in _FINDERS[kind](text)]
    return sorted(found, key=lambda identifier: identifier.start)


def _found(what: str, match: re.Match[str], shown: str) -> Identifier:
    return Identifier(what, match[0], shown, match.start())


def _nhs_numbers(text: str) -> Iterator[Identifier]:
    for match in _NHS_NUMBER.finditer(text):
        if nhs_check_digit_holds("".join(match.groups())):
            yield _found(NHS_NUMBER, match, masked(match[0], 3))


def _emails(text: str) -> Iterator[Identifier]:
    for match in _EMAIL.finditer(text):
        yield _found(EMAIL, match, f"{match['local'][0]}***@{match['domain']}")


def _postcodes(text: str) -> Iterator[Identifier]:
    for match in _POSTCODE.finditer(text):
        if match["inward"][1:] not in _ORDINAL_ENDINGS:  # "B1 2nd" is prose
            yield _found(POSTCODE, match, masked(match[0], len(match["outward"])))


def _ni_numbers(text: str) -> Iterator[Identifier]:
    for match in _NINO.finditer(text):
        if _nino_prefix_allowed(match["prefix"]):
            yield _found(NI_NUMBER, match, masked(match[0], 2))


def _dates_of_birth(text: str) -> Iterator[Identifier]:
    for match in _DATE_OF_BIRTH.finditer(text):
        if match["word"] is not None:
            shown = text[match.start() : match.start("date")] + masked(match["date"])
        else:
            shown = masked(match["date_first"]) + text[match.end("date_first") : match.end()]
        yield _found(DATE_OF_BIRTH, match, shown)


def _names(text: str) -> Iterator[Identifier]:
    if match := NAME_SHAPED.fullmatch(text):
        yield _found(NAME, match, " ".join(f"{word[0]}***" for word in text.split()))


_FINDERS: dict[str, Callable[[str], Iterator[Identifier]]] = {
    NHS_NUMBER: _nhs_numbers,
    EMAIL: _emails,
    POSTCODE: _postcodes,
    NI_NUMBER: _ni_numbers,
    DATE_OF_BIRTH: _dates_of_birth,
    NAME: _names,
}


def masked_text(text: str, identifiers: list[Identifier]) -> str:
    """``text`` with each identifier in it replaced by its masked form."""
    for identifier in identifiers:
        text = text.replace(identifier.text, identifier.masked)
    return text
