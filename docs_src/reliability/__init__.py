"""Examples of the docs' reliability page."""
