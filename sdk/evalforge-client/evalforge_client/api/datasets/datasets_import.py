from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.datasets_import_files_body import DatasetsImportFilesBody
from ...models.datasets_import_format_type_0 import DatasetsImportFormatType0
from ...models.datasets_import_json_import_in import DatasetsImportJsonImportIn
from ...models.import_errors import ImportErrors
from ...models.import_result import ImportResult
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    dataset_id: UUID,
    *,
    body:    DatasetsImportJsonImportIn  |     DatasetsImportFilesBody  | Unset = UNSET,
    format_: DatasetsImportFormatType0 | None | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    params: dict[str, Any] = {}

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, DatasetsImportFormatType0):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/datasets/{dataset_id}/import/".format(dataset_id=quote(str(dataset_id), safe=""),),
        "params": params,
    }

    if isinstance(body, DatasetsImportJsonImportIn):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, DatasetsImportFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ImportErrors | ImportResult | None:
    if response.status_code == 201:
        response_201 = ImportResult.from_dict(response.json())



        return response_201

    if response.status_code == 422:
        response_422 = ImportErrors.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ImportErrors | ImportResult]:
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
    body:    DatasetsImportJsonImportIn  |     DatasetsImportFilesBody  | Unset = UNSET,
    format_: DatasetsImportFormatType0 | None | Unset = UNSET,

) -> Response[ImportErrors | ImportResult]:
    """ Answers **201 Created** with `{dataset_id, imported, total_items}` (total_items: items in the
    dataset after the import). All or nothing. JSON: a bad item is a 422 whose `loc` names its index and
    field. Files (multipart field `file`, .jsonl or .csv, or `?format=`; also a raw body with Content-
    Type text/csv or application/jsonl): 422 `{"detail": [{"line", "field", "message"}]}` listing every
    bad line (1-based; at most 1000 entries); larger than EVALFORGE_MAX_UPLOAD_MB: 413.

     Answers **201 Created** with `{dataset_id, imported, total_items}` (total_items: items in the
    dataset after the import). All or nothing. JSON: a bad item is a 422 whose `loc` names its index and
    field. Files (multipart field `file`, .jsonl or .csv, or `?format=`; also a raw body with Content-
    Type text/csv or application/jsonl): 422 `{"detail": [{"line", "field", "message"}]}` listing every
    bad line (1-based; at most 1000 entries); larger than EVALFORGE_MAX_UPLOAD_MB: 413.

    Args:
        dataset_id (UUID):
        format_ (DatasetsImportFormatType0 | None | Unset): File format; else from the file name
        body (DatasetsImportJsonImportIn):
        body (DatasetsImportFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportErrors | ImportResult]
     """


    kwargs = _get_kwargs(
        dataset_id=dataset_id,
body=body,
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
    body:    DatasetsImportJsonImportIn  |     DatasetsImportFilesBody  | Unset = UNSET,
    format_: DatasetsImportFormatType0 | None | Unset = UNSET,

) -> ImportErrors | ImportResult | None:
    """ Answers **201 Created** with `{dataset_id, imported, total_items}` (total_items: items in the
    dataset after the import). All or nothing. JSON: a bad item is a 422 whose `loc` names its index and
    field. Files (multipart field `file`, .jsonl or .csv, or `?format=`; also a raw body with Content-
    Type text/csv or application/jsonl): 422 `{"detail": [{"line", "field", "message"}]}` listing every
    bad line (1-based; at most 1000 entries); larger than EVALFORGE_MAX_UPLOAD_MB: 413.

     Answers **201 Created** with `{dataset_id, imported, total_items}` (total_items: items in the
    dataset after the import). All or nothing. JSON: a bad item is a 422 whose `loc` names its index and
    field. Files (multipart field `file`, .jsonl or .csv, or `?format=`; also a raw body with Content-
    Type text/csv or application/jsonl): 422 `{"detail": [{"line", "field", "message"}]}` listing every
    bad line (1-based; at most 1000 entries); larger than EVALFORGE_MAX_UPLOAD_MB: 413.

    Args:
        dataset_id (UUID):
        format_ (DatasetsImportFormatType0 | None | Unset): File format; else from the file name
        body (DatasetsImportJsonImportIn):
        body (DatasetsImportFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportErrors | ImportResult
     """


    return sync_detailed(
        dataset_id=dataset_id,
client=client,
body=body,
format_=format_,

    ).parsed

