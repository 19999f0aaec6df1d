"""Cost of one call: configured prices first, then litellm's local price map, else unknown."""

from functools import lru_cache

Prices = dict[str, dict[str, float]]


def _configured(model: str, prices: Prices, alias: str | None) -> dict[str, float] | None:
    # A registered name's own price first; then "openai/gpt-4o-mini" and "gpt-4o-mini" are
    # the same model for pricing purposes.
    return ((prices.get(alias) if alias else None) or prices.get(model)
            or prices.get(model.split("/", 1)[-1]))


def cost_of(model: str, response: object, tokens_in: int, tokens_out: int,
            prices: Prices, alias: str | None = None) -> tuple[float, bool]:
    """(cost in USD, known) of a litellm response. Never raises: an unpriced model costs 0.0
    with known False.

    `model` is what litellm was sent; `alias` the registered name the caller used, if any.
    """
    if _configured(model, prices, alias) is None:
        # litellm already priced the response while building it; reading that back is free.
        hidden = getattr(response, "_hidden_params", None) or {}
        cost = hidden.get("response_cost") if isinstance(hidden, dict) else None
        if isinstance(cost, int | float):
            return float(cost), True
    return rated_cost(model, tokens_in, tokens_out, prices, alias)


@lru_cache(maxsize=1024)
def _rates(model: str, configured: tuple[float, float] | None) -> tuple[float, float] | None:
    """(input, output) USD per token, looked up once per model: litellm's search for an
    unpriced model costs ~2 ms, so its answer (even "unknown") is kept."""
    if configured is not None:
        return configured
    import litellm  # loaded by the call being priced

    try:
        prompt, _ = litellm.cost_per_token(model=model, prompt_tokens=1, completion_tokens=0)
        _, completion = litellm.cost_per_token(model=model, prompt_tokens=0, completion_tokens=1)
    except Exception:  # noqa: BLE001 - litellm raises assorted types for unknown models
        return None
    return float(prompt), float(completion)


def rates(model: str, prices: Prices, alias: str | None = None) -> tuple[float, float] | None:
    """(input, output) USD per token: configured prices first, then litellm's local map;
    None when neither knows the model. Never raises (the budget's estimate uses it too)."""
    price = _configured(model, prices, alias)
    configured = None if price is None else (float(price.get("input_cost_per_token", 0.0)),
                                             float(price.get("output_cost_per_token", 0.0)))
    return _rates(model, configured)


def rated_cost(model: str, tokens_in: int, tokens_out: int, prices: Prices,
               alias: str | None = None) -> tuple[float, bool]:
    """(cost in USD, known) from per-token rates; never raises."""
    found = rates(model, prices, alias)
    if found is None:
        return 0.0, False
    return tokens_in * found[0] + tokens_out * found[1], True


def forget_rates() -> None:
    """Prices changed (configure): look every model up again."""
    _rates.cache_clear()


def litellm_price_map(prices: Prices, registry: dict[str, dict]) -> dict[str, dict]:
    """Configured prices in litellm's register_model shape, keyed by what litellm is sent:
    litellm then prices those calls from its map instead of searching for them each time
    (~2 ms of CPU per call for an unpriced model)."""
    from app.llm.openai_lane import provider_of

    sent = {name: entry["model"] for name, entry in registry.items()}
    entries = {}
    for name, price in prices.items():
        model = sent.get(name, name)
        resolved = provider_of(model)
        if resolved is None:
            continue
        entries[resolved[0] if resolved[1] == "openai" else model] = {
            "input_cost_per_token": float(price.get("input_cost_per_token", 0.0)),
            "output_cost_per_token": float(price.get("output_cost_per_token", 0.0)),
            "litellm_provider": resolved[1], "mode": "chat"}
    return entries
