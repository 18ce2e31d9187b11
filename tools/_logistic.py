"""The weighted logistic regression both learning tools fit (learn_line_vote.py, learn_page_kind.py)."""

from __future__ import annotations

import numpy as np


def fit(x: np.ndarray, y: np.ndarray, weights: np.ndarray, *, l2: float = 1.0, iterations: int = 30) -> np.ndarray:
    """Weighted logistic regression by Newton's method (the penalty also on the bias).

    >>> beta = fit(np.array([[1.0, 0.0], [1.0, 1.0]]), np.array([0.0, 1.0]), np.ones(2))
    >>> bool(beta[1] > 0)
    True
    """
    beta = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        gradient = x.T @ (weights * (p - y)) + l2 * beta
        hessian = (x * (weights * p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        beta -= np.linalg.solve(hessian, gradient)
    return beta
