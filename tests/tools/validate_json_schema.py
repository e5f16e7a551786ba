#!/usr/bin/python3
"""Validates JSON documents against a JSON Schema, offline.

  validate_json_schema.py --schema SCHEMA [--store SCHEMA ...] [--no-extra-properties] DOC...

--store adds a schema that SCHEMA $refs, keyed by its "$id" (CycloneDX's spdx and jsf schemas);
any other remote $ref raises instead of touching the network. Formats are checked with every
checker jsonschema has, whatever the schema's draft (so SARIF's draft-04 schema gets its
"uri-reference"s checked too): uri, uri-reference, iri-reference (python3-rfc3987), and
date-time, which this script checks itself (RFC 3339 section 5.6) because Debian 12 lacks
rfc3339-validator.
--no-extra-properties treats every object schema that lists "properties" as if it also said
"additionalProperties": false, so a field the document has and the schema does not describe
fails (used to keep docs/report.schema.json complete).

Prints "ok DOC" per valid document, or the errors of each invalid one; exits 0 when all are
valid, 1 when one is not, 2 on bad usage. Written for Debian 12's python3-jsonschema 4.10
(RefResolver); also runs on later versions.
"""
import argparse
import copy
import json
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)

import re  # noqa: E402

import importlib  # noqa: E402
from jsonschema import FormatChecker, RefResolver  # noqa: E402
from jsonschema.validators import validator_for  # noqa: E402


def no_network(self, uri):
    raise RuntimeError(f"refusing to fetch remote schema {uri}: add it with --store")


RefResolver.resolve_remote = no_network


def extras_msg(extras):
    """jsonschema 4.10's own version sorts the extra items to name them, which raises
    TypeError for objects: CycloneDX's licence choice then crashes on any component with three
    or more licences (its "expression" branch fails with additionalItems). Same message,
    unsorted."""
    return ", ".join(repr(extra) for extra in extras), "was" if len(extras) == 1 else "were"


for module in ("jsonschema._utils", "jsonschema._validators", "jsonschema._keywords"):
    try:
        importlib.import_module(module).extras_msg = extras_msg
    except (ImportError, AttributeError):
        pass


DATE_TIME = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
    r"(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$")


def format_checker():
    checker = FormatChecker()
    checker.checks("date-time")(lambda value: not isinstance(value, str)
                                or DATE_TIME.match(value) is not None)
    return checker


def close_objects(node):
    """Adds additionalProperties: false to every object schema that lists properties."""
    if isinstance(node, dict):
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            close_objects(value)
    elif isinstance(node, list):
        for value in node:
            close_objects(value)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--store", action="append", default=[])
    parser.add_argument("--no-extra-properties", action="store_true")
    parser.add_argument("documents", nargs="+")
    args = parser.parse_args()

    def load(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    schema = load(args.schema)
    cls = validator_for(schema)
    cls.check_schema(schema)
    if args.no_extra_properties:
        schema = copy.deepcopy(schema)
        close_objects(schema)
    store = {}
    for path in args.store:
        s = load(path)
        store[s.get("$id") or s.get("id")] = s
    resolver = RefResolver.from_schema(schema, store=store, id_of=cls.ID_OF)
    validator = cls(schema, resolver=resolver, format_checker=format_checker())

    failed = False
    for path in args.documents:
        try:
            document = load(path)
        except (OSError, ValueError) as e:
            print(f"FAIL {path}: not JSON: {e}")
            failed = True
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if errors:
            failed = True
            for e in errors[:20]:
                where = "/".join(str(p) for p in e.absolute_path)
                print(f"FAIL {path} at /{where}: {e.message[:300]}")
        else:
            print(f"ok {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
