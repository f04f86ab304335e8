"""`python -m countystat.flows.cli`: the countystat command line, as the installed `countystat` runs it."""
from . import run

run()
