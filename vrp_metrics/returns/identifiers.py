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
from dataclasses import dataclass

# -- a cheap first look, in bulk -----------------------------------------------------------

MAYBE = re.compile(
    r"[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}"  # ten digits, as an NHS number is written
    r"|[^ @]@[a-z0-9-]+\."  # an email address
    r"|[0-9][a-z0-9]?[^a-z0-9]{0,2}[0-9][a-z][a-z]"  # the end of an outward code, an inward code
    r"|[a-z][a-z][^a-z0-9]?[0-9][0-9][^a-z0-9]?[0-9][0-9][^a-z0-9]?[0-9][0-9][^a-z0-9]?[a-d]"
    r"|d\.?[^a-z0-9]?o\.?[^a-z0-9]?b|birth|born",  # words of a date of birth
    re.IGNORECASE,
)
"""Whether a text may hold an identifier: every text that ``find_identifiers`` finds one
in matches, and most that do not, do not. It uses only what pyarrow's RE2 engine runs
itself (no look-around, ``\\d``, ``\\s`` or ``\\b``), so that testing a column's distinct
values takes milliseconds; ``find_identifiers`` then looks closely at the few that match."""

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_WORD = rf"[{_UPPER}](?:[{_LOWER}]+(?:['’-][{_UPPER}]?[{_LOWER}]+)*|['’][{_UPPER}][{_LOWER}]+)"
_INITIAL = rf"[{_UPPER}]\.?"
NAME_SHAPED = re.compile(
    rf"(?:(?:{_INITIAL} +)+{_WORD}|{_WORD} +(?:{_WORD}|{_INITIAL}))(?: +(?:{_WORD}|{_INITIAL}))*"
)
"""A whole text of two or more capitalised words of letters, at least one a full word
(not just an initial). RE2-compatible, like ``MAYBE``."""

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


NHS_NUMBER = "an NHS number"
EMAIL = "an email address"
POSTCODE = "a full postcode"
NI_NUMBER = "a National Insurance number"
DATE_OF_BIRTH = "a date of birth"
NAME = "a person's name"


def nhs_check_digit_holds(digits: str) -> bool:
    """Whether ten digits are a valid NHS number: the first nine weighted 10, 9, …, 2 and
    summed; 11 − (sum mod 11) is the check digit (11 counts as 0; 10 is never valid)."""
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


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


def find_identifiers(text: str, *, names: bool = False) -> list[Identifier]:
    """The identifiers in ``text``, in the order they appear. With ``names``, a text that
    is name-shaped as a whole is one too (for participant references)."""
    found: list[Identifier] = []

    def add(what: str, match: re.Match[str], shown: str) -> None:
        found.append(Identifier(what, match[0], shown, match.start()))

    for match in _NHS_NUMBER.finditer(text):
        if nhs_check_digit_holds("".join(match.groups())):
            add(NHS_NUMBER, match, masked(match[0], 3))
    for match in _EMAIL.finditer(text):
        add(EMAIL, match, f"{match['local'][0]}***@{match['domain']}")
    for match in _POSTCODE.finditer(text):
        if match["inward"][1:] not in _ORDINAL_ENDINGS:  # "B1 2nd" is prose
            add(POSTCODE, match, masked(match[0], len(match["outward"])))
    for match in _NINO.finditer(text):
        if _nino_prefix_allowed(match["prefix"]):
            add(NI_NUMBER, match, masked(match[0], 2))
    for match in _DATE_OF_BIRTH.finditer(text):
        if match["word"] is not None:
            shown = text[match.start() : match.start("date")] + masked(match["date"])
        else:
            shown = masked(match["date_first"]) + text[match.end("date_first") : match.end()]
        add(DATE_OF_BIRTH, match, shown)
    if names and (match := NAME_SHAPED.fullmatch(text)):
        add(NAME, match, " ".join(f"{word[0]}***" for word in text.split()))
    return sorted(found, key=lambda identifier: identifier.start)


def masked_text(text: str, identifiers: list[Identifier]) -> str:
    """``text`` with each identifier in it replaced by its masked form."""
    for identifier in identifiers:
        text = text.replace(identifier.text, identifier.masked)
    return text
