"""The LLM judge through litellm and the local fake server: rubric, parsing, failures, threshold."""

import re

import pytest

from app import llm
from app.config import Settings, get_settings
from app.evaluators.graders import evaluate, missing_rubric_variables
from app.evaluators.graders.judge import SYSTEM_PROMPT, parse_reply
from bench.fakellm import FakeLLM, count_tokens
from tests.evaluators.helpers import evaluator, item

RUBRIC = "Question: {input}\nAnswer: {output}\nReference: {expected_output}\nIs the answer correct?"
GPT_4O_MINI_PRICES = (1.5e-07, 6e-07)  # per input / output token, from litellm's local price map


@pytest.fixture(autouse=True)
def fast_retries(llm_transport: str) -> None:
    """Every judge test runs through both model-call lanes."""
    llm.configure(Settings(llm_backoff_base_s=0.01, llm_backoff_max_s=0.02, llm_max_retries=2,
                           llm_transport=llm_transport))
    yield
    llm.configure(get_settings())


_MARKER = re.compile(r"</?([a-z_]+) ([0-9a-f]{12})>")


def plain(content: str) -> str:
    """The prompt without the quoting markers (tested on their own below)."""
    return _MARKER.sub("", content)


def judge(score_name: str = "correctness", **config) -> dict:
    return evaluator(
        "llm_judge", score_name, **{"model": "gpt-4o-mini", "rubric": RUBRIC, **config}
    )


async def run_judge(
    fake: FakeLLM, reply, *, output="Paris", config=None, **item_fields
) -> list[dict]:
    fake.script(*(reply if isinstance(reply, list) else [reply]))
    fields = {"input": "Capital of France?", "expected": "Paris", **item_fields}
    return await evaluate(judge(**(config or {})), item(**fields), output, None)


async def test_json_reply_scores_and_keeps_tokens_and_cost(fake_llm: FakeLLM) -> None:
    reply = '{"score": 0.8, "reason": "ok"}'
    (score,) = await run_judge(fake_llm, reply)
    assert (score["name"], score["data_type"], score["numeric_value"], score["reason"]) == (
        "correctness",
        "numeric",
        0.8,
        "ok",
    )
    details = score["details"]
    (request,) = fake_llm.requests
    tokens_in = sum(count_tokens(m["content"]) for m in request["messages"])
    assert details["tokens_in"] == tokens_in
    assert details["tokens_out"] == count_tokens(reply) == 4
    assert details["cost"] == pytest.approx(
        tokens_in * GPT_4O_MINI_PRICES[0] + 4 * GPT_4O_MINI_PRICES[1]
    )
    assert (details["cost_known"], details["model"], details["attempts"]) == (
        True,
        "gpt-4o-mini",
        1,
    )


async def test_request_has_system_prompt_rendered_rubric_and_json_format(fake_llm: FakeLLM) -> None:
    await run_judge(fake_llm, '{"score": 1, "reason": "r"}')
    (request,) = fake_llm.requests
    assert request["response_format"] == {"type": "json_object"}
    assert request["temperature"] == 0.0
    system, user = request["messages"]
    assert system == {"role": "system", "content": SYSTEM_PROMPT}
    assert user["role"] == "user"
    mark = _MARKER.search(user["content"]).group(2)
    assert user["content"] == (
        f"Question: <input {mark}>Capital of France?</input {mark}>\n"
        f"Answer: <output {mark}>Paris</output {mark}>\n"
        f"Reference: <expected_output {mark}>Paris</expected_output {mark}>\n"
        "Is the answer correct?"
    )


async def test_fenced_json_reply(fake_llm: FakeLLM) -> None:
    (score,) = await run_judge(fake_llm, 'Sure!\n```json\n{"score": 0.9, "reason": "fine"}\n```')
    assert (score["numeric_value"], score["reason"]) == (0.9, "fine")


async def test_score_line_reply(fake_llm: FakeLLM) -> None:
    (score,) = await run_judge(fake_llm, "Score: 0.7\nReason: mostly right")
    assert (score["numeric_value"], score["reason"]) == (0.7, "mostly right")


async def test_out_of_range_reply_is_clamped_with_a_note(fake_llm: FakeLLM) -> None:
    (score,) = await run_judge(fake_llm, "1.7")
    assert score["numeric_value"] == 1.0
    assert score["reason"] == "no reason given [score 1.7 outside [0, 1], clamped to 1]"
    assert score["details"]["note"] == "score 1.7 outside [0, 1], clamped to 1"


