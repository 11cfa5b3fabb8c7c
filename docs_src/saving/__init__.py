"""Examples of the docs' saving page."""
