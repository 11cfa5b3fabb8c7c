"""Examples of the docs' validation page."""
