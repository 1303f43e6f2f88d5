"""Evaluation: scorers that compare detente's output with gold data and report P/R/F1."""

from detente.evaluation.harness import EVALUATORS, EvalReport, evaluator, run_evaluation
from detente.evaluation.metrics import PRF, Counts

__all__ = ["EVALUATORS", "PRF", "Counts", "EvalReport", "evaluator", "run_evaluation"]
