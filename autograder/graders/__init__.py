"""Grader modules, one pytest + hypothesis module per question of each assignment."""