async def asyncio_detailed(
    dataset_id: UUID,
    *,
    client: AuthenticatedClient,
    body:    DatasetsImportJsonImportIn  |     DatasetsImportFilesBody  | Unset = UNSET,
    format_: DatasetsImportFormatType0 | None | Unset = UNSET,

) -> Response[ImportErrors | ImportResult]:
    """ Answers **201 Created** with `{dataset_id, imported, total_items}` (total_items: items in the
    dataset after the import). All or nothing. JSON: a bad item is a 422 whose `loc` names its index and
    field. Files (multipart field `file`, .jsonl or .csv, or `?format=`; also a raw body with Content-
    Type text/csv or application/jsonl): 422 `{"detail": [{"line", "field", "message"}]}` listing every
    bad line (1-based; at most 1000 entries); larger than EVALFORGE_MAX_UPLOAD_MB: 413.

     Answers **201 Created** with `{dataset_id, imported, total_items}` (total_items: items in the
    dataset after the import). All or nothing. JSON: a bad item is a 422 whose `loc` names its index and
    field. Files (multipart field `file`, .jsonl or .csv, or `?format=`; also a raw body with Content-
    Type text/csv or application/jsonl): 422 `{"detail": [{"line", "field", "message"}]}` listing every
    bad line (1-based; at most 1000 entries); larger than EVALFORGE_MAX_UPLOAD_MB: 413.

    Args:
        dataset_id (UUID):
        format_ (DatasetsImportFormatType0 | None | Unset): File format; else from the file name
        body (DatasetsImportJsonImportIn):
        body (DatasetsImportFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportErrors | ImportResult]
     """


    kwargs = _get_kwargs(
        dataset_id=dataset_id,
body=body,
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
    body:    DatasetsImportJsonImportIn  |     DatasetsImportFilesBody  | Unset = UNSET,
    format_: DatasetsImportFormatType0 | None | Unset = UNSET,

) -> ImportErrors | ImportResult | None:
    """ Answers **201 Created** with `{dataset_id, imported, total_items}` (total_items: items in the
    dataset after the import). All or nothing. JSON: a bad item is a 422 whose `loc` names its index and
    field. Files (multipart field `file`, .jsonl or .csv, or `?format=`; also a raw body with Content-
    Type text/csv or application/jsonl): 422 `{"detail": [{"line", "field", "message"}]}` listing every
    bad line (1-based; at most 1000 entries); larger than EVALFORGE_MAX_UPLOAD_MB: 413.

     Answers **201 Created** with `{dataset_id, imported, total_items}` (total_items: items in the
    dataset after the import). All or nothing. JSON: a bad item is a 422 whose `loc` names its index and
    field. Files (multipart field `file`, .jsonl or .csv, or `?format=`; also a raw body with Content-
    Type text/csv or application/jsonl): 422 `{"detail": [{"line", "field", "message"}]}` listing every
    bad line (1-based; at most 1000 entries); larger than EVALFORGE_MAX_UPLOAD_MB: 413.

    Args:
        dataset_id (UUID):
        format_ (DatasetsImportFormatType0 | None | Unset): File format; else from the file name
        body (DatasetsImportJsonImportIn):
        body (DatasetsImportFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportErrors | ImportResult
     """


    return (await asyncio_detailed(
        dataset_id=dataset_id,
client=client,
body=body,
format_=format_,

    )).parsed
