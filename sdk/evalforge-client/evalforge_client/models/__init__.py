""" Contains all the data models used in inputs/outputs """

from .agent_target import AgentTarget
from .agent_target_headers import AgentTargetHeaders
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_read import ApiKeyRead
from .attempt_read import AttemptRead
from .attempt_read_status import AttemptReadStatus
from .baseline_in import BaselineIn
from .baseline_read import BaselineRead
from .chat_message import ChatMessage
from .chat_message_role import ChatMessageRole
from .compare_cell import CompareCell
from .compare_cell_status import CompareCellStatus
from .compare_experiment import CompareExperiment
from .compare_experiment_config import CompareExperimentConfig
from .compare_experiment_status import CompareExperimentStatus
from .compare_in import CompareIn
from .compare_item import CompareItem
from .compare_item_dataset_item import CompareItemDatasetItem
from .compare_item_results import CompareItemResults
from .compare_read import CompareRead
from .compare_read_dataset_versions import CompareReadDatasetVersions
from .compare_read_experiments import CompareReadExperiments
from .compare_read_summary import CompareReadSummary
from .compare_versions_in import CompareVersionsIn
from .compare_versions_in_metadata import CompareVersionsInMetadata
from .compare_versions_read import CompareVersionsRead
from .compared_version import ComparedVersion
from .dataset_create import DatasetCreate
from .dataset_create_metadata import DatasetCreateMetadata
from .dataset_detail import DatasetDetail
from .dataset_detail_metadata import DatasetDetailMetadata
from .dataset_read import DatasetRead
from .dataset_read_metadata import DatasetReadMetadata
from .dataset_update import DatasetUpdate
from .dataset_update_metadata import DatasetUpdateMetadata
from .dataset_version_read import DatasetVersionRead
from .datasets_export_format import DatasetsExportFormat
from .datasets_import_files_body import DatasetsImportFilesBody
from .datasets_import_format_type_0 import DatasetsImportFormatType0
from .datasets_import_json_import_in import DatasetsImportJsonImportIn
from .evaluator_create import EvaluatorCreate
from .evaluator_create_config import EvaluatorCreateConfig
from .evaluator_read import EvaluatorRead
from .evaluator_read_config import EvaluatorReadConfig
from .evaluator_update import EvaluatorUpdate
from .evaluator_update_config_type_0 import EvaluatorUpdateConfigType0
from .evaluator_version_read import EvaluatorVersionRead
from .evaluator_version_read_config import EvaluatorVersionReadConfig
from .experiment_config import ExperimentConfig
from .experiment_config_tool_choice_type_1 import ExperimentConfigToolChoiceType1
from .experiment_config_tool_results_type_0 import ExperimentConfigToolResultsType0
from .experiment_config_tools_type_0_item import ExperimentConfigToolsType0Item
from .experiment_create import ExperimentCreate
from .experiment_create_metadata import ExperimentCreateMetadata
from .experiment_detail import ExperimentDetail
from .experiment_detail_config import ExperimentDetailConfig
from .experiment_detail_metadata import ExperimentDetailMetadata
from .experiment_detail_snapshot_type_0 import ExperimentDetailSnapshotType0
from .experiment_detail_status import ExperimentDetailStatus
from .experiment_read import ExperimentRead
from .experiment_read_config import ExperimentReadConfig
from .experiment_read_metadata import ExperimentReadMetadata
from .experiment_read_status import ExperimentReadStatus
from .experiments_events_stream_response_200 import ExperimentsEventsStreamResponse200
from .experiments_events_stream_response_200_event import ExperimentsEventsStreamResponse200Event
from .experiments_list_status_type_0 import ExperimentsListStatusType0
from .experiments_results_format import ExperimentsResultsFormat
from .from_run_in import FromRunIn
from .health_check_response_health_check import HealthCheckResponseHealthCheck
from .http_validation_error import HTTPValidationError
from .import_errors import ImportErrors
from .import_line_error import ImportLineError
from .import_result import ImportResult
from .item_create import ItemCreate
from .item_create_agent_args_type_0 import ItemCreateAgentArgsType0
from .item_create_metadata_type_0 import ItemCreateMetadataType0
from .item_create_rubric_vars_type_0 import ItemCreateRubricVarsType0
from .item_read import ItemRead
from .item_read_agent_args_type_0 import ItemReadAgentArgsType0
from .item_read_rubric_vars_type_0 import ItemReadRubricVarsType0
from .item_score_stats import ItemScoreStats
from .item_stats import ItemStats
from .item_stats_scores import ItemStatsScores
from .item_update import ItemUpdate
from .item_update_agent_args_type_0 import ItemUpdateAgentArgsType0
from .item_update_metadata_type_0 import ItemUpdateMetadataType0
from .item_update_rubric_vars_type_0 import ItemUpdateRubricVarsType0
from .label_read import LabelRead
from .label_set import LabelSet
from .login_in import LoginIn
from .me_read import MeRead
from .member_read import MemberRead
from .member_read_role import MemberReadRole
from .member_update import MemberUpdate
from .member_update_role_type_0 import MemberUpdateRoleType0
from .model_params import ModelParams
from .model_params_logit_bias_type_0 import ModelParamsLogitBiasType0
from .model_params_response_format_type_0 import ModelParamsResponseFormatType0
from .model_params_thinking_type_0 import ModelParamsThinkingType0
from .model_params_tool_choice_type_1 import ModelParamsToolChoiceType1
from .model_params_tools_type_0_item import ModelParamsToolsType0Item
from .model_read import ModelRead
from .organization_read import OrganizationRead
from .page_dataset_read import PageDatasetRead
from .page_dataset_version_read import PageDatasetVersionRead
from .page_evaluator_read import PageEvaluatorRead
from .page_experiment_read import PageExperimentRead
from .page_item_read import PageItemRead
from .page_member_read import PageMemberRead
from .page_model_read import PageModelRead
from .page_prompt_read import PagePromptRead
from .page_prompt_version_read import PagePromptVersionRead
from .page_run_read import PageRunRead
from .pairwise_in import PairwiseIn
from .pairwise_read import PairwiseRead
from .pairwise_read_items_item import PairwiseReadItemsItem
from .pairwise_read_summary import PairwiseReadSummary
from .pass_at_k import PassAtK
from .production_run_read import ProductionRunRead
from .prompt_config import PromptConfig
from .prompt_config_logit_bias_type_0 import PromptConfigLogitBiasType0
from .prompt_config_response_format_type_0 import PromptConfigResponseFormatType0
from .prompt_config_thinking_type_0 import PromptConfigThinkingType0
from .prompt_config_tool_choice_type_1 import PromptConfigToolChoiceType1
from .prompt_config_tools_type_0_item import PromptConfigToolsType0Item
from .prompt_create import PromptCreate
from .prompt_read import PromptRead
from .prompt_read_label_versions import PromptReadLabelVersions
from .prompt_version_read import PromptVersionRead
from .request_field_error import RequestFieldError
from .rescore_in import RescoreIn
from .rescore_read import RescoreRead
from .rescore_read_evaluators_item import RescoreReadEvaluatorsItem
from .result_row import ResultRow
from .result_row_status import ResultRowStatus
from .results_read import ResultsRead
from .results_read_status import ResultsReadStatus
from .results_summary import ResultsSummary
from .results_summary_pass_at_k import ResultsSummaryPassAtK
from .retry_read import RetryRead
from .retry_read_status import RetryReadStatus
from .run_counts import RunCounts
from .run_create import RunCreate
from .run_create_metadata_type_0 import RunCreateMetadataType0
from .run_read import RunRead
from .run_read_status import RunReadStatus
from .score_create import ScoreCreate
from .score_create_data_type import ScoreCreateDataType
from .score_create_source import ScoreCreateSource
from .score_created import ScoreCreated
from .score_read import ScoreRead
from .start_read import StartRead
from .start_read_status import StartReadStatus
from .tool_call_read import ToolCallRead
from .user_create import UserCreate
from .user_create_role import UserCreateRole
from .user_read import UserRead
from .user_read_role import UserReadRole
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .verdict_in import VerdictIn
from .verdict_policy import VerdictPolicy
from .verdict_read import VerdictRead
from .verdict_read_checks_item import VerdictReadChecksItem
from .verdict_read_verdict import VerdictReadVerdict
from .version_side import VersionSide

