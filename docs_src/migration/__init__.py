"""Examples of the docs' migration page."""
