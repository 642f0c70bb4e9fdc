"""The error raised for a JSON Schema that cannot be used.

It lives apart from ``doclint.schemas`` so that the command line can catch
it without importing jsonschema, which a run that checks no schema never needs.
"""


class SchemaError(Exception):
    """Raised for a schema that cannot be used. The message names the file and the problem, and the CLI exits with status 2."""
