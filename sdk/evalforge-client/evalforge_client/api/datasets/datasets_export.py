from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.datasets_export_format import DatasetsExportFormat
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    dataset_id: UUID,
    *,
    format_: DatasetsExportFormat | Unset = DatasetsExportFormat.JSONL,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/datasets/{dataset_id}/export/".format(dataset_id=quote(str(dataset_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: DatasetsExportFormat | Unset = DatasetsExportFormat.JSONL,

) -> Response[Any | HTTPValidationError]:
    """ Export the items as a .jsonl or .csv file in the suite format, streamed.

     Export the items as a .jsonl or .csv file in the suite format, streamed.

    Args:
        dataset_id (UUID):
        format_ (DatasetsExportFormat | Unset):  Default: DatasetsExportFormat.JSONL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        dataset_id=dataset_id,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: DatasetsExportFormat | Unset = DatasetsExportFormat.JSONL,

) -> Any | HTTPValidationError | None:
    """ Export the items as a .jsonl or .csv file in the suite format, streamed.

     Export the items as a .jsonl or .csv file in the suite format, streamed.

    Args:
        dataset_id (UUID):
        format_ (DatasetsExportFormat | Unset):  Default: DatasetsExportFormat.JSONL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError
     """


    return sync_detailed(
        dataset_id=dataset_id,
client=client,
format_=format_,

    ).parsed

async def asyncio_detailed(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: DatasetsExportFormat | Unset = DatasetsExportFormat.JSONL,

) -> Response[Any | HTTPValidationError]:
    """ Export the items as a .jsonl or .csv file in the suite format, streamed.

     Export the items as a .jsonl or .csv file in the suite format, streamed.

    Args:
        dataset_id (UUID):
        format_ (DatasetsExportFormat | Unset):  Default: DatasetsExportFormat.JSONL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        dataset_id=dataset_id,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: DatasetsExportFormat | Unset = DatasetsExportFormat.JSONL,

) -> Any | HTTPValidationError | None:
    """ Export the items as a .jsonl or .csv file in the suite format, streamed.

     Export the items as a .jsonl or .csv file in the suite format, streamed.

    Args:
        dataset_id (UUID):
        format_ (DatasetsExportFormat | Unset):  Default: DatasetsExportFormat.JSONL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError
     """


    return (await asyncio_detailed(
        dataset_id=dataset_id,
client=client,
format_=format_,

    )).parsed
