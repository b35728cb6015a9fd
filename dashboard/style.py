"""The dashboard's own CSS: a keyboard focus ring anyone can see, tables that fit the
screen, tiles whose numbers are never cut, and a print layout without the sidebar.

Added once per run by :func:`dashboard.navigation.navigate`; Streamlit puts a block of
style alone in an invisible container, so it takes no room on the page.
"""

from __future__ import annotations

import streamlit as st

FOCUS_COLOUR = "#0b0c0c"
"""The focus ring: the GOV.UK text colour, 19:1 against the white page (WCAG 2.4.13
asks 3:1), with the GOV.UK focus yellow around it so it shows on dark buttons too."""
FOCUS_HALO = "#ffdd00"

CSS = f"""
/* Keyboard focus: a 3px dark ring with a yellow halo on every focusable element. */
:is(a, button, input, textarea, select, summary, [role="button"], [role="tab"],
    [role="option"], [role="checkbox"], [role="switch"], [role="slider"],
    [tabindex]):focus-visible {{
  outline: 3px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px !important;
  box-shadow: 0 0 0 6px {FOCUS_HALO} !important;
}}
/* The sidebar's own navigation: section headings small, links full width. */
[data-testid="stSidebar"] h3 {{ font-size: 0.95rem; margin: 0.75rem 0 0.1rem 0; padding: 0; }}
/* Board tables: every column on screen, long text wrapped between words, never wider
   than the page (fixed layout: the columns share the width the page has). */
.vrp-board {{ width: 100%; }}
.vrp-board table {{ width: 100%; table-layout: fixed; border-collapse: collapse;
  font-size: 0.9rem; }}
.vrp-board th, .vrp-board td {{ vertical-align: top; padding: 0.3rem 0.4rem;
  overflow-wrap: break-word; word-break: normal; hyphens: auto; }}
.vrp-board th {{ text-align: left; }}
.vrp-board .vrp-number {{ text-align: right; }}
.vrp-board td.vrp-commentary {{ white-space: pre-line; }}
.vrp-board caption {{ caption-side: top; text-align: left; font-weight: 600;
  padding-bottom: 0.3rem; }}
/* Narrow screens (a 1024-pixel projector): less white space beside the page. */
@media (max-width: 1100px) {{
  [data-testid="stMainBlockContainer"] {{ padding-left: 1.5rem; padding-right: 1.5rem; }}
}}
/* Tiles: the number and its label wrap instead of being cut short. */
[data-testid="stMetricLabel"] * {{ white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }}
[data-testid="stMetricValue"] * {{ overflow: visible !important; text-overflow: clip !important; }}
@media print {{
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stDownloadButton"], [data-testid="stBottom"], .vrp-no-print {{
    display: none !important;
  }}
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"],
  [data-testid="stMain"], [data-testid="stMainBlockContainer"] {{
    overflow: visible !important; height: auto !important; position: static !important;
    margin: 0 !important; max-width: none !important;
  }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; }}
  table, tr, [data-testid="stMetric"], [data-testid="stPlotlyChart"] {{
    break-inside: avoid;
  }}
  thead {{ display: table-header-group; }}
}}
"""


def apply() -> None:
    """Add the dashboard's CSS to the page (once per run)."""
    st.html(f"<style>{CSS}</style>")
