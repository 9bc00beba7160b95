"""`make loadtest`: locust against gunicorn with the production settings on loopback (see bench/load/__main__.py)."""
