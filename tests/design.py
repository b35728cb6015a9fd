"""The 28 measures that DESIGN.md §2 names, for tests about the real catalogue and the
demo data (tests of rules use small fixture catalogues instead)."""

from __future__ import annotations

# The measures table of DESIGN.md §2: code, working group, provider, kind, polarity.
# DESIGN's "Engagement" group has the code ENG; its "Constabulary" is "Constabulary (HIOWC)".
DESIGN_MEASURES = [
    ("1.1.1.e", "TVRP", "Constabulary (HIOWC)", "count", "lower"),
    ("1.1.1.f", "TVRP", "Constabulary (HIOWC)", "count", "lower"),
    ("2.2.2.a", "TVRP", "VRU", "percentage", "higher"),
    ("2.3.3.a", "TVRP", "Constabulary (HIOWC)", "percentage", "higher"),
    ("3.1.1.a", "DAWG", "VRU", "tracker_green_pct", "higher"),
    ("4.2.1.a", "ENG", "VRU", "percentage", "higher"),
    ("4.3.1.a", "ENG", "VRU", "count", "higher"),
    ("4.3.1.b", "ENG", "VRU", "count", "higher"),
    ("4.3.1.c", "ENG", "OPCC", "count", "higher"),
    ("5.1.1.a", "IEO", "Society of St James", "mean_change", "higher"),
    ("5.1.1.b", "IEO", "Society of St James", "pct_improved", "higher"),
    ("5.1.2.a", "IEO", "Society of St James", "mean_change", "higher"),
    ("5.1.2.b", "IEO", "Society of St James", "pct_improved", "higher"),
    ("5.1.2.c", "IEO", "No Limits", "mean_change", "lower"),
    ("5.1.2.d", "IEO", "No Limits", "pct_improved", "higher"),
    ("5.1.3.a", "IEO", "No Limits", "count", "higher"),
    ("5.1.3.b", "IEO", "Society of St James", "count", "higher"),
    ("5.1.4.a", "IEO", "Society of St James", "mean_change", "higher"),
    ("5.1.4.b", "IEO", "Society of St James", "pct_improved", "higher"),
    ("5.1.5.a", "IEO", "Artswork", "count", "higher"),
    ("5.1.5.b", "IEO", "Artswork", "count", "higher"),
    ("5.1.6.a", "IEO", "Artswork", "count", "higher"),
    ("5.2.1.a", "IEO", "Constabulary (HIOWC)", "percentage", "higher"),
    ("5.2.2.a", "IEO", "Constabulary (HIOWC)", "pct_improved", "higher"),
    ("5.2.2.b", "IEO", "Society of St James", "mean_change", "higher"),
    ("5.2.2.c", "IEO", "Society of St James", "pct_improved", "higher"),
    ("5.3.1.a", "IEO", "Rock Pool", "count", "higher"),
    ("5.3.1.b", "IEO", "Rock Pool", "count", "higher"),
]
DESIGN_CODES = [row[0] for row in DESIGN_MEASURES]
