"""Examples of the docs' relations page."""
