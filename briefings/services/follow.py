"""Placeholder until its helper writes it."""
