"""Text that people type or send: Unicode normalisation, and the invisible characters
that make one thing look like another.

Two strings that look the same must be the same string wherever the product compares,
groups or shows them: a participant reference, a person's name in the history, a file
name. Three things break that:

- **composed and decomposed letters**: "é" can be one code point or "e" plus a combining
  accent (macOS and some web forms send the second). Text is normalised to NFC, the
  composed form, so both compare equal;
- **zero-width characters** (zero-width space, joiners, word joiner, a byte order mark
  inside text): invisible, so ``RS-001`` and ``RS-001`` with a zero-width space after
  the 0 look the same but are two participants, and a name made only of them looks blank;
- **direction controls** (left-to-right and right-to-left marks, embeddings, overrides
  and isolates, the Arabic letter mark): they change the order in which the characters
  *around* them are shown, so a file named ``returns``, a right-to-left override and
  ``VSC.xlsx`` shows as ``returnsxslx.CSV``.

Where such characters cannot be meant (references, names, file names) they are refused
with a message saying which character and where; in free text (comments) the returns'
rules strip them (see ``vrp_metrics.returns.personal_rules``).
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE: dict[str, str] = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte order mark",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u061c": "Arabic letter mark",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
}
"""The zero-width and direction-control characters refused in references, names and file
names, with what each is called."""

INVISIBLE_PATTERN = re.compile("[" + "".join(INVISIBLE) + "]")
"""Any one of ``INVISIBLE``. The characters are in the pattern as themselves (not as
``\\u`` escapes), so that pandas can hand it to pyarrow's regular expressions."""

MAX_NAME_LENGTH = 100
"""Characters in a person's name, after normalising."""


class TextError(ValueError):
    """Typed text that cannot be accepted; the message says why and what to do."""


def nfc(text: str) -> str:
    """``text`` in Unicode's composed form (NFC); ASCII is returned as it is."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def code_point(character: str) -> str:
    """``"\\u202e"`` → ``"U+202E"``."""
    return f"U+{ord(character):04X}"


def invisible_characters(text: str) -> list[str]:
    """The invisible characters in ``text``, each once, in the order they first appear."""
    return list(dict.fromkeys(INVISIBLE_PATTERN.findall(text)))


def describe_invisible(text: str) -> str:
    """What the invisible characters of ``text`` are, for a message: ``"a right-to-left
    override (U+202E)"``, or several joined with commas and "and"."""
    parts = [f"{_a(INVISIBLE[c])} ({code_point(c)})" for c in invisible_characters(text)]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiouAEIOU" else f"a {noun}"


def shown_visibly(text: str) -> str:
    """``text`` with each invisible character written as its code point in brackets
    (``returns[U+202E]VSC.xlsx``), so that a message quoting it shows what is there."""
    return INVISIBLE_PATTERN.sub(lambda m: f"[{code_point(m[0])}]", text)


def strip_invisible(text: str) -> str:
    """``text`` without its invisible characters."""
    return INVISIBLE_PATTERN.sub("", text)


def free_text(text: str) -> str:
    """Prose a person typed (a commentary), ready to store: NFC, invisible characters
    removed (they are never meant in prose, and a direction override would make it read
    differently from what was written), surrounding white space trimmed."""
    return strip_invisible(nfc(text)).strip()


def person_name(text: str) -> str:
    """A name a person typed (``--by``, a commentary's author), ready to store: NFC,
    spaces trimmed and runs of white space (tabs, line breaks) made one space.

    Raises ``TextError`` for a blank name, one holding an invisible character (it would
    show as blank, or as another name, in the history) or another control character
    (an escape sequence would change the terminal that prints the history), or one
    longer than ``MAX_NAME_LENGTH`` characters.
    """
    name = " ".join(nfc(text).split())
    if INVISIBLE_PATTERN.search(name):
        raise TextError(
            f"the name '{shown_visibly(name)}' contains {describe_invisible(name)}, which "
            "cannot be seen but changes how the name reads or sorts in the history: type "
            "the name again without it"
        )
    if not name:
        raise TextError("give a name: the history records who did what")
    controls = [c for c in name if unicodedata.category(c) == "Cc"]
    if controls:
        raise TextError(
            f"the name contains a control character ({code_point(controls[0])}): type the "
            "name again with letters, spaces and punctuation only"
        )
    if len(name) > MAX_NAME_LENGTH:
        raise TextError(
            f"the name is {len(name)} characters long: give a name of at most "
            f"{MAX_NAME_LENGTH} characters"
        )
    return name


def file_name_problem(name: str) -> str | None:
    """Why a return's file name cannot be accepted, or ``None``.

    A file name is shown on screen and kept in the history; an invisible character in it
    would make the file show under another name (a right-to-left override reverses what
    follows it), so the file is refused until it is renamed.
    """
    if not INVISIBLE_PATTERN.search(name):
        return None
    return (
        f"The file name contains {describe_invisible(name)}, which cannot be seen but "
        f"changes how the name is shown (here with the character written out: "
        f"'{shown_visibly(name)}'): rename the file with letters, digits and ordinary "
        f"punctuation, then send it again."
    )
