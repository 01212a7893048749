"""Writes the reference values that SignificanceMatchesTheReferenceTest and
ShiftIntervalMatchesTheReferenceTest check: p-values of the two-sided Mann-Whitney U test by
scipy.stats.mannwhitneyu (exact, and the normal approximation with tie and continuity
corrections), and the distribution-free interval of the shift from all m * n differences, sorted.
The build never runs this; run it again (python3 reference.py, with numpy and scipy) only to
change the cases.
"""
import itertools
import json
import math

import numpy as np
import scipy
from scipy.stats import mannwhitneyu, norm
from scipy.stats._mannwhitneyu import _MWU

rng = np.random.default_rng(20261208)


def lognormal(n, median, sigma=0.3, decimals=3):
    return [round(float(v), decimals) for v in rng.lognormal(math.log(median), sigma, n)]


def distinct(values):
    return len(set(values)) == len(values)


cases = [
    ("apart, 3 + 3", [1.0, 2.0, 3.0], [4.0, 5.0, 6.0]),
    ("apart, 4 + 4", [1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]),
    ("mixed, 5 + 4", [1.2, 3.4, 2.2, 5.0, 0.7], [2.5, 4.1, 6.3, 3.3]),
    ("ties across and within, 5 + 5", [1, 1, 2, 2, 3], [2, 3, 3, 4, 4]),
    ("all equal, 6 + 6", [2.5] * 6, [2.5] * 6),
    ("same samples twice, 20 + 20", None, None),
    ("20% slower, 20 + 20", lognormal(20, 10.0, 0.1, 6), lognormal(20, 12.0, 0.1, 6)),
    ("no change, 30 + 25", lognormal(30, 5.0, 0.4, 6), lognormal(25, 5.0, 0.4, 6)),
    ("no ties, 49 + 49", lognormal(49, 1.0, 0.5, 9), lognormal(49, 1.1, 0.5, 9)),
    ("no ties, 60 + 70", lognormal(60, 1.0, 0.5, 9), lognormal(70, 1.1, 0.5, 9)),
    ("milliseconds with ties, 40 + 40", lognormal(40, 0.02), lognormal(40, 0.021)),
    ("milliseconds with ties, 200 + 150", lognormal(200, 0.05), lognormal(150, 0.06)),
    ("one before, 1 + 30", [3.0], lognormal(30, 3.0, 0.2, 6)),
]
same = lognormal(20, 7.0, 0.2, 6)
cases[5] = ("same samples twice, 20 + 20", same, same)

mann_whitney = []
for name, x, y in cases:
    ties = not distinct(x + y)
    entry = {
        "name": name,
        "before": x,
        "after": y,
        "ties": ties,
        "asymptoticP": float(mannwhitneyu(x, y, method="asymptotic").pvalue),
        "exactP": None if ties else float(mannwhitneyu(x, y, method="exact").pvalue),
    }
    mann_whitney.append(entry)


def exact_rank(m, n, alpha):
    """Smallest u with P(U <= u) >= alpha / 2, at least 1, from scipy's exact distribution."""
    dist = _MWU(m, n)
    u = 0
    while dist.cdf(np.array([u]))[0] < alpha / 2:
        u += 1
    return max(u, 1)


def enumerated_rank(m, n, alpha):
    """The same from every order of the m + n values (small samples only)."""
    counts = {}
    for first in itertools.combinations(range(m + n), m):
        u = sum(p - i for i, p in enumerate(first))
        counts[u] = counts.get(u, 0) + 1
    total = math.comb(m + n, m)
    below = 0
    for u in range(m * n + 1):
        below += counts.get(u, 0)
        if below / total >= alpha / 2:
            return max(u, 1)


def normal_rank(m, n, alpha):
    pairs = m * n
    z = norm.isf(alpha / 2)
    return max(1, math.floor(pairs / 2 - z * math.sqrt(pairs * (m + n + 1) / 12)))


intervals = []
for name, x, y, alpha in [
    ("apart, 4 + 4", [1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], 0.05),
    ("mixed, 6 + 5", [1.2, 3.4, 2.2, 5.0, 0.7, 2.9], [2.5, 4.1, 6.3, 3.3, 5.5], 0.05),
    ("10 + 10", lognormal(10, 10.0, 0.2, 6), lognormal(10, 12.0, 0.2, 6), 0.05),
    ("20% slower, 20 + 20", lognormal(20, 10.0, 0.1, 6), lognormal(20, 12.0, 0.1, 6), 0.05),
    ("ties, 30 + 30, alpha 0.01", lognormal(30, 0.02), lognormal(30, 0.022), 0.01),
    ("100 + 100", lognormal(100, 1.0, 0.3, 6), lognormal(100, 1.05, 0.3, 6), 0.05),
    ("normal approximation, 150 + 120", lognormal(150, 5.0), lognormal(120, 4.5), 0.05),
]:
    m, n = len(x), len(y)
    if m * n <= 10_000:
        k = exact_rank(m, n, alpha)
        if math.comb(m + n, m) <= 200_000:
            assert k == enumerated_rank(m, n, alpha), name
        method = "exact"
    else:
        k = normal_rank(m, n, alpha)
        method = "normal"
    diffs = sorted(b - a for a in x for b in y)
    intervals.append(
        {
            "name": name,
            "before": x,
            "after": y,
            "alpha": alpha,
            "method": method,
            "k": k,
            "low": diffs[k - 1],
            "high": diffs[m * n - k],
        }
    )

with open("mann-whitney.json", "w") as f:
    json.dump({"scipy": scipy.__version__, "cases": mann_whitney}, f, indent=1)
    f.write("\n")
with open("shift-interval.json", "w") as f:
    json.dump({"scipy": scipy.__version__, "cases": intervals}, f, indent=1)
    f.write("\n")