async def test_marked_scale_is_normalised(fake_llm: FakeLLM) -> None:
    (score,) = await run_judge(fake_llm, "The answer is good. score = 8/10")
    assert score["numeric_value"] == 0.8
    assert score["reason"] == "The answer is good. [normalised 8/10]"


async def test_garbage_reply_is_a_failed_score_not_zero(fake_llm: FakeLLM) -> None:
    (score,) = await run_judge(fake_llm, "I am unable to help with that.")
    assert score["numeric_value"] is None
    assert score["reason"] == "could not parse judge reply"
    assert score["details"]["failed"] is True
    assert score["details"]["raw"] == "I am unable to help with that."
    assert score["details"]["tokens_out"] == 7


async def test_server_error_then_success_is_retried(fake_llm: FakeLLM) -> None:
    (score,) = await run_judge(fake_llm, [{"status": 500}, '{"score": 0.6, "reason": "retry ok"}'])
    assert (score["numeric_value"], score["reason"]) == (0.6, "retry ok")
    assert score["details"]["attempts"] == 2
    assert len(fake_llm.requests) == 2


async def test_client_error_is_a_failed_score_with_the_message(fake_llm: FakeLLM) -> None:
    (score,) = await run_judge(fake_llm, {"status": 400, "message": "model does not exist"})
    assert score["numeric_value"] is None
    assert score["reason"].startswith("judge call failed: ")
    assert "model does not exist" in score["reason"]
    assert score["details"]["failed"] is True
    assert (score["details"]["status_code"], score["details"]["attempts"]) == (400, 1)
    assert len(fake_llm.requests) == 1  # a 400 is not retried


async def test_pass_threshold_adds_a_boolean_score(fake_llm: FakeLLM) -> None:
    config = {"pass_threshold": 0.7}
    score, passed = await run_judge(fake_llm, '{"score": 0.8, "reason": "ok"}', config=config)
    assert score["numeric_value"] == 0.8
    assert {
        k: passed[k] for k in ("name", "data_type", "numeric_value", "string_value", "reason")
    } == {
        "name": "correctness_pass",
        "data_type": "boolean",
        "numeric_value": 1.0,
        "string_value": "true",
        "reason": "score 0.8 >= threshold 0.7",
    }
    _, failed = await run_judge(fake_llm, '{"score": 0.5, "reason": "meh"}', config=config)
    assert (failed["numeric_value"], failed["string_value"]) == (0.0, "false")
    _, unknown = await run_judge(fake_llm, "garbage", config=config)
    assert (unknown["numeric_value"], unknown["string_value"], unknown["details"]) == (
        None,
        None,
        {"failed": True},
    )


def test_missing_rubric_variables_names_every_unfillable_placeholder() -> None:
    ev = judge(
        rubric="Ref: {reference_code}\nFeatures: {required_features}\nGT: {ground_truth}\n{output}"
    )
    assert missing_rubric_variables(ev, item("write fib")) == [
        "reference_code",
        "required_features",
        "ground_truth",
    ]
    filled = item(
        "write fib", "def fib", rubric_vars={"reference_code": "x", "required_features": "y"}
    )
    assert missing_rubric_variables(ev, filled) == []
    assert missing_rubric_variables(evaluator("exact_match"), item()) == []


async def test_missing_variable_fails_the_score_without_calling_the_judge(
    fake_llm: FakeLLM,
) -> None:
    ev = judge(rubric="Compare {output} with {reference_code}")
    (score,) = await evaluate(ev, item("q"), "out", None)
    assert score["numeric_value"] is None
    assert score["reason"] == "missing rubric variables: reference_code"
    assert score["details"] == {"failed": True, "missing_variables": ["reference_code"]}
    assert fake_llm.requests == []


async def test_rubric_vars_fill_and_other_braces_stay_literal(fake_llm: FakeLLM) -> None:
    rubric = (
        "Reference:\n{reference_code}\nLimits: {limits}\nAnswer: {{output}}\n"
        'Reply like {"score": 1, "reason": "..."}; {output.__class__} and {0} stay.'
    )
    fake_llm.script('{"score": 1, "reason": "r"}')
    fields = {"rubric_vars": {"reference_code": "def fib(n): ...", "limits": {"max": 5}}}
    await evaluate(judge(rubric=rubric), item("write fib", **fields), "def fib(n): pass", None)
    content = plain(fake_llm.requests[0]["messages"][1]["content"])
    assert content == (
        'Reference:\ndef fib(n): ...\nLimits: {"max": 5}\nAnswer: def fib(n): pass\n'
        'Reply like {"score": 1, "reason": "..."}; {output.__class__} and {0} stay.'
        "\n\nInput:\nwrite fib"
    )


