"""Examples of the docs' generation page."""
