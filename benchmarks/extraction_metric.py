"""The scrapinghub article-extraction-benchmark metric, as in its evaluate.py.

Tokens are ``\\w+`` matches (case-sensitive); prediction and truth are compared as
multisets of token 4-grams; per page tp, fp, fn are normalised to sum 1; precision and
recall are macro-averaged (an empty prediction is left out of the precision mean and
counts recall 0); F1 is the harmonic mean of the two averages.
"""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1)))


def page_scores(prediction: str, truth: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    pred, gold = shingles(prediction), shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def evaluate(predictions: dict[str, str], truths: dict[str, str]) -> dict[str, float]:
    """Precision, recall, F1 over the pages of ``truths``."""
    precisions, recalls = [], []
    for key, truth in truths.items():
        prediction = predictions.get(key, "")
        tp, fp, fn = page_scores(prediction, truth)
        if prediction.strip():
            precisions.append(tp / (tp + fp) if tp + fp else 0.0)
            recalls.append(tp / (tp + fn) if tp + fn else 0.0)
        else:
            recalls.append(0.0)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
