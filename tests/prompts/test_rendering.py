"""Rendering rules: pure functions, no database (no db fixture here, so each runs once)."""

import pytest

from app.prompts.rendering import (
    Conversation,
    MissingVariables,
    build_conversation,
    item_variables,
    missing_variables,
    render,
    user_text,
)


def text(template: str) -> dict:
    return {"prompt_name": "p", "version": 1, "template": template, "messages": None, "config": {}}


def chat(*messages: tuple[str, str]) -> dict:
    return {
        "prompt_name": "p",
        "version": 1,
        "template": None,
        "config": {},
        "messages": [{"role": r, "content": c} for r, c in messages],
    }


# --- substitution -----------------------------------------------------------------------------


def test_placeholder_is_filled_from_object_key() -> None:
    assert render("Hi {{name}}!", {"name": "Ada"}) == "Hi Ada!"


def test_spaces_inside_braces_are_allowed() -> None:
    assert render("{{ name }}|{{name  }}|{{\tname}}", {"name": "x"}) == "x|x|x"


def test_non_string_values_are_inserted_as_json() -> None:
    variables = {"n": 3, "f": 0.5, "b": True, "z": None, "l": [1, "a"], "d": {"k": "é"}}
    out = render("{{n}} {{f}} {{b}} {{z}} {{l}} {{d}}", variables)
    assert out == '3 0.5 true null [1, "a"] {"k": "é"}'


def test_substituted_values_are_not_rescanned() -> None:
    assert render("{{a}} {{b}}", {"a": "{{b}}", "b": "B"}) == "{{b}} B"


def test_values_containing_braces_stay_literal() -> None:
    assert render("Q: {{q}}", {"q": "{x} {{ y }} {% if %} {0}"}) == "Q: {x} {{ y }} {% if %} {0}"


@pytest.mark.parametrize(
    "template",
    [
        "{{x.__class__}}",
        "{x.__class__}",
        "{0}",
        "{{7*7}}",
        "{% for i in x %}",
        "{{ x['a'] }}",
        "{{x|upper}}",
        "{{ }}",
        "{{1abc}}",
        "{name}",
        "{{name()}}",
        "${name}",
    ],
)
def test_expressions_are_plain_text_never_evaluated(template: str) -> None:
    assert render(template, {"x": {"a": 1}, "name": "n"}) == template


def test_jinja_statements_are_left_as_is_while_placeholders_fill() -> None:
    out = render("{% if admin %}{{name}}{% endif %} {{7*7}}", {"name": "Ada"})
    assert out == "{% if admin %}Ada{% endif %} {{7*7}}"


def test_dunder_name_is_a_plain_key_lookup() -> None:
    assert render("{{__class__}}", {"__class__": "plain"}) == "plain"
    with pytest.raises(MissingVariables) as err:
        render("{{__class__}}", item_variables({"q": "x"}))
    assert err.value.names == ["__class__"]


def test_missing_variables_are_all_named_in_order() -> None:
    with pytest.raises(MissingVariables) as err:
        render("{{b}} {{a}} {{b}} {{ok}} {{c}}", {"ok": 1})
    assert err.value.names == ["b", "a", "c"]
    assert isinstance(err.value, ValueError)
    assert str(err.value) == "missing template variables: b, a, c"


# --- item variables ---------------------------------------------------------------------------


def test_item_variables_of_object_are_its_keys_plus_input() -> None:
    value = {"query": "q", "n": 2}
    assert item_variables(value) == {"input": value, "query": "q", "n": 2}


def test_item_variables_of_string_and_list_is_input_only() -> None:
    assert item_variables("hello") == {"input": "hello"}
    assert item_variables(["a", "b"]) == {"input": ["a", "b"]}


def test_object_own_input_key_wins_over_whole_input() -> None:
    assert item_variables({"input": "mine", "lang": "fr"})["input"] == "mine"


def test_whole_input_placeholder_is_string_as_is_else_json() -> None:
    assert render("<{{input}}>", item_variables("plain text")) == "<plain text>"
    assert render("<{{input}}>", item_variables({"q": "x"})) == '<{"q": "x"}>'
    assert render("<{{ input }}>", item_variables(["a", "b"])) == '<["a", "b"]>'


