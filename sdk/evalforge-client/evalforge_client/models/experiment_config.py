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
  from ..models.experiment_config_tool_choice_type_1 import ExperimentConfigToolChoiceType1
  from ..models.experiment_config_tool_results_type_0 import ExperimentConfigToolResultsType0
  from ..models.experiment_config_tools_type_0_item import ExperimentConfigToolsType0Item
  from ..models.model_params import ModelParams





T = TypeVar("T", bound="ExperimentConfig")



@_attrs_define
class ExperimentConfig:
    """ What to run: a prompt version + model, or an agent endpoint. Unknown keys are refused
    so a typo (`prompt_labl`) is a 422, not a silently ignored setting.

        Attributes:
            agent (AgentTarget | None | Unset):
            cache (bool | None | Unset): Serve model replies (target and judge) from the response cache when the same model,
                messages, parameters and repetition were answered before; errors are never cached
            frequency_penalty (float | None | Unset):
            max_concurrency (int | None | Unset):
            max_cost (float | None | Unset): Budget in USD: once spent, no new run starts and the rest are skipped
            max_steps (int | None | Unset): Model calls per turn (each may call tools, whose scripted results go back to the
                model) before a run still calling tools fails (default 5)
            max_tokens (int | None | Unset):
            model (None | str | Unset):
            params (ModelParams | None | Unset): Other model parameters, from an allow-list (app/llm/params.py); an
                endpoint, header or credential is a 422: those are server configuration
            presence_penalty (float | None | Unset):
            prompt_label (None | str | Unset):
            prompt_name (None | str | Unset):
            prompt_version (int | None | Unset):
            repetitions (int | None | Unset): Run every item this many times; results give per-item mean, standard deviation
                and a flakiness flag, the summary pass@k and pass^k
            seed (int | None | Unset):
            stop (list[str] | None | str | Unset):
            temperature (float | None | Unset):
            tool_choice (ExperimentConfigToolChoiceType1 | None | str | Unset): auto, none, required, or {type: function,
                function: {name}} naming an offered tool
            tool_results (ExperimentConfigToolResultsType0 | None | Unset): A scripted result per offered tool name (an
                item's agent_args.tool_results wins), so a run continues after a tool call without calling anything real; a tool
                without one gets an error text
            tools (list[ExperimentConfigToolsType0Item] | None | Unset): OpenAI function schemas ({type: function, function:
                {name, description, parameters}}) offered to the model; each tool call is answered from tool_results and the
                model called again until it answers. params.tools means the same; giving both is a 422
            top_p (float | None | Unset):
     """

    agent: AgentTarget | None | Unset = UNSET
    cache: bool | None | Unset = UNSET
    frequency_penalty: float | None | Unset = UNSET
    max_concurrency: int | None | Unset = UNSET
    max_cost: float | None | Unset = UNSET
    max_steps: int | None | Unset = UNSET
    max_tokens: int | None | Unset = UNSET
    model: None | str | Unset = UNSET
    params: ModelParams | None | Unset = UNSET
    presence_penalty: float | None | Unset = UNSET
    prompt_label: None | str | Unset = UNSET
    prompt_name: None | str | Unset = UNSET
    prompt_version: int | None | Unset = UNSET
    repetitions: int | None | Unset = UNSET
    seed: int | None | Unset = UNSET
    stop: list[str] | None | str | Unset = UNSET
    temperature: float | None | Unset = UNSET
    tool_choice: ExperimentConfigToolChoiceType1 | None | str | Unset = UNSET
    tool_results: ExperimentConfigToolResultsType0 | None | Unset = UNSET
    tools: list[ExperimentConfigToolsType0Item] | None | Unset = UNSET
    top_p: float | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_target import AgentTarget # noqa: PLC0415
        from ..models.experiment_config_tool_choice_type_1 import ExperimentConfigToolChoiceType1 # noqa: PLC0415
        from ..models.experiment_config_tool_results_type_0 import ExperimentConfigToolResultsType0 # noqa: PLC0415
        from ..models.experiment_config_tools_type_0_item import ExperimentConfigToolsType0Item # noqa: PLC0415
        from ..models.model_params import ModelParams # noqa: PLC0415
        agent: dict[str, Any] | None | Unset
        if isinstance(self.agent, Unset):
            agent = UNSET
        elif isinstance(self.agent, AgentTarget):
            agent = self.agent.to_dict()
        else:
            agent = self.agent

        cache: bool | None | Unset
        if isinstance(self.cache, Unset):
            cache = UNSET
        else:
            cache = self.cache

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

        max_cost: float | None | Unset
        if isinstance(self.max_cost, Unset):
            max_cost = UNSET
        else:
            max_cost = self.max_cost

        max_steps: int | None | Unset
        if isinstance(self.max_steps, Unset):
            max_steps = UNSET
        else:
            max_steps = self.max_steps

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

        repetitions: int | None | Unset
        if isinstance(self.repetitions, Unset):
            repetitions = UNSET
        else:
            repetitions = self.repetitions

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

        tool_choice: dict[str, Any] | None | str | Unset
        if isinstance(self.tool_choice, Unset):
            tool_choice = UNSET
        elif isinstance(self.tool_choice, ExperimentConfigToolChoiceType1):
            tool_choice = self.tool_choice.to_dict()
        else:
            tool_choice = self.tool_choice

        tool_results: dict[str, Any] | None | Unset
        if isinstance(self.tool_results, Unset):
            tool_results = UNSET
        elif isinstance(self.tool_results, ExperimentConfigToolResultsType0):
            tool_results = self.tool_results.to_dict()
        else:
            tool_results = self.tool_results

        tools: list[dict[str, Any]] | None | Unset
        if isinstance(self.tools, Unset):
            tools = UNSET
        elif isinstance(self.tools, list):
            tools = []
            for tools_type_0_item_data in self.tools:
                tools_type_0_item = tools_type_0_item_data.to_dict()
                tools.append(tools_type_0_item)


        else:
            tools = self.tools

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
        if cache is not UNSET:
            field_dict["cache"] = cache
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty
        if max_concurrency is not UNSET:
            field_dict["max_concurrency"] = max_concurrency
        if max_cost is not UNSET:
            field_dict["max_cost"] = max_cost
        if max_steps is not UNSET:
            field_dict["max_steps"] = max_steps
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
        if repetitions is not UNSET:
            field_dict["repetitions"] = repetitions
        if seed is not UNSET:
            field_dict["seed"] = seed
        if stop is not UNSET:
            field_dict["stop"] = stop
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if tool_results is not UNSET:
            field_dict["tool_results"] = tool_results
        if tools is not UNSET:
            field_dict["tools"] = tools
        if top_p is not UNSET:
            field_dict["top_p"] = top_p

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_target import AgentTarget # noqa: PLC0415
        from ..models.experiment_config_tool_choice_type_1 import ExperimentConfigToolChoiceType1 # noqa: PLC0415
        from ..models.experiment_config_tool_results_type_0 import ExperimentConfigToolResultsType0 # noqa: PLC0415
        from ..models.experiment_config_tools_type_0_item import ExperimentConfigToolsType0Item # noqa: PLC0415
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


        def _parse_cache(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        cache = _parse_cache(d.pop("cache", UNSET))


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


        def _parse_max_cost(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        max_cost = _parse_max_cost(d.pop("max_cost", UNSET))


        def _parse_max_steps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_steps = _parse_max_steps(d.pop("max_steps", UNSET))


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


        def _parse_repetitions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        repetitions = _parse_repetitions(d.pop("repetitions", UNSET))


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


        def _parse_tool_choice(data: object) -> ExperimentConfigToolChoiceType1 | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tool_choice_type_1 = ExperimentConfigToolChoiceType1.from_dict(data)



                return tool_choice_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExperimentConfigToolChoiceType1 | None | str | Unset, data)

        tool_choice = _parse_tool_choice(d.pop("tool_choice", UNSET))


        def _parse_tool_results(data: object) -> ExperimentConfigToolResultsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tool_results_type_0 = ExperimentConfigToolResultsType0.from_dict(data)



                return tool_results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExperimentConfigToolResultsType0 | None | Unset, data)

        tool_results = _parse_tool_results(d.pop("tool_results", UNSET))


        def _parse_tools(data: object) -> list[ExperimentConfigToolsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tools_type_0 = []
                _tools_type_0 = data
                for tools_type_0_item_data in (_tools_type_0):
                    tools_type_0_item = ExperimentConfigToolsType0Item.from_dict(tools_type_0_item_data)



                    tools_type_0.append(tools_type_0_item)

                return tools_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ExperimentConfigToolsType0Item] | None | Unset, data)

        tools = _parse_tools(d.pop("tools", UNSET))


        def _parse_top_p(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        top_p = _parse_top_p(d.pop("top_p", UNSET))


        experiment_config = cls(
            agent=agent,
            cache=cache,
            frequency_penalty=frequency_penalty,
            max_concurrency=max_concurrency,
            max_cost=max_cost,
            max_steps=max_steps,
            max_tokens=max_tokens,
            model=model,
            params=params,
            presence_penalty=presence_penalty,
            prompt_label=prompt_label,
            prompt_name=prompt_name,
            prompt_version=prompt_version,
            repetitions=repetitions,
            seed=seed,
            stop=stop,
            temperature=temperature,
            tool_choice=tool_choice,
            tool_results=tool_results,
            tools=tools,
            top_p=top_p,
        )

        return experiment_config

