"""review: static HTML pages for people — each report's text with its statistics highlighted
(warehouse/review/) and each load's gate results (warehouse/validation/). Offline, inline CSS, escaped."""

from fazhi.review.build import build_review, build_validation

__all__ = ["build_review", "build_validation"]
