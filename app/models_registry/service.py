"""The model registry is server configuration (EVALFORGE_MODELS): read here, written only by
whoever sets the server's environment."""

from typing import Any

from app.config import Settings


def list_models(settings: Settings, offset: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
    """A page of registered models by name. The endpoint (api_base) and the name of the key's
    environment variable stay out: members need the name, not where it is served."""
    rows = [
        {
            "name": name,
            "model": entry["model"],
            "input_cost_per_token": entry.get("input_cost_per_token"),
            "output_cost_per_token": entry.get("output_cost_per_token"),
        }
        for name, entry in sorted(settings.models.items())
    ]
    return len(rows), rows[offset : offset + limit]
