"""Everything that turns the reference solutions into what students and platforms receive."""
