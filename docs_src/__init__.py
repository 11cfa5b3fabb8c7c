"""Examples included in the documentation; tests/docs/test_examples.py runs each one."""
