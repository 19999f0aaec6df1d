from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.agent_target import AgentTarget
  from ..models.model_params import ModelParams





T = TypeVar("T", bound="ExperimentConfig")



@_attrs_define
class ExperimentConfig:
    """ What to run: a prompt version + model, or an agent endpoint. Unknown keys are refused
    so a typo (`prompt_labl`) is a 422, not a silently ignored setting.

        Attributes:
            agent (AgentTarget | None | Unset):
            frequency_penalty (float | None | Unset):
            max_concurrency (int | None | Unset):
            max_tokens (int | None | Unset):
            model (None | str | Unset):
            params (ModelParams | None | Unset): Other model parameters, from an allow-list (app/llm/params.py); an
                endpoint, header or credential is a 422: those are server configuration
            presence_penalty (float | None | Unset):
            prompt_label (None | str | Unset):
            prompt_name (None | str | Unset):
            prompt_version (int | None | Unset):
            seed (int | None | Unset):
            stop (list[str] | None | str | Unset):
            temperature (float | None | Unset):
            top_p (float | None | Unset):
     """

    agent: AgentTarget | None | Unset = UNSET
    frequency_penalty: float | None | Unset = UNSET
    max_concurrency: int | None | Unset = UNSET
    max_tokens: int | None | Unset = UNSET
    model: None | str | Unset = UNSET
    params: ModelParams | None | Unset = UNSET
    presence_penalty: float | None | Unset = UNSET
    prompt_label: None | str | Unset = UNSET
    prompt_name: None | str | Unset = UNSET
    prompt_version: int | None | Unset = UNSET
    seed: int | None | Unset = UNSET
    stop: list[str] | None | str | Unset = UNSET
    temperature: float | None | Unset = UNSET
    top_p: float | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_target import AgentTarget # noqa: PLC0415
        from ..models.model_params import ModelParams # noqa: PLC0415
        agent: dict[str, Any] | None | Unset
        if isinstance(self.agent, Unset):
            agent = UNSET
        elif isinstance(self.agent, AgentTarget):
            agent = self.agent.to_dict()
        else:
            agent = self.agent

        frequency_penalty: float | None | Unset
        if isinstance(self.frequency_penalty, Unset):
            frequency_penalty = UNSET
        else:
            frequency_penalty = self.frequency_penalty

        max_concurrency: int | None | Unset
        if isinstance(self.max_concurrency, Unset):
            max_concurrency = UNSET
        else:
            max_concurrency = self.max_concurrency

        max_tokens: int | None | Unset
        if isinstance(self.max_tokens, Unset):
            max_tokens = UNSET
        else:
            max_tokens = self.max_tokens

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, ModelParams):
            params = self.params.to_dict()
        else:
            params = self.params

        presence_penalty: float | None | Unset
        if isinstance(self.presence_penalty, Unset):
            presence_penalty = UNSET
        else:
            presence_penalty = self.presence_penalty

        prompt_label: None | str | Unset
        if isinstance(self.prompt_label, Unset):
            prompt_label = UNSET
        else:
            prompt_label = self.prompt_label

        prompt_name: None | str | Unset
        if isinstance(self.prompt_name, Unset):
            prompt_name = UNSET
        else:
            prompt_name = self.prompt_name

        prompt_version: int | None | Unset
        if isinstance(self.prompt_version, Unset):
            prompt_version = UNSET
        else:
            prompt_version = self.prompt_version

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        stop: list[str] | None | str | Unset
        if isinstance(self.stop, Unset):
            stop = UNSET
        elif isinstance(self.stop, list):
            stop = self.stop


        else:
            stop = self.stop

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        top_p: float | None | Unset
        if isinstance(self.top_p, Unset):
            top_p = UNSET
        else:
            top_p = self.top_p


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if agent is not UNSET:
            field_dict["agent"] = agent
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty
        if max_concurrency is not UNSET:
            field_dict["max_concurrency"] = max_concurrency
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if model is not UNSET:
            field_dict["model"] = model
        if params is not UNSET:
            field_dict["params"] = params
        if presence_penalty is not UNSET:
            field_dict["presence_penalty"] = presence_penalty
        if prompt_label is not UNSET:
            field_dict["prompt_label"] = prompt_label
        if prompt_name is not UNSET:
            field_dict["prompt_name"] = prompt_name
        if prompt_version is not UNSET:
            field_dict["prompt_version"] = prompt_version
        if seed is not UNSET:
            field_dict["seed"] = seed
        if stop is not UNSET:
            field_dict["stop"] = stop
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_target import AgentTarget # noqa: PLC0415
        from ..models.model_params import ModelParams # noqa: PLC0415
        d = dict(src_dict)
        def _parse_agent(data: object) -> AgentTarget | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                agent_type_0 = AgentTarget.from_dict(data)



                return agent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentTarget | None | Unset, data)

        agent = _parse_agent(d.pop("agent", UNSET))


        def _parse_frequency_penalty(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        frequency_penalty = _parse_frequency_penalty(d.pop("frequency_penalty", UNSET))


        def _parse_max_concurrency(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_concurrency = _parse_max_concurrency(d.pop("max_concurrency", UNSET))


        def _parse_max_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_tokens = _parse_max_tokens(d.pop("max_tokens", UNSET))


        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))


        def _parse_params(data: object) -> ModelParams | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = ModelParams.from_dict(data)



                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelParams | None | Unset, data)

        params = _parse_params(d.pop("params", UNSET))


        def _parse_presence_penalty(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        presence_penalty = _parse_presence_penalty(d.pop("presence_penalty", UNSET))


        def _parse_prompt_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt_label = _parse_prompt_label(d.pop("prompt_label", UNSET))


        def _parse_prompt_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt_name = _parse_prompt_name(d.pop("prompt_name", UNSET))


        def _parse_prompt_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        prompt_version = _parse_prompt_version(d.pop("prompt_version", UNSET))


        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))


        def _parse_stop(data: object) -> list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                stop_type_1 = cast(list[str], data)

                return stop_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | str | Unset, data)

        stop = _parse_stop(d.pop("stop", UNSET))


        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))


        def _parse_top_p(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        top_p = _parse_top_p(d.pop("top_p", UNSET))


        experiment_config = cls(
            agent=agent,
            frequency_penalty=frequency_penalty,
            max_concurrency=max_concurrency,
            max_tokens=max_tokens,
            model=model,
            params=params,
            presence_penalty=presence_penalty,
            prompt_label=prompt_label,
            prompt_name=prompt_name,
            prompt_version=prompt_version,
            seed=seed,
            stop=stop,
            temperature=temperature,
            top_p=top_p,
        )

        return experiment_config

