"""The app side of the dashboard: caching, shared state and shared widgets.

Pages import from here and from ``vrp_metrics``; no computation happens in this package
beyond laying out what the library returns.
"""
