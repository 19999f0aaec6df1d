"""All ORM tables, imported here so Alembic sees every one."""

from app.models.auth import ApiKey, Membership, Organization, Session, User
from app.models.comparisons import DatasetBaseline, EvaluatorVersion, PairwiseJudgement
from app.models.datasets import Dataset, DatasetItem, DatasetItemRevision, DatasetVersion
from app.models.evaluators import Evaluator
from app.models.events import ExperimentEvent
from app.models.experiments import Experiment, ExperimentRun, ResponseCache, Score
from app.models.prompts import Prompt, PromptLabel, PromptVersion
from app.models.runs import AgentRun

__all__ = [
    "AgentRun",
    "ApiKey",
    "Dataset",
    "DatasetBaseline",
    "DatasetItem",
    "DatasetItemRevision",
    "DatasetVersion",
    "Evaluator",
    "EvaluatorVersion",
    "Experiment",
    "ExperimentEvent",
    "ExperimentRun",
    "Membership",
    "Organization",
    "PairwiseJudgement",
    "Prompt",
    "PromptLabel",
    "PromptVersion",
    "ResponseCache",
    "Score",
    "Session",
    "User",
]
