from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.evaluator_read import EvaluatorRead
from ...models.http_validation_error import HTTPValidationError
from typing import cast
from uuid import UUID



def _get_kwargs(
    evaluator_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/evaluators/{evaluator_id}/".format(evaluator_id=quote(str(evaluator_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EvaluatorRead | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = EvaluatorRead.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EvaluatorRead | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    evaluator_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[EvaluatorRead | HTTPValidationError]:
    """ Evaluator detail.

     Evaluator detail.

    Args:
        evaluator_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EvaluatorRead | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        evaluator_id=evaluator_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    evaluator_id: UUID,
    *,
    client: AuthenticatedClient,

) -> EvaluatorRead | HTTPValidationError | None:
    """ Evaluator detail.

     Evaluator detail.

    Args:
        evaluator_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EvaluatorRead | HTTPValidationError
     """


    return sync_detailed(
        evaluator_id=evaluator_id,
client=client,

    ).parsed

async def asyncio_detailed(
    evaluator_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[EvaluatorRead | HTTPValidationError]:
    """ Evaluator detail.

     Evaluator detail.

    Args:
        evaluator_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EvaluatorRead | HTTPValidationError]
     """


    kwargs = _get_kwargs(
        evaluator_id=evaluator_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    evaluator_id: UUID,
    *,
    client: AuthenticatedClient,

) -> EvaluatorRead | HTTPValidationError | None:
    """ Evaluator detail.

     Evaluator detail.

    Args:
        evaluator_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EvaluatorRead | HTTPValidationError
     """


    return (await asyncio_detailed(
        evaluator_id=evaluator_id,
client=client,

    )).parsed
