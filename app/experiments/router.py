"""Experiments endpoints."""

from fastapi import APIRouter

router = APIRouter(tags=["experiments"])
