"""Test doubles shared by the suite: servers that stand in for outside services."""
