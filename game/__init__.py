"""Tender Game: a turn-based sales-training simulation of key-account tenders."""

__version__ = "0.1.0"
