"""The TA's class summary: score statistics, statuses, the items most of the class lost, a PNG."""
import statistics
from collections import Counter

def write(rows, out, rubric, *, seconds, jobs, peak_mib):
    """Write out/summary.md and out/summary.png from the grades.csv rows (with per-item scores)."""
    graded = [row for row in rows if row.get("items")]
    lines = [f"# Class summary: {rubric.assignment}", "",
             f"{len(rows)} submissions; this run took {seconds:.0f} s with --jobs {jobs}; "
             f"the batch process peaked at {peak_mib:.0f} MiB.", "",
             "| score | max | mean | median | min | max reached |", "| --- | --- | --- | --- | --- | --- |"]
    for key, top in [(f"q{q.number}", q.points) for q in rubric.questions] + [("total", rubric.max_score)]:
        values = [float(row[key]) for row in rows]
        lines.append(f"| {key} | {top} | {statistics.mean(values):.1f} | {statistics.median(values):g} | "
                     f"{min(values):g} | {max(values):g} |")
    lines += ["", "## Status", "", "| status | submissions |", "| --- | --- |"]
    lines += [f"| {status} | {count} |" for status, count in Counter(row["status"] for row in rows).most_common()]
    lines += ["", "## Items the class lost most", "", "| item | test | lost by |", "| --- | --- | --- |"]
    for item, lost in _lost(graded, rubric):
        lines.append(f"| {item.number} | {item.name} | {lost}/{len(graded)} |")
    lines += ["", "![score distribution](summary.png)", ""]
    (out / "summary.md").write_text("\n".join(lines))
    _plot(rows, graded, rubric, out / "summary.png")


def _lost(graded, rubric):
    counts = [(item, sum(1 for row in graded if row["items"].get(item.number, 0) < item.points))
              for item in rubric.items]
    return sorted(counts, key=lambda pair: (-pair[1], pair[0].number))


def _plot(rows, graded, rubric, path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(12, 4.5))
    by_question, by_item = figure.subplots(1, 2, width_ratios=(1, 2))
    by_question.boxplot([[float(row[f"q{q.number}"]) / q.points * 100 for row in rows] for q in rubric.questions],
                        tick_labels=[f"Q{q.number}" for q in rubric.questions])
    by_question.set_ylabel("score (% of the question)")
    by_question.set_title(f"Scores per question ({len(rows)} submissions)")
    lost = {item.number: count for item, count in _lost(graded, rubric)}
    numbers = [item.number for item in rubric.items]
    by_item.bar(numbers, [lost[n] / max(len(graded), 1) * 100 for n in numbers], color="tab:red")
    by_item.set_ylabel("% of the class that lost it")
    by_item.set_xlabel("rubric item")
    by_item.set_title("Which items the class lost")
    by_item.tick_params(axis="x", labelrotation=90)
    figure.tight_layout()
    figure.savefig(path, dpi=90)
