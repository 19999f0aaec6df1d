"""Settings read from the environment as an operator writes them."""

import pytest

from app.config import Settings

LISTS = ("EVALFORGE_AGENT_ALLOWED_HOSTS", "EVALFORGE_CORS_ORIGINS", "EVALFORGE_CSRF_TRUSTED_ORIGINS")


@pytest.mark.parametrize("text", ["a.test, b.test:8080", '["a.test", "b.test:8080"]'])
def test_list_settings_take_a_comma_list_or_json(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    for name in LISTS:
        monkeypatch.setenv(name, text)
    settings = Settings()
    expected = ["a.test", "b.test:8080"]
    assert settings.agent_allowed_hosts == expected
    assert settings.cors_origins == expected
    assert settings.csrf_trusted_origins == expected


def test_an_empty_list_setting_is_an_empty_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVALFORGE_AGENT_ALLOWED_HOSTS", "")
    assert Settings().agent_allowed_hosts == []
