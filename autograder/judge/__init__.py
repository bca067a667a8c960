"""The trusted side: comparisons, feedback, strategies and misconceptions. Never imports student code."""
