"""Per-turn grading: list input with a ground truth per turn, deterministic kinds (pure)."""

from app.evaluators.graders import evaluate
from tests.evaluators.helpers import evaluator, item


def chat(*replies: str, system: str | None = None) -> list[dict]:
    messages = [{"role": "system", "content": system}] if system else []
    for number, reply in enumerate(replies, 1):
        messages += [
            {"role": "user", "content": f"turn {number}"},
            {"role": "assistant", "content": reply},
        ]
    return messages


async def test_each_reply_is_graded_against_its_own_ground_truth() -> None:
    turns = item(
        ["Hi", "My name is Alice", "What's my name?"], ["Hello", "Nice to meet you", "Alice"]
    )
    messages = chat("Hello", "Hi Alice", "Alice", system="be nice")
    (score,) = await evaluate(evaluator("exact_match"), turns, "Alice", messages)
    assert score["numeric_value"] == 2 / 3
    assert score["reason"] == "mean of 3 turns (turn 1: 1, turn 2: 0, turn 3: 1)"
    assert score["details"] == {
        "turns": [
            {"turn": 1, "score": 1.0, "reason": "output equals the expected output"},
            {
                "turn": 2,
                "score": 0.0,
                "reason": "output differs from expected 'Nice to meet you' at character 0",
            },
            {"turn": 3, "score": 1.0, "reason": "output equals the expected output"},
        ]
    }


async def test_few_shot_assistant_messages_before_the_turns_are_ignored() -> None:
    messages = [{"role": "user", "content": "example"}, {"role": "assistant", "content": "EXAMPLE"}]
    messages += chat("one", "two")
    (score,) = await evaluate(
        evaluator("exact_match"), item(["a", "b"], ["one", "two"]), "two", messages
    )
    assert score["numeric_value"] == 1.0


async def test_a_turn_without_reply_scores_zero() -> None:
    (score,) = await evaluate(evaluator("contains"), item(["a", "b"], ["x", "y"]), None, chat("x"))
    assert score["numeric_value"] == 0.5
    assert score["details"]["turns"][1] == {
        "turn": 2,
        "score": 0.0,
        "reason": "no assistant reply for this turn",
    }


async def test_without_transcript_a_list_output_gives_one_reply_per_turn() -> None:
    (score,) = await evaluate(
        evaluator("levenshtein"), item(["a", "b"], ["abcd", "wxyz"]), ["abcd", "wxyZ"], None
    )
    assert score["numeric_value"] == (1.0 + 0.75) / 2


async def test_a_turn_without_ground_truth_is_left_out_of_the_mean() -> None:
    (score,) = await evaluate(
        evaluator("exact_match"), item(["a", "b"], ["one", None]), "x", chat("one", "two")
    )
    assert (score["numeric_value"], score["reason"]) == (1.0, "mean of 1 turns (turn 1: 1)")
    assert score["details"]["turns"][1] == {"turn": 2, "score": None, "reason": "no expected output",
                                            "details": {"skipped": "no_expected_output"}}


async def test_no_ground_truth_for_any_turn_is_skipped() -> None:
    (score,) = await evaluate(
        evaluator("exact_match"), item(["a", "b"], [None, None]), "x", chat("one", "two")
    )
    assert (score["numeric_value"], score["details"]["skipped"]) == (None, "no_expected_output")


async def test_single_ground_truth_for_a_conversation_grades_the_final_output() -> None:
    conversation = item(["My name is Alice", "What's my name?"], "Alice")
    (score,) = await evaluate(
        evaluator("contains"), conversation, "You are Alice.", chat("Hi", "You are Alice.")
    )
    assert (score["numeric_value"], score["details"]) == (1.0, None)


async def test_lengths_that_differ_fall_back_to_whole_output_grading() -> None:
    (score,) = await evaluate(
        evaluator("exact_match"), item(["a", "b"], ["x", "y", "z"]), '["x", "y", "z"]', None
    )
    assert (score["numeric_value"], score["details"]) == (1.0, None)


async def test_failed_turn_fails_the_whole_score() -> None:
    (score,) = await evaluate(
        evaluator("numeric_close"), item(["a", "b"], ["1", "two"]), None, chat("1", "2")
    )
    assert score["numeric_value"] is None
    assert score["reason"] == "turn 2: expected output 'two' has no number"
    assert score["details"]["failed"] is True
