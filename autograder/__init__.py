"""Autograder for deep-learning exercises: sandboxed pytest + hypothesis graders."""

__version__ = "0.1.0"
