"""Settings from the environment (prefix EVALFORGE_)."""

import json
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EVALFORGE_", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./evalforge.db"
    redis_url: str = ""
    secret_key: str = ""
    admin_email: str = ""
    admin_password: str = ""
    org: str = "default"
    max_concurrency: int = Field(default=16, ge=1, le=1024)
    auto_migrate: bool = True
    cookie_secure: bool = False
    session_ttl_hours: int = 24 * 14
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    csrf_trusted_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_upload_mb: int = 50
    import_chunk_rows: int = 2000
    # {"model": {"input_cost_per_token": x, "output_cost_per_token": y}}
    model_prices: dict[str, dict[str, float]] = Field(default_factory=dict)
    llm_timeout_s: float = 60.0
    llm_max_retries: int = 4
    llm_backoff_base_s: float = 0.5
    llm_backoff_max_s: float = 20.0
    llm_model_concurrency: int = 64
    # "auto": OpenAI-protocol models take the cheap lane (app/llm/openai_lane.py), others
    # litellm.acompletion; "litellm": everything through litellm.acompletion.
    llm_transport: Literal["auto", "litellm"] = "auto"
    run_lease_s: int = 300
    reaper_interval_s: int = 30
    arq_queue_name: str = "evalforge:queue"
    worker_max_jobs: int = 64
    # How often an arq worker looks for new jobs (arq's default 0.5 s idles a busy worker).
    worker_poll_delay_s: float = 0.1
    # Driver jobs per experiment on arq workers (each drives its share of max_concurrency),
    # so the workers share an experiment; the in-process queue always uses one.
    engine_lanes: int = Field(default=2, ge=1, le=64)
    secret_file: str = ".evalforge_secret"
    # --- model registry (issue 15.1) ---
    # Models whose endpoint and key the server chooses (vLLM, Ollama, OpenRouter, ...), JSON:
    # {"name": {"model": "openai/llama3", "api_base": "http://vllm:8000/v1",
    #           "api_key_env": "VLLM_API_KEY", "input_cost_per_token": 0.0, ...}}.
    # Requests name a model; no request can name an endpoint or a key (app/llm/registry.py).
    models: Annotated[dict[str, dict[str, object]], NoDecode] = Field(default_factory=dict)

    @field_validator("models", mode="before")
    @classmethod
    def _parse_models(cls, value: object) -> object:
        from app.llm.registry import parse_registry  # app.llm imports this module

        return parse_registry(value)

    # --- agent targets: SSRF guard and bounded timeout (issue 15.2/15.3) ---
    # Hosts (names, IPs or CIDRs) an agent URL may reach even though they resolve to
    # loopback/private/link-local addresses; empty: only public addresses.
    agent_allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    agent_max_timeout_s: float = Field(default=300.0, gt=0)
    # An agent reply is read as it streams and refused past this size.
    agent_max_reply_mb: float = Field(default=8.0, gt=0)
    # --- fairness between organizations and executors (issue 15.3) ---
    # Runs one process (the API's in-process queue, or a worker) executes at once, over all
    # experiments and organizations; a run waits for one of these slots.
    run_slots: int = Field(default=256, ge=1, le=100_000)
    # The share of those slots one organization may hold at once: at most
    # max(1, floor(run_slots * share)) of its runs execute in one process, so a tenant with
    # thousands of runs, or a slow agent, always leaves room for the others.
    # 1.0 turns the cap off (slots are still handed out round robin between organizations).
    org_slot_share: float = Field(default=0.5, gt=0, le=1)
    # --- auth: login limits (issue 15.7) ---
    # Failed logins per (email, client IP) in a window; then that pair waits until the window
    # ends. The real user on another address is not affected.
    login_max_failures: int = Field(default=5, ge=1)
    login_failure_window_s: float = Field(default=900, gt=0)
    # Failed logins per email from every address (same window): high, so locking a real user
    # out takes many addresses, and lasts one window at most.
    login_account_max_failures: int = Field(default=50, ge=1)
    # Failed logins per client IP over all emails: bounds the argon2 work one address causes.
    login_ip_max_failures: int = Field(default=20, ge=1)
    login_ip_window_s: float = Field(default=60, gt=0)
    # --- request bodies and bounds (issue 15.4/15.6) ---
    # Any request body, counted as its bytes arrive (declared, misdeclared or chunked); the
    # dataset import route allows max_upload_mb instead. Over the limit: 413.
    max_body_mb: float = Field(default=10, gt=0)
    # One dataset item as stored (its JSON fields together), in every import and single
    # create or update: one huge item would otherwise pass inside a large upload.
    max_item_kb: int = Field(default=1024, ge=1)
    # --- fail fast: preflight and the circuit breaker (issue 14) ---
    # This many runs in a row failing with the same configuration error (a missing or
    # refused key, an unknown model) stop the experiment; 0 turns the breaker off.
    breaker_threshold: int = Field(default=5, ge=0, le=1000)
    # --- comparisons: statistics, baseline, pairwise judge (issue 10) ---
    # --- web UI (issue 9) ---
    # --- hardening, SDK, deployment (issue 13) ---
    # A target's output (a model's reply, an agent's output as JSON text) longer than this is
    # cut to it, and the run says output_truncated: one runaway reply cannot fill the database.
    max_output_kb: int = Field(default=256, ge=1)
    # --- execution: retry, repetitions, cache, budget, events, versions (issue 11) ---
    # --- tool-using targets and tool graders (issue 12) ---

    @field_validator("cors_origins", "csrf_trusted_origins", "agent_allowed_hosts", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        # From the environment: a comma list ("a,b") or a JSON list ('["a", "b"]').
        if isinstance(value, str):
            if value.strip().startswith("["):
                return json.loads(value)
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("model_prices", mode="before")
    @classmethod
    def _parse_prices(cls, value: object) -> object:
        if isinstance(value, str):
            return json.loads(value) if value.strip() else {}
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def resolved_secret_key(self) -> str:
        """The configured secret, or one generated once and kept in `secret_file`."""
        if self.secret_key:
            return self.secret_key
        path = Path(self.secret_file)
        if path.exists():
            return path.read_text().strip()
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
