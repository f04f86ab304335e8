"""The Prefect plumbing around the flows: its environment, local server and guardian, serve, task runners, the run lock."""
