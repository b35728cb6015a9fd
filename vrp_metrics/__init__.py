"""The metrics library of the HIPS Violence Reduction Partnership performance dashboard.

No Streamlit import anywhere in this package: it serves the command line, the tests and
the dashboard alike.
"""
