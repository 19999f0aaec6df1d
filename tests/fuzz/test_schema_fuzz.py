"""Schemathesis against the app's own OpenAPI schema, over every operation, authenticated,
through a live server on each backend: no 5xx, and every response matches its documented
schema. The examples per operation are bounded here (EVALFORGE_FUZZ_EXAMPLES) to keep the
suite fast; docs/reliability.md has the longer run (`make fuzz`) and its figures.

One test per backend runs every operation, so the suite starts one server per backend
whatever the number of pytest-xdist processes, and one red run lists every failure."""

import os

import httpx
import hypothesis
import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from app.config import Settings
from app.main import create_app
from tests.fuzz import live
from tests.fuzz.conftest import seed

EXAMPLES = int(os.environ.get("EVALFORGE_FUZZ_EXAMPLES", "4"))
SPEC = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:")).openapi()
schema = schemathesis.openapi.from_dict(SPEC)
# An operation whose responses do not match its schema yet, and why: only the server-error
# check runs there. Empty since the import's 422 documents its line errors (ImportErrors).
KNOWN_SCHEMA_GAPS: dict[str, str] = {}


def operations() -> list:
    return [result.ok() for result in schema.get_all_operations()]


def _strategy(operation, seeded: dict[str, str]) -> st.SearchStrategy:
    """Valid and invalid requests. Path parameters name real objects (so the fuzzer gets past
    the 404), except for deletes, whose first success would leave the rest a 404."""
    names = {p.name for p in operation.path_parameters}
    fixed = None if operation.method.upper() == "DELETE" else (
        {name: seeded[name] for name in names if name in seeded} or None)
    return st.one_of(*(
        operation.as_strategy(mode, path_parameters=fixed)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    ))


def fuzz(operation, server: live.Live, seeded: dict[str, str]) -> None:
    @hypothesis.given(case=_strategy(operation, seeded))
    @hypothesis.settings(
        max_examples=EXAMPLES, deadline=None, database=None,
        derandomize=True,  # the same cases on every run: a red run reproduces
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(base_url=server.base_url, headers=server.auth, timeout=30,
                               checks=checks)

    checks = [not_a_server_error]
    if operation.label not in KNOWN_SCHEMA_GAPS:
        checks.append(response_schema_conformance)

    run()


def test_every_operation_of_the_schema_is_fuzzed() -> None:
    labels = {op.label for op in operations()}
    expected = {f"{m.upper()} {p}" for p, ops in SPEC["paths"].items() for m in ops}
    assert labels == expected and len(labels) >= 50


async def test_no_server_error_and_every_response_matches_the_schema(
    database_url: str, module_llm, tmp_path
) -> None:
    env = live.server_env(database_url, tmp_path, module_llm.base_url)
    with live.serve(env, tmp_path) as server:
        # The first experiment create on the production shape imports litellm in the API
        # process (~20 s on a loaded machine; reported in docs/reliability.md).
        with httpx.Client(base_url=server.base_url, headers=server.auth, timeout=180) as client:
            seeded = seed(client)
        failures = []
        for operation in operations():
            try:
                fuzz(operation, server, seeded)
            except Exception as exc:  # noqa: BLE001 - every operation runs, all failures shown
                failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)

