"""Deterministic graders, every kind with its edge cases (pure: no database)."""

import pytest

from app.evaluators.graders import deterministic
from tests.evaluators.helpers import grade


async def test_exact_match_score_dict_has_the_contract_shape() -> None:
    score = await grade("exact_match", " Paris\n", "Paris")
    assert score == {
        "name": "exact_match",
        "data_type": "numeric",
        "numeric_value": 1.0,
        "string_value": None,
        "source": "evaluator",
        "reason": "output equals the expected output",
        "details": None,
        "evaluator_id": "ev-1",
    }


async def test_exact_match_mismatch_names_expected_and_position() -> None:
    score = await grade("exact_match", "Pari", "Paris")
    assert score["numeric_value"] == 0.0
    assert score["reason"] == "output differs from expected 'Paris' at character 4"


async def test_exact_match_is_case_sensitive_by_default_and_configurable() -> None:
    assert (await grade("exact_match", "paris", "Paris"))["numeric_value"] == 0.0
    assert (await grade("exact_match", "paris", "Paris", case_sensitive=False))[
        "numeric_value"
    ] == 1.0


async def test_strip_false_keeps_surrounding_whitespace() -> None:
    assert (await grade("exact_match", "Paris ", "Paris", strip=False))["numeric_value"] == 0.0


async def test_unicode_is_nfc_normalised_before_comparing() -> None:
    decomposed, composed = "Cafe\u0301", "Caf\u00e9"
    assert (await grade("exact_match", decomposed, composed))["numeric_value"] == 1.0
    assert (await grade("icontains", "CAFE\u0301 au lait", "café"))["numeric_value"] == 1.0


async def test_no_expected_output_is_skipped_without_a_value() -> None:
    score = await grade("exact_match", "anything", None)
    assert (score["numeric_value"], score["reason"], score["details"]) == (
        None,
        "no expected output",
        {"skipped": "no_expected_output"},
    )


async def test_expected_object_with_one_string_value_compares_that_value() -> None:
    expected = {"answer": "Go to Settings > Security", "confidence": 0.9}
    assert (await grade("exact_match", "Go to Settings > Security", expected))[
        "numeric_value"
    ] == 1.0


async def test_expected_key_picks_the_field_and_dotted_paths() -> None:
    expected = {"answer": "Paris", "alt": "Lyon", "geo": {"city": "Nice"}}
    assert (await grade("exact_match", "Lyon", expected, expected_key="alt"))[
        "numeric_value"
    ] == 1.0
    assert (await grade("exact_match", "Nice", expected, expected_key="geo.city"))[
        "numeric_value"
    ] == 1.0
    missing = await grade("exact_match", "Paris", expected, expected_key="nope")
    assert missing["details"] == {"skipped": "no_expected_output"}


async def test_non_string_output_is_json_encoded_with_sorted_keys() -> None:
    score = await grade("exact_match", {"b": 2, "a": 1}, '{"a": 1, "b": 2}')
    assert score["numeric_value"] == 1.0


async def test_contains_uses_expected_or_a_fixed_value() -> None:
    assert (await grade("contains", "The capital is Paris.", "Paris"))["numeric_value"] == 1.0
    fixed = await grade("contains", "Hello there", None, value="there")
    assert (fixed["numeric_value"], fixed["reason"]) == (1.0, "output contains 'there'")
    missing = await grade("contains", "Hello", None, value="bye")
    assert (missing["numeric_value"], missing["reason"]) == (0.0, "output does not contain 'bye'")


async def test_contains_is_case_sensitive_but_icontains_is_not() -> None:
    assert (await grade("contains", "PARIS", "Paris"))["numeric_value"] == 0.0
    assert (await grade("icontains", "PARIS", "Paris"))["numeric_value"] == 1.0
    assert (await grade("icontains", "Straße", "STRASSE"))["numeric_value"] == 1.0


async def test_regex_search_fullmatch_and_ignorecase() -> None:
    assert (await grade("regex", "Order #1234 shipped", pattern=r"#\d{4}"))[
        "reason"
    ] == "pattern matched '#1234'"
    assert (await grade("regex", "Order #1234", pattern=r"#\d+", mode="fullmatch"))[
        "numeric_value"
    ] == 0.0
    assert (await grade("regex", "YES", pattern="^yes$", case_sensitive=False))[
        "numeric_value"
    ] == 1.0
    assert (await grade("regex", "YES", pattern="^yes$"))[
        "reason"
    ] == "pattern '^yes$' did not match the output"


async def test_regex_catastrophic_pattern_times_out_as_a_failed_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(deterministic, "REGEX_TIMEOUT_S", 0.1)  # keeps the test short
    score = await grade("regex", "a" * 60 + "!", pattern=r"(a|aa)+$")
    assert (score["numeric_value"], score["reason"]) == (None, "regex timed out after 0.1s")
    assert score["details"] == {"failed": True, "error": "timeout"}


@pytest.mark.parametrize(
    ("output", "value", "reason"),
    [
        ('{"a": [1, 2]}', 1.0, "output is valid JSON (dict)"),
        ("  [1, 2]  ", 1.0, "output is valid JSON (list)"),
        ({"already": "structured"}, 1.0, "output is structured JSON"),
        ("NaN", 0.0, "output is not valid JSON: NaN is not valid JSON"),
        ('```json\n{"a": 1}\n```', 0.0, "output is JSON inside a code fence, not bare JSON"),
        (None, 0.0, "no output"),
    ],
)
async def test_json_valid(output, value, reason) -> None:
    score = await grade("json_valid", output)
    assert (score["numeric_value"], score["reason"]) == (value, reason)


async def test_json_valid_reports_the_parser_error() -> None:
    score = await grade("json_valid", "{oops}")
    assert score["reason"].startswith("output is not valid JSON: Expecting property name")


