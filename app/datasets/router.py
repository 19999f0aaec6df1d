"""Datasets endpoints."""

from fastapi import APIRouter

router = APIRouter(tags=["datasets"])
