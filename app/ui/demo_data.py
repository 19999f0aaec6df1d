"""The demo's workspace and its scripted model: the seed's "Support Agent QA" dataset, two
versions of a support prompt, and the answers each version gets.

Version 2 asks for the help center's exact steps: it fixes four answers of version 1 and
breaks two that version 1 had right, so the comparison shows improvements and regressions.
The judge's score is the share of reference words the answer contains: deterministic, and
close to what a real judge would say about these answers.
"""

import json
import re
from typing import Any

DATASET = {
    "name": "Support Agent QA",
    "description": "Test cases for the customer support agent",
    "tags": ["support", "qa"],
}
PROMPT_NAME = "support-agent"
PROMPT_V1 = "You are Acme's support agent. Answer the customer's question in one short sentence."
PROMPT_V2 = (
    "You are Acme's support agent. Answer with the exact steps from the help center, "
    "quoting the menu path."
)
V2_MARKER = "help center"
# question -> (expected answer, version 1's answer, version 2's answer)
CASES: dict[str, tuple[str, str, str]] = {
    "How do I reset my password?": (
        "Go to Settings > Security > Reset Password",
        "You can reset it from your account settings.",
        "Go to Settings > Security > Reset Password",
    ),
    "What are your pricing plans?": (
        "We offer Free, Pro, and Enterprise plans",
        "We offer Free, Pro, and Enterprise plans",
        "Go to Settings > Billing > Plans to compare Free and Pro",
    ),
    "How do I contact support?": (
        "Email support@example.com or use the in-app chat",
        "Email support@example.com or use the in-app chat",
        "Email support@example.com or use the in-app chat",
    ),
    "How do I cancel my subscription?": (
        "Go to Settings > Billing > Cancel Subscription",
        "You can cancel any time from the billing page.",
        "Go to Settings > Billing > Cancel Subscription",
    ),
    "Can I export my data?": (
        "Go to Settings > Privacy > Export Data",
        "Contact support and we will send you an export.",
        "Go to Settings > Privacy > Export Data",
    ),
    "How do I change my email address?": (
        "Go to Settings > Account > Change Email",
        "Go to Settings > Account > Change Email",
        "Go to Settings > Account > Change Email",
    ),
    "What is your refund policy?": (
        "Refunds are available within 30 days of purchase",
        "Refunds are available within 30 days of purchase",
        "Go to Settings > Billing > Refunds",
    ),
    "How do I turn on two-factor authentication?": (
        "Go to Settings > Security > Two-Factor Authentication",
        "Turn it on in your security settings.",
        "Go to Settings > Security > Two-Factor Authentication",
    ),
}
RUBRIC = (
    "Does the answer give the customer the same instructions as the reference?\n"
    "Question: {input}\nAnswer: {output}\nReference: {expected_output}"
)
JUDGE_SYSTEM_START = "You are a strict, impartial evaluator"
_WORDS = re.compile(r"[a-z0-9@.-]+")


def items() -> list[dict[str, Any]]:
    return [
        {"input": {"query": q}, "expected_output": {"answer": expected}, "context": {"category": "support"}}
        for q, (expected, _v1, _v2) in CASES.items()
    ]


def _words(text: str) -> set[str]:
    return set(_WORDS.findall(text.lower()))


def judge_verdict(text: str) -> str:
    answer = re.search(r"^Answer: (.*)$", text, re.MULTILINE)
    reference = re.search(r"^Reference: (.*)$", text, re.MULTILINE)
    want = _words(reference.group(1)) if reference else set()
    got = _words(answer.group(1)) if answer else set()
    score = round(len(want & got) / len(want), 2) if want else 0.0
    return json.dumps({"score": score, "reason": f"shares {len(want & got)} of {len(want)} reference words"})


def reply(request: dict[str, Any]) -> str:
    """What the demo model answers to an OpenAI chat request."""
    messages = request.get("messages") or []
    texts = [m.get("content") if isinstance(m.get("content"), str) else "" for m in messages]
    if texts and texts[0].startswith(JUDGE_SYSTEM_START):
        return judge_verdict(texts[-1])
    question = next((t for m, t in zip(reversed(messages), reversed(texts), strict=True)
                     if m.get("role") == "user"), "")
    case = CASES.get(question.strip())
    if case is None:
        return f"Sorry, I have no answer for: {question}"
    return case[2] if any(V2_MARKER in t for t in texts) else case[1]