async def test_json_match_subset_is_recursive_and_the_default() -> None:
    output = '{"user": {"name": "Ann", "age": 30}, "ok": true, "extra": 1}'
    expected = {"user": {"name": "Ann"}, "ok": True}
    score = await grade("json_match", output, expected)
    assert (score["numeric_value"], score["reason"]) == (1.0, "output contains the expected JSON")


async def test_json_match_reports_the_first_mismatch_path() -> None:
    output = {"user": {"name": "Bob"}, "ok": True}
    score = await grade("json_match", output, {"user": {"name": "Ann"}})
    assert score["reason"] == "JSON mismatch at $.user.name: expected 'Ann', got 'Bob'"
    missing = await grade("json_match", {"user": {}}, {"user": {"name": "Ann"}})
    assert missing["reason"] == "JSON mismatch at $.user.name: missing"


async def test_json_match_equal_mode_refuses_extra_keys() -> None:
    score = await grade("json_match", '{"a": 1, "b": 2}', {"a": 1}, mode="equal")
    assert score["reason"] == "JSON mismatch at $.b: unexpected key"


async def test_json_match_does_not_confuse_true_with_1_and_reads_fenced_output() -> None:
    assert (await grade("json_match", '{"a": 1}', {"a": True}))["numeric_value"] == 0.0
    assert (await grade("json_match", '```json\n{"a": 1.0}\n```', '{"a": 1}'))[
        "numeric_value"
    ] == 1.0
    assert (await grade("json_match", "not json", {"a": 1}))["reason"] == "output is not valid JSON"


async def test_json_match_lists_compare_element_wise() -> None:
    score = await grade("json_match", '{"xs": [1, 2]}', {"xs": [1, 2, 3]})
    assert score["reason"] == "JSON mismatch at $.xs: expected 3 items, got [1, 2]"


async def test_numeric_close_parses_the_first_number_with_separators() -> None:
    score = await grade("numeric_close", "The answer is 1,000,000,000.", "1000000000")
    assert score["numeric_value"] == 1.0
    assert (await grade("numeric_close", "−4 degrees", "-4"))["numeric_value"] == 1.0


async def test_numeric_close_tolerances() -> None:
    assert (await grade("numeric_close", "0.30000000000000004", "0.3"))["numeric_value"] == 1.0
    far = await grade("numeric_close", "3.2", "3", abs_tol=0.1)
    assert (far["numeric_value"], far["reason"]) == (
        0.0,
        "3.2 differs from 3 by 0.2 (abs_tol 0.1, rel_tol 1e-09)",
    )
    assert (await grade("numeric_close", "3.2", "3", abs_tol=0.25))["numeric_value"] == 1.0
    assert (await grade("numeric_close", "105", 100, rel_tol=0.05))["numeric_value"] == 1.0


async def test_numeric_close_without_numbers() -> None:
    assert (await grade("numeric_close", "no idea", "4"))["reason"] == "no number in output"
    broken = await grade("numeric_close", "4", "four")
    assert broken["numeric_value"] is None
    assert broken["details"] == {"failed": True, "error": "no_expected_number"}


async def test_levenshtein_similarity() -> None:
    score = await grade("levenshtein", "sitting", "kitten")
    assert score["numeric_value"] == pytest.approx(1 - 3 / 7)
    assert score["reason"] == "edit distance 3 over 7 characters"
    assert (await grade("levenshtein", "", ""))["numeric_value"] == 1.0
    assert (await grade("levenshtein", "ABC", "abc", case_sensitive=False))["numeric_value"] == 1.0


async def test_length_in_chars_and_words() -> None:
    ok = await grade("length", "  hello  ", min=5, max=5)
    assert (ok["numeric_value"], ok["reason"]) == (1.0, "5 characters, within [5, 5]")
    long = await grade("length", "one two three", unit="words", max=2)
    assert (long["numeric_value"], long["reason"]) == (0.0, "3 words, more than the maximum 2")
    short = await grade("length", "hi", min=3)
    assert short["reason"] == "2 characters, fewer than the minimum 3"


async def test_length_counts_characters_after_nfc() -> None:
    assert (await grade("length", "e\u0301", max=1))["numeric_value"] == 1.0


async def test_is_ascii_names_the_first_offending_character() -> None:
    assert (await grade("is_ascii", "plain text"))["numeric_value"] == 1.0
    score = await grade("is_ascii", "naïve")
    assert (score["numeric_value"], score["reason"]) == (
        0.0,
        "non-ASCII character 'ï' (U+00EF) at position 2",
    )


async def test_invalid_config_in_a_snapshot_is_a_failed_score_not_an_exception() -> None:
    score = await grade("regex", "text", pattern="(")
    assert score["numeric_value"] is None
    assert score["reason"].startswith(
        "invalid evaluator config: config.pattern: Value error, invalid"
    )


async def test_expected_key_also_picks_the_field_of_an_object_output() -> None:
    output = {"answer": "Paris", "sources": ["wiki"]}
    expected = {"answer": "Paris", "difficulty": "easy"}
    assert (await grade("exact_match", output, expected, expected_key="answer"))[
        "numeric_value"
    ] == 1.0
    assert (await grade("numeric_close", {"n": "4.0"}, {"n": 4}, expected_key="n"))[
        "numeric_value"
    ] == 1.0
    json_output = '{"user": {"name": "Ann", "age": 3}}'
    matched = await grade("json_match", json_output, {"user": {"name": "Ann"}}, expected_key="user")
    assert matched["numeric_value"] == 1.0
    # Without the field in the output, the whole output is compared.
    assert (await grade("exact_match", {"other": "Paris"}, expected, expected_key="answer"))[
        "numeric_value"
    ] == 0.0
