"""The reading-accuracy benchmark's parts (benchmarks/reading_accuracy.py runs them): a fictional county,
the files its units send, the LibreOffice round trip, and the scores."""
