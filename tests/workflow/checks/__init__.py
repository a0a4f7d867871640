import pytest

# The table tests assert in the helpers: show the values compared when they fail.
pytest.register_assert_rewrite("tests.workflow.checks.helpers")