__all__ = (
    "AgentTarget",
    "AgentTargetHeaders",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyRead",
    "AttemptRead",
    "AttemptReadStatus",
    "BaselineIn",
    "BaselineRead",
    "ChatMessage",
    "ChatMessageRole",
    "CompareCell",
    "CompareCellStatus",
    "ComparedVersion",
    "CompareExperiment",
    "CompareExperimentConfig",
    "CompareExperimentStatus",
    "CompareIn",
    "CompareItem",
    "CompareItemDatasetItem",
    "CompareItemResults",
    "CompareRead",
    "CompareReadDatasetVersions",
    "CompareReadExperiments",
    "CompareReadSummary",
    "CompareVersionsIn",
    "CompareVersionsInMetadata",
    "CompareVersionsRead",
    "DatasetCreate",
    "DatasetCreateMetadata",
    "DatasetDetail",
    "DatasetDetailMetadata",
    "DatasetRead",
    "DatasetReadMetadata",
    "DatasetsExportFormat",
    "DatasetsImportFilesBody",
    "DatasetsImportFormatType0",
    "DatasetsImportJsonImportIn",
    "DatasetUpdate",
    "DatasetUpdateMetadata",
    "DatasetVersionRead",
    "EvaluatorCreate",
    "EvaluatorCreateConfig",
    "EvaluatorRead",
    "EvaluatorReadConfig",
    "EvaluatorUpdate",
    "EvaluatorUpdateConfigType0",
    "EvaluatorVersionRead",
    "EvaluatorVersionReadConfig",
    "ExperimentConfig",
    "ExperimentConfigToolChoiceType1",
    "ExperimentConfigToolResultsType0",
    "ExperimentConfigToolsType0Item",
    "ExperimentCreate",
    "ExperimentCreateMetadata",
    "ExperimentDetail",
    "ExperimentDetailConfig",
    "ExperimentDetailMetadata",
    "ExperimentDetailSnapshotType0",
    "ExperimentDetailStatus",
    "ExperimentRead",
    "ExperimentReadConfig",
    "ExperimentReadMetadata",
    "ExperimentReadStatus",
    "ExperimentsEventsStreamResponse200",
    "ExperimentsEventsStreamResponse200Event",
    "ExperimentsListStatusType0",
    "ExperimentsResultsFormat",
    "FromRunIn",
    "HealthCheckResponseHealthCheck",
    "HTTPValidationError",
    "ImportErrors",
    "ImportLineError",
    "ImportResult",
    "ItemCreate",
    "ItemCreateAgentArgsType0",
    "ItemCreateMetadataType0",
    "ItemCreateRubricVarsType0",
    "ItemRead",
    "ItemReadAgentArgsType0",
    "ItemReadRubricVarsType0",
    "ItemScoreStats",
    "ItemStats",
    "ItemStatsScores",
    "ItemUpdate",
    "ItemUpdateAgentArgsType0",
    "ItemUpdateMetadataType0",
    "ItemUpdateRubricVarsType0",
    "LabelRead",
    "LabelSet",
    "LoginIn",
    "MemberRead",
    "MemberReadRole",
    "MemberUpdate",
    "MemberUpdateRoleType0",
    "MeRead",
    "ModelParams",
    "ModelParamsLogitBiasType0",
    "ModelParamsResponseFormatType0",
    "ModelParamsThinkingType0",
    "ModelParamsToolChoiceType1",
    "ModelParamsToolsType0Item",
    "ModelRead",
    "OrganizationRead",
    "PageDatasetRead",
    "PageDatasetVersionRead",
    "PageEvaluatorRead",
    "PageExperimentRead",
    "PageItemRead",
    "PageMemberRead",
    "PageModelRead",
    "PagePromptRead",
    "PagePromptVersionRead",
    "PageRunRead",
    "PairwiseIn",
    "PairwiseRead",
    "PairwiseReadItemsItem",
    "PairwiseReadSummary",
    "PassAtK",
    "ProductionRunRead",
    "PromptConfig",
    "PromptConfigLogitBiasType0",
    "PromptConfigResponseFormatType0",
    "PromptConfigThinkingType0",
    "PromptConfigToolChoiceType1",
    "PromptConfigToolsType0Item",
    "PromptCreate",
    "PromptRead",
    "PromptReadLabelVersions",
    "PromptVersionRead",
    "RequestFieldError",
    "RescoreIn",
    "RescoreRead",
    "RescoreReadEvaluatorsItem",
    "ResultRow",
    "ResultRowStatus",
    "ResultsRead",
    "ResultsReadStatus",
    "ResultsSummary",
    "ResultsSummaryPassAtK",
    "RetryRead",
    "RetryReadStatus",
    "RunCounts",
    "RunCreate",
    "RunCreateMetadataType0",
    "RunRead",
    "RunReadStatus",
    "ScoreCreate",
    "ScoreCreated",
    "ScoreCreateDataType",
    "ScoreCreateSource",
    "ScoreRead",
    "StartRead",
    "StartReadStatus",
    "ToolCallRead",
    "UserCreate",
    "UserCreateRole",
    "UserRead",
    "UserReadRole",
    "ValidationError",
    "ValidationErrorContext",
    "VerdictIn",
    "VerdictPolicy",
    "VerdictRead",
    "VerdictReadChecksItem",
    "VerdictReadVerdict",
    "VersionSide",
)
