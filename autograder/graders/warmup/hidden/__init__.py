"""Hidden knowledge of warmup: never in a student template."""
