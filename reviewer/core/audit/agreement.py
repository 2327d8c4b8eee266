"""Krippendorff's alpha at the interval level: how far two (or more) auditors who verified
the same record agree on its scores, beyond what chance would give.

alpha = 1 - D_o / D_e, where D_o is the mean squared difference between values given to the
same unit (a record's pillar) and D_e the mean squared difference between any two values
(Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", the coincidence form).
Units with fewer than two values are not pairable and are left out.
"""

from __future__ import annotations


def interval_alpha(units: list[list[float]]) -> float | None:
    """Alpha over ``units`` (each the values auditors gave one unit); None when it is not
    defined (fewer than two pairable values, or no variation at all)."""
    pairable = [u for u in units if len(u) >= 2]
    values = [v for u in pairable for v in u]
    n = len(values)
    if n < 2:
        return None
    observed = sum(sum((a - b) ** 2 for i, a in enumerate(u) for j, b in enumerate(u) if i != j)
                   / (len(u) - 1) for u in pairable) / n
    # The sum of (a - b)^2 over every ordered pair of distinct values, without the pairs:
    # 2n * sum(v^2) - 2 * (sum v)^2.
    total, squares = sum(values), sum(v * v for v in values)
    expected = (2 * n * squares - 2 * total * total) / (n * (n - 1))
    if expected == 0:
        return None
    return 1 - observed / expected
