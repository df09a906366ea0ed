"""Shared measurements: precision/recall/F1, span matching and inter-annotator reliability.

Imported by the quality loop and the export alike; imports nothing of the pipeline.
"""
