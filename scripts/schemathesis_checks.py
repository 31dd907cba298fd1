"""Linli's own schemathesis check, loaded through schemathesis.toml's `hooks`.

A request that is valid by its operation's schema may still be refused for what the schema cannot
express: data (an unknown category, building or grid; a cursor of another list) or rules across
fields. openapi.yaml lists those refusals' codes once, as the schema `SemanticRefusalCode`. A
schema-valid request answered 400 or 422 must name only such codes; any other code means the
schema promises more than the function accepts, which is a defect in one of them.
"""
import json

import schemathesis


def _documented(case):
    """The codes, and the field prefixes any code on which is semantic."""
    schemas = case.operation.schema.raw_schema.get("components", {}).get("schemas", {})
    refusal = schemas.get("SemanticRefusalCode", {})
    return set(refusal.get("enum", [])), tuple(refusal.get("x-semantic-fields", []))


@schemathesis.check
def semantic_refusals_only(ctx, response, case):
    """A schema-valid request refused with 400 or 422 names only documented semantic refusals."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code not in (400, 422):
        return None
    try:
        errors = json.loads(response.content).get("errors") or []
    except (ValueError, AttributeError):
        errors = []
    codes, fields = _documented(case)
    errors = [error for error in errors if isinstance(error, dict)]
    undocumented = sorted({f"{error.get('field')}: {error.get('code')}" for error in errors
                           if error.get("code") not in codes and not str(error.get("field")).startswith(fields)})
    if not errors or undocumented:
        raise AssertionError(
            f"A schema-valid request got {response.status_code} with "
            + (f"errors {'; '.join(undocumented)}" if errors else "no errors[]")
            + ", which openapi.yaml's SemanticRefusalCode does not list: the schema allows what"
            " the function refuses"
        )
    return None