def test_missing_variables_for_text_and_chat_prompts() -> None:
    assert missing_variables(text("{{query}} {{lang}} {{input}}"), {"query": "q"}) == ["lang"]
    assert missing_variables(text("{{query}}"), "a string") == ["query"]
    assert missing_variables(chat(("system", "{{a}}"), ("user", "{{b}} {{a}}")), {}) == ["a", "b"]
    assert missing_variables(text("no placeholders"), 5) == []
    assert missing_variables(None, {"x": 1}) == []


# --- how a prompt meets an item ---------------------------------------------------------------


def test_user_text_rules() -> None:
    assert user_text("as is") == "as is"
    assert user_text({"query": "How do I reset my password?"}) == "How do I reset my password?"
    assert user_text({"query": "q", "lang": "fr"}) == '{"query": "q", "lang": "fr"}'
    assert user_text({"n": 3}) == '{"n": 3}'
    assert user_text(42) == "42"


def test_text_template_without_placeholders_is_system_and_input_is_user_turn() -> None:
    conv = build_conversation(text("You are terse."), {"query": "Reset password?"})
    assert conv == Conversation(
        messages=[{"role": "system", "content": "You are terse."}], turns=["Reset password?"]
    )


def test_text_template_using_variables_adds_no_user_message() -> None:
    conv = build_conversation(text("Answer in {{lang}}: {{query}}"), {"query": "Hi", "lang": "fr"})
    assert conv.messages == [{"role": "system", "content": "Answer in fr: Hi"}]
    assert conv.turns == []


def test_text_template_using_only_input_placeholder_adds_no_user_message() -> None:
    conv = build_conversation(text("Summarise: {{input}}"), "long text")
    assert conv == Conversation(
        messages=[{"role": "system", "content": "Summarise: long text"}], turns=[]
    )


def test_object_input_with_several_values_is_sent_as_json() -> None:
    conv = build_conversation(text("Be brief."), {"a": "x", "b": 2})
    assert conv.turns == ['{"a": "x", "b": 2}']


def test_chat_template_appends_input_when_no_message_uses_variables() -> None:
    conv = build_conversation(chat(("system", "Be kind."), ("assistant", "Hello!")), "Hi")
    assert conv.messages == [
        {"role": "system", "content": "Be kind."},
        {"role": "assistant", "content": "Hello!"},
    ]
    assert conv.turns == ["Hi"]


def test_chat_template_using_variables_is_sent_alone() -> None:
    conv = build_conversation(
        chat(("system", "Be {{tone}}."), ("user", "{{ query }}")), {"tone": "kind", "query": "Hi"}
    )
    assert conv.messages == [
        {"role": "system", "content": "Be kind."},
        {"role": "user", "content": "Hi"},
    ]
    assert conv.turns == []


def test_chat_template_missing_variables_named_across_all_messages() -> None:
    with pytest.raises(MissingVariables) as err:
        build_conversation(chat(("system", "{{a}}"), ("user", "{{b}}")), {"c": 1})
    assert err.value.names == ["a", "b"]


def test_list_input_is_one_turn_per_string() -> None:
    conv = build_conversation(text("You are a pirate."), ["Hello", "What's your name?"])
    assert conv.messages == [{"role": "system", "content": "You are a pirate."}]
    assert conv.turns == ["Hello", "What's your name?"]


def test_list_input_with_template_variables_still_sends_turns() -> None:
    conv = build_conversation(text("History: {{input}}"), ["a", "b"])
    assert conv.messages == [{"role": "system", "content": 'History: ["a", "b"]'}]
    assert conv.turns == ["a", "b"]


def test_list_input_non_string_turns_become_json() -> None:
    assert build_conversation(None, ["a", {"k": 1}]).turns == ["a", '{"k": 1}']


def test_empty_list_input_is_one_message_not_an_empty_request() -> None:
    assert build_conversation(None, []) == Conversation(messages=[], turns=["[]"])


def test_no_prompt_sends_the_input_alone() -> None:
    assert build_conversation(None, {"query": "q"}) == Conversation(messages=[], turns=["q"])
    assert build_conversation(None, ["x", "y"]) == Conversation(messages=[], turns=["x", "y"])


def test_build_conversation_does_not_mutate_prompt_snapshot() -> None:
    prompt = chat(("user", "{{q}}"))
    build_conversation(prompt, {"q": "filled"})
    assert prompt["messages"] == [{"role": "user", "content": "{{q}}"}]
