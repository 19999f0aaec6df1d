"""Prompts endpoints."""

from fastapi import APIRouter

router = APIRouter(tags=["prompts"])
