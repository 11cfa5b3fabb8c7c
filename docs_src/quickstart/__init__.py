"""Examples of the docs' quickstart page."""
