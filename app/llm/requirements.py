"""What a model needs from the server before a call can succeed: a credential, a provider
litellm can route to, and (for cost figures) a price.

Preflight (app/experiments/preflight.py) asks before an experiment starts, so a missing key
is a 422 at create or start instead of a failed run per item; error messages ask which
variable to name. Both read the environment when asked, as the calls themselves do.
"""

import os
import re
from dataclasses import dataclass, field
from types import ModuleType

from app.llm.registry import Registry, Route, route

# Of what litellm lists as missing, the credentials; a missing base URL or API version is
# not ours to demand (litellm has defaults for some, e.g. Ollama's localhost).
_CREDENTIAL = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|CREDENTIALS")


@dataclass(slots=True)
class Requirements:
    name: str
    model: str  # what litellm is sent
    missing: list[str] = field(default_factory=list)  # credentials not set (for a message)
    routable: bool = True  # litellm knows the provider
    priced: bool = True


def _litellm() -> ModuleType:  # imported on first need (seconds of CPU)
    from app.llm.client import warm_up

    return warm_up()


def missing_credentials(model: str) -> list[str]:
    """The credential variables litellm needs for `model` and does not find."""
    try:
        found = _litellm().validate_environment(model)
    except Exception:  # noqa: BLE001 - an unknown provider: nothing litellm can name
        return []
    return [name for name in found.get("missing_keys") or [] if _CREDENTIAL.search(name)]


def registered_key(name: str) -> str:
    # Not the variable's name: which variables the server reads is an admin's business (the
    # models endpoint hides them too, issue 15.1).
    return f"the key of registered model {name!r} (its api_key_env in EVALFORGE_MODELS)"


def key_variable(target: Route, name: str, missing: bool = False) -> str:
    """What holds the key of `target` (called as `name`), for error messages."""
    if target.registered:
        return registered_key(name)
    if missing and (names := missing_credentials(target.model)):
        return " or ".join(names)
    from app.llm.openai_lane import provider_of

    resolved = provider_of(target.model)
    return f"{resolved[1].upper()}_API_KEY" if resolved else "the provider's API key"


def _priced(name: str, model: str, prices: dict[str, dict[str, float]]) -> bool:
    if name in prices or model in prices or model.split("/", 1)[-1] in prices:
        return True
    try:
        _litellm().cost_per_token(model=model, prompt_tokens=1, completion_tokens=1)
    except Exception:  # noqa: BLE001 - litellm raises assorted types for unpriced models
        return False
    return True


def requirements(name: str, registry: Registry, prices: dict[str, dict[str, float]]
                 ) -> Requirements:
    """What calling model `name` (registered or a litellm model string) still lacks."""
    from app.llm.openai_lane import provider_of

    target = route(name, registry)
    found = Requirements(name, target.model, routable=provider_of(target.model) is not None)
    if target.registered:
        # A registered model carries its endpoint, and its key when it names a variable.
        if target.api_key_env and not os.environ.get(target.api_key_env):
            found.missing = [registered_key(name)]
    else:
        found.missing = missing_credentials(target.model)
    found.priced = _priced(name, target.model, prices)
    return found
