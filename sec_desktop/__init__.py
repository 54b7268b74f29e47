"""SEC Desktop: offline records for a police force's Survivor Engagement Coordinator."""

__version__ = "0.6.0"
