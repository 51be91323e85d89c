#!/usr/bin/python3
"""Validate JSON documents against the EdgeCc schemas in this directory.

usage: validate.py SCHEMA_FILE INSTANCE_FILE...
Prints one line per instance: "ok PATH" or "invalid PATH: reason". Exit code 1 if any is invalid.
Works with Debian's python3-jsonschema (4.10, RefResolver) and newer (referencing).
"""
import json
import pathlib
import sys

import jsonschema

HERE = pathlib.Path(__file__).resolve().parent


def load_all():
    schemas = {}
    for path in HERE.glob("*.schema.json"):
        schema = json.loads(path.read_text())
        schemas[schema["$id"]] = schema
    return schemas


def validator_for(name, schemas):
    schema = json.loads((HERE / name).read_text())
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    checker = cls.FORMAT_CHECKER
    try:
        from referencing import Registry, Resource

        registry = Registry().with_resources(
            (uri, Resource.from_contents(s)) for uri, s in schemas.items()
        )
        return cls(schema, registry=registry, format_checker=checker)
    except ImportError:
        resolver = jsonschema.RefResolver.from_schema(schema, store=schemas)
        return cls(schema, resolver=resolver, format_checker=checker)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schemas = load_all()
    validator = validator_for(argv[1], schemas)
    bad = 0
    for instance_path in argv[2:]:
        instance = json.loads(pathlib.Path(instance_path).read_text())
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        if errors:
            bad += 1
            first = errors[0]
            where = "/".join(str(p) for p in first.absolute_path)
            print(f"invalid {instance_path}: at '{where}': {first.message}")
        else:
            print(f"ok {instance_path}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
