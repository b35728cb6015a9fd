"""Plotly figures built from the library's tidy tables; they never query the store."""
