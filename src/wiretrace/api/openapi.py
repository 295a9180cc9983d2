"""The OpenAPI schema as checked into ``docs/openapi.json`` (a test fails when the two drift).

Regenerate with ``.venv/bin/python -m wiretrace.api.openapi > docs/openapi.json``.
"""

from __future__ import annotations

import json

from wiretrace.settings import Settings


def schema_json() -> str:
    from wiretrace.api.app import create_app

    schema = create_app(Settings()).openapi()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_json(), end="")