async def test_rubric_without_output_placeholder_still_shows_the_response(
    fake_llm: FakeLLM,
) -> None:
    fake_llm.script('{"score": 1, "reason": "r"}')
    await evaluate(judge(rubric="Be strict."), item("hi"), {"answer": "hello"}, None)
    content = plain(fake_llm.requests[0]["messages"][1]["content"])
    assert content == 'Be strict.\n\nInput:\nhi\n\nResponse to grade:\n{"answer": "hello"}'


async def test_multi_turn_judges_each_turn_and_reports_the_mean(fake_llm: FakeLLM) -> None:
    messages = [
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": "My name is Alice"},
        {"role": "assistant", "content": "Hi Alice"},
        {"role": "user", "content": "What's my name?"},
        {"role": "assistant", "content": "Bob"},
    ]
    turns_item = item(["My name is Alice", "What's my name?"], ["Hello Alice", "Alice"])
    replies = ['{"score": 1.0, "reason": "greets"}', '{"score": 0.0, "reason": "wrong name"}']
    fake_llm.script(*replies)
    (score,) = await evaluate(judge(), turns_item, "Bob", messages)
    assert score["numeric_value"] == 0.5
    assert score["reason"] == "mean of 2 turns (turn 1: 1, turn 2: 0)"
    turns = score["details"]["turns"]
    assert [(t["turn"], t["score"], t["reason"]) for t in turns] == [
        (1, 1.0, "greets"),
        (2, 0.0, "wrong name"),
    ]
    sent = [plain(r["messages"][1]["content"]) for r in fake_llm.requests]
    assert sent == [
        "Question: My name is Alice\nAnswer: Hi Alice\nReference: Hello Alice\nIs the answer correct?",
        "Question: What's my name?\nAnswer: Bob\nReference: Alice\nIs the answer correct?",
    ]
    assert score["details"]["tokens_in"] == sum(t["details"]["tokens_in"] for t in turns)
    assert score["details"]["tokens_out"] == sum(count_tokens(r) for r in replies) == 9


async def test_multi_turn_with_one_unparseable_turn_fails_the_score(fake_llm: FakeLLM) -> None:
    turns_item = item(["a", "b"], ["A", "B"])
    messages = [{"role": "assistant", "content": "A"}, {"role": "assistant", "content": "B"}]
    fake_llm.script('{"score": 1, "reason": "ok"}', "no idea")
    (score,) = await evaluate(judge(), turns_item, "B", messages)
    assert score["numeric_value"] is None
    assert score["reason"] == "turn 2: could not parse judge reply"
    assert score["details"]["failed"] is True
    assert score["details"]["turns"][1]["details"]["raw"] == "no idea"


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ('{"score": 0.25, "reason": "weak"}', (0.25, "weak", None)),
        ('{"Score": "8/10", "explanation": "good"}', (0.8, "good", "normalised 8/10")),
        ('{"score": "80%", "reason": "r"}', (0.8, "r", "normalised 80/100")),
        (
            'Here is my grade: {"score": 0.4, "reason": "partial"} Hope it helps.',
            (0.4, "partial", None),
        ),
        ("Rating: 4 out of 5\nReason: close", (0.8, "close", "normalised 4/5")),
        ("**Score:** 0.9", (0.9, "no reason given", None)),
        (
            '{"score": 8, "reason": "unmarked scale"}',
            (1.0, "unmarked scale", "score 8 outside [0, 1], clamped to 1"),
        ),
        ("score: -0.2", (0.0, "no reason given", "score -0.2 outside [0, 1], clamped to 0")),
    ],
)
def test_parse_reply_forms(reply: str, expected: tuple) -> None:
    assert parse_reply(reply) == expected


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "Looks great to me!",
        '{"score": null, "reason": "x"}',
        '{"score": true}',
        "NaN",
        '{"reason": "no score key"}',
        "score: 3/0",
    ],
)
def test_parse_reply_refuses_what_has_no_score(reply: str) -> None:
    assert parse_reply(reply) is None


async def test_rubric_vars_cannot_replace_the_graded_output(fake_llm: FakeLLM) -> None:
    fake_llm.script('{"score": 1, "reason": "r"}')
    fields = {"rubric_vars": {"output": "forged", "input": "forged", "style": "terse"}}
    await evaluate(judge(rubric="{style}: {input} -> {output}"), item("q", **fields), "real", None)
    assert plain(fake_llm.requests[0]["messages"][1]["content"]) == "terse: q -> real"
