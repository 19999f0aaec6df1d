"""Per-kind evaluator configs: validated at create/update and again when a snapshot is graded."""

from typing import Annotated, Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.errors import InvalidInput
from app.evaluators.graders import extractors
from app.evaluators.graders.deterministic import check_pattern

# Every kind scores numerically (1.0/0.0, or a similarity/judge score in [0, 1]) so that
# averages and comparisons work the same for all of them; the judge's pass_threshold adds a
# separate boolean score.
DATA_TYPE = "numeric"


class _Config(BaseModel):
    # Unknown keys are refused: a misspelt "abs_tolerance" must not silently mean "default".
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    expected_key: str | None = Field(
        default=None, min_length=1, description="Field (dotted path) of expected_output to use"
    )
    extractor: Any = Field(
        default=None, description="What is graded (app/evaluators/graders/extractors.py)"
    )

    @field_validator("extractor")
    @classmethod
    def _known_extractor(cls, value: Any) -> Any:
        return None if value is None else extractors.validate(value)


class _TextConfig(_Config):
    case_sensitive: bool = True
    strip: bool = True


class ExactMatch(_TextConfig):
    pass


class Contains(_TextConfig):
    value: str | None = Field(default=None, min_length=1, description="Fixed text to look for")


class IContains(Contains):
    case_sensitive: bool = False


class Regex(_TextConfig):
    pattern: str = Field(min_length=1)
    mode: Literal["search", "fullmatch"] = "search"

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        check_pattern(value)  # before compiling: compiling a huge unrolled pattern never ends
        try:
            regex.compile(value)
        except regex.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
        return value


class JsonValid(_TextConfig):
    pass


class JsonMatch(_TextConfig):
    mode: Literal["subset", "equal"] = "subset"


class NumericClose(_TextConfig):
    abs_tol: float = Field(default=0.0, ge=0)
    rel_tol: float = Field(default=1e-9, ge=0)


class Levenshtein(_TextConfig):
    pass


class Length(_TextConfig):
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    unit: Literal["chars", "words"] = "chars"


class IsAscii(_TextConfig):
    pass


class LLMJudge(_Config):
    model: str = Field(min_length=1)
    rubric: str = Field(min_length=1)
    temperature: float = Field(default=0.0, ge=0, le=2)
    pass_threshold: float | None = Field(default=None, ge=0, le=1)
    # letta-evals per-sample rubrics: an item's metadata.rubric (text) replaces `rubric`.
    sample_rubric: bool | None = None  # None: left out of the stored config
    max_tokens: int | None = Field(default=None, ge=1)

    @field_validator("model", "rubric")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


class PairwiseJudge(_Config):
    """Judges two experiments' outputs for one item (POST /experiments/compare/pairwise/);
    the rubric may use {input}, {output_a}, {output_b}, {expected_output} and rubric_vars."""

    model: str = Field(min_length=1)
    rubric: str = Field(min_length=1)
    temperature: float = Field(default=0.0, ge=0, le=2)
    max_tokens: int | None = Field(default=None, ge=1)

    _not_blank = field_validator("model", "rubric")(LLMJudge._not_blank.__func__)


class _ToolConfig(_Config):
    """Tool graders read the run's tool calls themselves (graders/tools.py)."""

    @field_validator("extractor")
    @classmethod
    def _no_extractor(cls, value: Any) -> Any:
        if value is not None:
            raise ValueError("tool graders grade the run's tool calls; an extractor does not apply")
        return value


_TOOL_NAME = r"^[A-Za-z0-9_.:-]{1,128}$"


class ToolCalled(_ToolConfig):
    tool: str | None = Field(
        default=None, pattern=_TOOL_NAME,
        description="The expected tool (default: the item's expected output)")
    exact: Literal["only", "first"] | None = Field(
        default=None, description="only: the only tool called; first: the first one called; "
        "true means only")

    @field_validator("exact", mode="before")
    @classmethod
    def _exact(cls, value: Any) -> Any:
        return {True: "only", False: None}.get(value, value) if isinstance(value, bool) else value


class ToolSequence(_ToolConfig):
    tools: list[Annotated[str, Field(pattern=_TOOL_NAME)]] | None = Field(
        default=None, min_length=1, max_length=100,
        description="The expected tools in order (default: the item's expected output)")


class ToolArgsMatch(_ToolConfig, _TextConfig):
    tool: str = Field(pattern=_TOOL_NAME, description="The tool whose arguments are compared")
    index: int = Field(default=0, description="Which call of it: 0 the first, -1 the last")
    arguments: dict[str, Any] | None = Field(
        default=None, description="The expected arguments (default: the item's expected output)")
    mode: Literal["subset", "equal"] = "subset"


CONFIGS: dict[str, type[_Config]] = {
    "exact_match": ExactMatch,
    "contains": Contains,
    "icontains": IContains,
    "regex": Regex,
    "json_valid": JsonValid,
    "json_match": JsonMatch,
    "numeric_close": NumericClose,
    "levenshtein": Levenshtein,
    "length": Length,
    "is_ascii": IsAscii,
    "llm_judge": LLMJudge,
    "pairwise_judge": PairwiseJudge,
    "tool_called": ToolCalled,
    "tool_sequence": ToolSequence,
    "tool_args_match": ToolArgsMatch,
}
KINDS: tuple[str, ...] = tuple(CONFIGS)


def _error(loc: list[Any], msg: str, type_: str = "value_error") -> dict[str, Any]:
    return {"loc": ["body", *loc], "msg": msg, "type": type_}


def check_kind(kind: str) -> None:
    if kind not in CONFIGS:
        raise InvalidInput(
            [_error(["kind"], f"unknown kind {kind!r}; valid kinds: {', '.join(KINDS)}")]
        )


def validate_config(kind: str, config: dict) -> dict:
    """The normalised config (defaults filled in); InvalidInput naming config.<key> otherwise."""
    check_kind(kind)
    if not isinstance(config, dict):
        raise InvalidInput([_error(["config"], "must be an object", "dict_type")])
    try:
        parsed = CONFIGS[kind].model_validate(config)
    except ValidationError as exc:
        raise InvalidInput(
            [_error(["config", *err["loc"]], err["msg"], err["type"]) for err in exc.errors()]
        ) from None
    if isinstance(parsed, Length):
        if parsed.min is None and parsed.max is None:
            raise InvalidInput([_error(["config", "min"], "set min, max or both")])
        if parsed.min is not None and parsed.max is not None and parsed.min > parsed.max:
            raise InvalidInput([_error(["config", "max"], "must be >= min")])
    return parsed.model_dump(exclude_none=True)


def data_type_for(kind: str, config: dict) -> str:
    return DATA_TYPE
