#!/usr/bin/env python3
"""Checks the OpenAPI document a live server serves at --base-url.

Both /openapi.json and /openapi.yaml must pass openapi-spec-validator, and
both must equal the target's openapi.yaml (--source). Run by BrowserTests.swift.
"""
import argparse, json, sys, urllib.request

import yaml
from openapi_spec_validator import validate

parser = argparse.ArgumentParser()
parser.add_argument("--base-url", required=True)
parser.add_argument("--source", required=True)
args = parser.parse_args()


def fetch(path):
    with urllib.request.urlopen(args.base_url.rstrip("/") + path, timeout=10) as response:
        return response.headers.get("Content-Type"), response.read().decode("utf-8")


json_type, json_text = fetch("/openapi.json")
yaml_type, yaml_text = fetch("/openapi.yaml")
served_json = json.loads(json_text)
served_yaml = yaml.safe_load(yaml_text)
with open(args.source, encoding="utf-8") as file:
    source = yaml.safe_load(file)

failures = []
if json_type != "application/json":
    failures.append(f"/openapi.json Content-Type is {json_type}")
for name, document in (("/openapi.json", served_json), ("/openapi.yaml", served_yaml)):
    try:
        validate(document)
        print(f"ok: {name} is a valid OpenAPI {document['openapi']} document")
    except Exception as error:  # the validator's own error types vary by version
        failures.append(f"{name} is not valid: {error}")
if served_json != source:
    failures.append("/openapi.json differs from openapi.yaml: run scripts/embed-openapi")
if served_yaml != source:
    failures.append("/openapi.yaml differs from openapi.yaml: run scripts/embed-openapi")
if failures:
    sys.exit("FAILED: " + "; ".join(failures))
print("openapi documents valid")
