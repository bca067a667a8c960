"""What graders know that students must never receive: the plausible wrong computations behind
the misconception catalogue (whose switched-off form is a correct solution) and the recipes the
hidden items check against. Grader modules reach it only through the `mistakes` fixture, so a
student template can replace it by recorded values (see `autograder.recording`).
"""
