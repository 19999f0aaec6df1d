"""The checks on an experiment's tools (issue 12), run by ExperimentConfig's validators so a
bad tool setting is a 422 naming the field, never a run that fails on every item.

One source of truth: an experiment offers tools through its top-level `tools` and
`tool_choice`. `params.tools` / `params.tool_choice` (the allow-listed model parameters,
also reachable from a prompt version's config) mean the same thing and run the same tool
loop, but giving both is refused: two lists would leave it unclear which one the model got.
"""

import re
from typing import Any

# OpenAI's rule for a function name (Anthropic's is the same); other providers accept it.
NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
TOOL_KEYS = frozenset({"type", "function"})
FUNCTION_KEYS = frozenset({"name", "description", "parameters", "strict"})
CHOICES = ("auto", "none", "required")


def _function_errors(where: str, function: Any) -> str | None:
    if not isinstance(function, dict):
        return f"{where}.function must be an object with a name"
    unknown = sorted(set(function) - FUNCTION_KEYS)
    if unknown:
        return (f"{where}.function has unknown key(s) {', '.join(unknown)}; a function schema "
                f"has {', '.join(sorted(FUNCTION_KEYS))}")
    name = function.get("name")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        return f"{where}.function.name must be 1-64 letters, digits, _ or - (got {name!r})"
    if not isinstance(function.get("description", ""), str):
        return f"{where}.function.description must be a text"
    parameters = function.get("parameters")
    if parameters is not None:
        if not isinstance(parameters, dict) or parameters.get("type", "object") != "object":
            return f"{where}.function.parameters must be a JSON schema of type object"
        properties = parameters.get("properties", {})
        if not isinstance(properties, dict) or not all(isinstance(v, dict)
                                                       for v in properties.values()):
            return f"{where}.function.parameters.properties must map names to JSON schemas"
    return None


def check_tools(tools: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The tools as given; ValueError naming the first malformed one (tools[i].function...)."""
    if not tools:
        raise ValueError("give at least one tool, or leave tools out")
    seen: set[str] = set()
    for index, tool in enumerate(tools):
        where = f"tools[{index}]"
        unknown = sorted(set(tool) - TOOL_KEYS)
        if unknown:
            raise ValueError(f"{where} has unknown key(s) {', '.join(unknown)}; an OpenAI tool "
                             "is {type: function, function: {name, description, parameters}}")
        if tool.get("type") != "function":
            raise ValueError(f"{where}.type must be 'function'")
        problem = _function_errors(where, tool.get("function"))
        if problem:
            raise ValueError(problem)
        name = tool["function"]["name"]
        if name in seen:
            raise ValueError(f"{where}.function.name {name!r} is offered twice")
        seen.add(name)
    return tools


def names(tools: list[dict[str, Any]] | None) -> list[str]:
    return [t["function"]["name"] for t in tools or [] if isinstance(t.get("function"), dict)]


def check_choice(choice: Any, offered: list[str]) -> Any:
    if choice is None:
        return choice
    if not offered:
        raise ValueError("tool_choice needs tools")
    if isinstance(choice, str):
        if choice not in CHOICES:
            raise ValueError(f"must be one of {', '.join(CHOICES)} or "
                             "{type: function, function: {name}}")
        return choice
    function = choice.get("function") if choice.get("type") == "function" else None
    name = function.get("name") if isinstance(function, dict) else None
    if not isinstance(name, str):
        raise ValueError("must be {type: function, function: {name}} naming an offered tool")  # noqa: TRY004 - pydantic reports ValueError
    if name not in offered:
        raise ValueError(f"names tool {name!r}, which is not offered (tools: {', '.join(offered)})")
    return choice


def check_results(results: dict[str, Any] | None, offered: list[str]) -> dict[str, Any] | None:
    if results is None:
        return results
    if not offered:
        raise ValueError("tool_results needs tools")
    stray = [name for name in results if name not in offered]
    if stray:
        raise ValueError(f"{', '.join(map(repr, stray))}: not an offered tool "
                         f"(tools: {', '.join(offered)})")
    return results
