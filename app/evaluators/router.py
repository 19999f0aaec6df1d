"""Evaluators endpoints."""

from fastapi import APIRouter

router = APIRouter(tags=["evaluators"])
