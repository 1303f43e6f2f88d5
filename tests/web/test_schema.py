"""Schemathesis against the OpenAPI schema: generated requests must never cause a server error.

Runs in process (ASGI) over a copy of the hand-built corpus; writes are exercised both without
the token (refused before the body is read) and with it (bodies validated, then analysed with the
cheap stages only). Schemathesis' pytest plugin does not load under pytest 9, so each operation's
strategy is driven with Hypothesis directly.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from detente.config import Config
from detente.web.app import create_app

TOKEN = "schema-token"
EXAMPLES = 30


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, corpus_db):
    config = Config().with_overrides(**{"pipeline.stages": ["clean", "language"]})
    db = corpus_db(tmp_path_factory.mktemp("schema") / "schema.db")
    app = create_app(str(db), config, TOKEN, max_upload_bytes=50_000)
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def test_no_server_errors(api_schema) -> None:
    tried, calls = [], []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        tried.append(f"{operation.method.upper()} {operation.path}")

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            # Half the writes carry the token, so both the guard and the handlers are fuzzed.
            if case.method == "POST" and len(repr(case.body)) % 2 == 0:
                case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
            case.call_and_validate(checks=[not_a_server_error])
            calls.append(case.method)

        check()
    assert "GET /api/events" in tried and "POST /api/documents" in tried
    assert len(calls) >= 5 * len(tried)
