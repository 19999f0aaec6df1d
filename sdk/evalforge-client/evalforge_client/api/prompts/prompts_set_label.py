from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.label_read import LabelRead
from ...models.label_set import LabelSet
from typing import cast



def _get_kwargs(
    name: str,
    label: str,
    *,
    body: LabelSet,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/prompts/{name}/labels/{label}/".format(name=quote(str(name), safe=""),label=quote(str(label), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | LabelRead | None:
    if response.status_code == 200:
        response_200 = LabelRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | LabelRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    label: str,
    *,
    client: AuthenticatedClient,
    body: LabelSet,

) -> Response[HTTPValidationError | LabelRead]:
    """ Point a label at a version (promotion); creates the label if needed.

     Point a label at a version (promotion); creates the label if needed.

    Args:
        name (str): Prompt name
        label (str): Label name
        body (LabelSet):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | LabelRead]
     """


    kwargs = _get_kwargs(
        name=name,
label=label,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    name: str,
    label: str,
    *,
    client: AuthenticatedClient,
    body: LabelSet,

) -> HTTPValidationError | LabelRead | None:
    """ Point a label at a version (promotion); creates the label if needed.

     Point a label at a version (promotion); creates the label if needed.

    Args:
        name (str): Prompt name
        label (str): Label name
        body (LabelSet):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | LabelRead
     """


    return sync_detailed(
        name=name,
label=label,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    name: str,
    label: str,
    *,
    client: AuthenticatedClient,
    body: LabelSet,

) -> Response[HTTPValidationError | LabelRead]:
    """ Point a label at a version (promotion); creates the label if needed.

     Point a label at a version (promotion); creates the label if needed.

    Args:
        name (str): Prompt name
        label (str): Label name
        body (LabelSet):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | LabelRead]
     """


    kwargs = _get_kwargs(
        name=name,
label=label,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    name: str,
    label: str,
    *,
    client: AuthenticatedClient,
    body: LabelSet,

) -> HTTPValidationError | LabelRead | None:
    """ Point a label at a version (promotion); creates the label if needed.

     Point a label at a version (promotion); creates the label if needed.

    Args:
        name (str): Prompt name
        label (str): Label name
        body (LabelSet):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | LabelRead
     """


    return (await asyncio_detailed(
        name=name,
label=label,
client=client,
body=body,

    )).parsed
