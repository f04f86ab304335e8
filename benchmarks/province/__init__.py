"""The province archive's parts (benchmarks/province_archive.py builds the archive): its units and form templates."""
