"""The closing page of a pack: how the figures, RAG and SPC are decided, in plain words
(the same rules as ``docs/methodology.md`` and DESIGN §4)."""

from __future__ import annotations

METHOD: tuple[tuple[str, str], ...] = (
    (
        "Where the figures come from",
        "Partners send quarterly returns; the VRU checks every file on upload and a file "
        "with any error is refused whole. Counts are the number returned; percentages are "
        "100 × numerator ÷ denominator, and a year adds the numerators and denominators "
        "before dividing. Average score change and % with positive change come from "
        "participants' readings: each participant's change is their latest score in the "
        "period minus their first, over the cohort of those with a later reading in it.",
    ),
    (
        "RAG status",
        "● Green, ◆ Amber, ■ Red and ○ Not rated are always written as a word and a "
        "symbol. With a target: green meets it, amber misses it by no more than the "
        "tolerance (10% unless the catalogue says otherwise), red misses it by more. "
        "Without a target the figure is compared with its comparator period (the quarter "
        "before, or the same quarter a year earlier): a change of no more than 5% is amber, "
        "beyond that green the good way and red the bad way. Not rated means the figure or "
        "its comparator is missing, or a year is not yet complete.",
    ),
    (
        "SPC (statistical process control)",
        "Quarterly series are drawn as XmR charts in the style of NHS England's Making Data "
        "Count. The mean and the process limits (mean ± 2.66 × the average moving range) "
        "show the usual variation. A point beyond a limit, a run of 7 points on one side of "
        "the mean, a trend of 7 rising or falling points, or two of three points near a limit "
        "is special cause — improvement or concern, by the measure's good direction; "
        "anything else is common cause (no significant change). Limits need at least 7 "
        "quarters. Assurance compares the limits with the target, where there is one.",
    ),
    (
        "Exceptions",
        "A measure is an exception when it is red, or when its SPC chart shows special-cause "
        "concern; the chair's commentary for the period is shown beside it.",
    ),
)
"""Headings and paragraphs, in reading order."""
