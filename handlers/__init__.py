"""Telegram adapters: turn updates into flow events and flow effects into Bot API calls."""
