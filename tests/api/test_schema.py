"""Partners' developers read the OpenAPI schema, without a token, in JSON or YAML."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.test import Client

SCHEMA = "/api/v1/schema/"


@pytest.fixture
def openapi(client: Client) -> dict[str, Any]:
    response = client.get(SCHEMA, {"format": "json"})
    assert response.status_code == 200
    schema: dict[str, Any] = response.json()
    return schema


def test_the_schema_is_served_as_yaml_by_default_and_says_the_same(
    client: Client, openapi: dict[str, Any]
) -> None:
    response = client.get(SCHEMA)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi;")  # the YAML type
    assert yaml.safe_load(response.content) == openapi


def test_the_schema_documents_both_operations_under_the_bearer_token(openapi: dict[str, Any]) -> None:
    assert openapi["openapi"].startswith("3.")
    assert openapi["components"]["securitySchemes"]["agencyToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": openapi["components"]["securitySchemes"]["agencyToken"]["description"],
    }
    send = openapi["paths"]["/api/v1/contacts/"]["post"]
    read = openapi["paths"]["/api/v1/contacts/{reference}/"]["get"]
    assert send["security"] == read["security"] == [{"agencyToken": []}]
    assert set(send["responses"]) >= {"201", "400", "401", "403", "415", "422", "429"}
    assert set(read["responses"]) >= {"200", "401", "404"}


def test_the_idempotency_key_header_is_a_required_parameter_of_sending(openapi: dict[str, Any]) -> None:
    send = openapi["paths"]["/api/v1/contacts/"]["post"]

    [header] = [p for p in send["parameters"] if p["in"] == "header"]
    assert header["name"] == "Idempotency-Key" and header["required"] is True
    assert header["schema"]["maxLength"] == 255 and header["description"]
    assert set(send["responses"]["201"]["headers"]) == {"Location", "Idempotent-Replayed"}


def test_the_request_body_is_documented_with_examples_and_refuses_unknown_fields(
    openapi: dict[str, Any],
) -> None:
    send = openapi["paths"]["/api/v1/contacts/"]["post"]
    examples = send["requestBody"]["content"]["application/json"]["examples"]
    body = openapi["components"]["schemas"]["NewContactRequest"]

    assert set(examples) == {"PoliceNotification", "PartnerContact"}
    assert body["additionalProperties"] is False
    assert openapi["components"]["schemas"]["ChildRequest"]["additionalProperties"] is False
    assert {"route", "worries", "children", "referrer", "consent"} <= set(body["required"])
    assert all(
        field.get("description")
        for name, field in body["properties"].items()
        if name in {"route", "children"}
    )
