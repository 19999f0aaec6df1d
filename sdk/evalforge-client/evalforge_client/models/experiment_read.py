from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.experiment_read_status import ExperimentReadStatus
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.experiment_read_config import ExperimentReadConfig
  from ..models.experiment_read_metadata import ExperimentReadMetadata
  from ..models.run_counts import RunCounts





T = TypeVar("T", bound="ExperimentRead")



@_attrs_define
class ExperimentRead:
    """ 
        Attributes:
            config (ExperimentReadConfig):
            counts (RunCounts):
            created_at (str):
            dataset_id (UUID):
            error (str): Short and actionable: what failed and how to fix it
            evaluator_ids (list[str]):
            finished_at (None | str):
            group_id (None | UUID):
            id (UUID):
            metadata (ExperimentReadMetadata):
            name (str):
            started_at (None | str):
            status (ExperimentReadStatus):
            updated_at (str):
            budget_exhausted (bool | Unset): config.max_cost was reached: the runs left were skipped Default: False.
            cost_estimate (float | None | Unset): USD estimated at start (items x repetitions x prompt tokens x price + an
                output allowance + LLM judges' share); null before the start, when a model has no known price, and for an agent
                target
            dataset_version (int | None | Unset): The dataset version it ran on (recorded at start; null before)
            error_class (str | Unset): app/llm's class of the error (authentication, missing_credentials, rate_limit...)
                Default: ''.
            error_detail (str | Unset): The provider's own message, when `error` says it shorter Default: ''.
            warnings (list[str] | Unset): Preflight findings that do not stop the experiment (an unpriced model)
     """

    config: ExperimentReadConfig
    counts: RunCounts
    created_at: str
    dataset_id: UUID
    error: str
    evaluator_ids: list[str]
    finished_at: None | str
    group_id: None | UUID
    id: UUID
    metadata: ExperimentReadMetadata
    name: str
    started_at: None | str
    status: ExperimentReadStatus
    updated_at: str
    budget_exhausted: bool | Unset = False
    cost_estimate: float | None | Unset = UNSET
    dataset_version: int | None | Unset = UNSET
    error_class: str | Unset = ''
    error_detail: str | Unset = ''
    warnings: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.experiment_read_config import ExperimentReadConfig # noqa: PLC0415
        from ..models.experiment_read_metadata import ExperimentReadMetadata # noqa: PLC0415
        from ..models.run_counts import RunCounts # noqa: PLC0415
        config = self.config.to_dict()

        counts = self.counts.to_dict()

        created_at = self.created_at

        dataset_id = str(self.dataset_id)

        error = self.error

        evaluator_ids = self.evaluator_ids



        finished_at: None | str
        finished_at = self.finished_at

        group_id: None | str
        if isinstance(self.group_id, UUID):
            group_id = str(self.group_id)
        else:
            group_id = self.group_id

        id = str(self.id)

        metadata = self.metadata.to_dict()

        name = self.name

        started_at: None | str
        started_at = self.started_at

        status = self.status.value

        updated_at = self.updated_at

        budget_exhausted = self.budget_exhausted

        cost_estimate: float | None | Unset
        if isinstance(self.cost_estimate, Unset):
            cost_estimate = UNSET
        else:
            cost_estimate = self.cost_estimate

        dataset_version: int | None | Unset
        if isinstance(self.dataset_version, Unset):
            dataset_version = UNSET
        else:
            dataset_version = self.dataset_version

        error_class = self.error_class

        error_detail = self.error_detail

        warnings: list[str] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = self.warnings




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "config": config,
            "counts": counts,
            "created_at": created_at,
            "dataset_id": dataset_id,
            "error": error,
            "evaluator_ids": evaluator_ids,
            "finished_at": finished_at,
            "group_id": group_id,
            "id": id,
            "metadata": metadata,
            "name": name,
            "started_at": started_at,
            "status": status,
            "updated_at": updated_at,
        })
        if budget_exhausted is not UNSET:
            field_dict["budget_exhausted"] = budget_exhausted
        if cost_estimate is not UNSET:
            field_dict["cost_estimate"] = cost_estimate
        if dataset_version is not UNSET:
            field_dict["dataset_version"] = dataset_version
        if error_class is not UNSET:
            field_dict["error_class"] = error_class
        if error_detail is not UNSET:
            field_dict["error_detail"] = error_detail
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.experiment_read_config import ExperimentReadConfig # noqa: PLC0415
        from ..models.experiment_read_metadata import ExperimentReadMetadata # noqa: PLC0415
        from ..models.run_counts import RunCounts # noqa: PLC0415
        d = dict(src_dict)
        config = ExperimentReadConfig.from_dict(d.pop("config"))




        counts = RunCounts.from_dict(d.pop("counts"))




        created_at = d.pop("created_at")

        dataset_id = UUID(d.pop("dataset_id"))




        error = d.pop("error")

        evaluator_ids = cast(list[str], d.pop("evaluator_ids"))


        def _parse_finished_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))


        def _parse_group_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                group_id_type_0 = UUID(data)



                return group_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        group_id = _parse_group_id(d.pop("group_id"))


        id = UUID(d.pop("id"))




        metadata = ExperimentReadMetadata.from_dict(d.pop("metadata"))




        name = d.pop("name")

        def _parse_started_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        started_at = _parse_started_at(d.pop("started_at"))


        status = ExperimentReadStatus(d.pop("status"))




        updated_at = d.pop("updated_at")

        budget_exhausted = d.pop("budget_exhausted", UNSET)

        def _parse_cost_estimate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        cost_estimate = _parse_cost_estimate(d.pop("cost_estimate", UNSET))


        def _parse_dataset_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dataset_version = _parse_dataset_version(d.pop("dataset_version", UNSET))


        error_class = d.pop("error_class", UNSET)

        error_detail = d.pop("error_detail", UNSET)

        warnings = cast(list[str], d.pop("warnings", UNSET))


        experiment_read = cls(
            config=config,
            counts=counts,
            created_at=created_at,
            dataset_id=dataset_id,
            error=error,
            evaluator_ids=evaluator_ids,
            finished_at=finished_at,
            group_id=group_id,
            id=id,
            metadata=metadata,
            name=name,
            started_at=started_at,
            status=status,
            updated_at=updated_at,
            budget_exhausted=budget_exhausted,
            cost_estimate=cost_estimate,
            dataset_version=dataset_version,
            error_class=error_class,
            error_detail=error_detail,
            warnings=warnings,
        )


        experiment_read.additional_properties = d
        return experiment_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
