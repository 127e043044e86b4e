# SPDX-License-Identifier: MIT
"""A strict parser of the Prometheus text exposition format 0.0.4 (what /metrics serves), for
the tests: it raises ParseError at the first thing the format does not allow, instead of
skipping it as a lenient scraper might.

Checked: every line ends with a newline and has no trailing blank; comments are `# HELP NAME
TEXT`, `# TYPE NAME TYPE` or other text after `# `; HELP and TYPE at most once per name, TYPE
before the name's first sample; a type is counter, gauge, histogram, summary or untyped; metric
and label names match the format's patterns; label values are double-quoted with only the
escapes \\\\, \\" and \\n; no label twice in one sample; values are Go floats (or NaN, +Inf,
-Inf) with an optional integer timestamp; a family's samples are contiguous (none after another
family started); no series twice; a counter's samples are not negative and, for the names the
tests serve, end in _total."""
import math
import re

METRIC_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
VALUE = re.compile(r"[+-]?(?:Inf|NaN|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}
SUFFIXES = ("_bucket", "_count", "_sum")


class ParseError(Exception):
    pass


def _labels(text, position, number):
    """Parses `{name="value",...}` at text[position] (just after '{'); returns (labels, end)."""
    labels = {}
    while True:
        if text.startswith("}", position):
            return labels, position + 1
        match = LABEL_NAME.match(text, position)
        if not match:
            raise ParseError(f"line {number}: bad label name at {text[position:]!r}")
        name = match.group()
        position = match.end()
        if not text.startswith('="', position):
            raise ParseError(f"line {number}: label {name} without =\"")
        position += 2
        value = []
        while True:
            if position >= len(text):
                raise ParseError(f"line {number}: unterminated label value")
            character = text[position]
            if character == "\\":
                escaped = text[position + 1:position + 2]
                if escaped not in ("\\", '"', "n"):
                    raise ParseError(f"line {number}: bad escape \\{escaped}")
                value.append("\n" if escaped == "n" else escaped)
                position += 2
            elif character == '"':
                position += 1
                break
            elif character == "\n":
                raise ParseError(f"line {number}: newline in a label value")
            else:
                value.append(character)
                position += 1
        if name in labels:
            raise ParseError(f"line {number}: label {name} twice")
        labels[name] = "".join(value)
        if text.startswith(",", position):
            position += 1
        elif not text.startswith("}", position):
            raise ParseError(f"line {number}: expected , or }} after label {name}")


def _float(text, number):
    if not VALUE.fullmatch(text):
        raise ParseError(f"line {number}: bad value {text!r}")
    return float(text.replace("Inf", "inf").replace("NaN", "nan"))


def _family(name, types):
    if name in types:
        return name
    for suffix in SUFFIXES:
        base = name[:-len(suffix)]
        if name.endswith(suffix) and types.get(base) in ("histogram", "summary"):
            return base
    return name


def parse(text):
    """Returns {family: {"type", "help", "samples": {(name, frozenset(labels)): value}}}."""
    if text and not text.endswith("\n"):
        raise ParseError("the text does not end with a newline")
    families, types, helps = {}, {}, {}
    finished, current = set(), None
    for number, line in enumerate(text.split("\n")[:-1], 1):
        if line != line.rstrip() or not line:
            raise ParseError(f"line {number}: empty, or trailing white space: {line!r}")
        if line.startswith("#"):
            parts = line.split(" ", 3)
            if len(parts) >= 3 and parts[1] in ("HELP", "TYPE"):
                name = parts[2]
                if not METRIC_NAME.fullmatch(name):
                    raise ParseError(f"line {number}: bad metric name {name!r}")
                if parts[1] == "TYPE":
                    kind = parts[3] if len(parts) == 4 else ""
                    if kind not in TYPES:
                        raise ParseError(f"line {number}: unknown type {kind!r}")
                    if name in types:
                        raise ParseError(f"line {number}: second TYPE for {name}")
                    if name in families and families[name]["samples"]:
                        raise ParseError(f"line {number}: TYPE for {name} after its samples")
                    types[name] = kind
                else:
                    if name in helps:
                        raise ParseError(f"line {number}: second HELP for {name}")
                    helps[name] = parts[3] if len(parts) == 4 else ""
                family = families.setdefault(name, {"type": "untyped", "help": None,
                                                    "samples": {}})
                family["type"] = types.get(name, family["type"])
                family["help"] = helps.get(name)
            elif not line.startswith("# ") and line != "#":
                raise ParseError(f"line {number}: a comment is '# TEXT': {line!r}")
            continue
        match = METRIC_NAME.match(line)
        if not match:
            raise ParseError(f"line {number}: bad metric name in {line!r}")
        name, position, labels = match.group(), match.end(), {}
        if line.startswith("{", position):
            labels, position = _labels(line, position + 1, number)
        rest = line[position:]
        if not rest.startswith(" "):
            raise ParseError(f"line {number}: no space before the value: {line!r}")
        fields = rest[1:].split(" ")
        if len(fields) not in (1, 2) or "" in fields:
            raise ParseError(f"line {number}: expected VALUE [TIMESTAMP]: {rest!r}")
        value = _float(fields[0], number)
        if len(fields) == 2 and not re.fullmatch(r"-?\d+", fields[1]):
            raise ParseError(f"line {number}: bad timestamp {fields[1]!r}")
        family_name = _family(name, types)
        family = families.setdefault(family_name, {"type": "untyped", "help": None,
                                                   "samples": {}})
        if family_name != current:
            if family_name in finished:
                raise ParseError(f"line {number}: samples of {family_name} are not together")
            if current is not None:
                finished.add(current)
            current = family_name
        key = (name, frozenset(labels.items()))
        if key in family["samples"]:
            raise ParseError(f"line {number}: series {name}{labels} twice")
        if family["type"] == "counter":
            if not name.endswith("_total"):
                raise ParseError(f"line {number}: counter {name} does not end in _total")
            if value < 0 or math.isnan(value):
                raise ParseError(f"line {number}: counter {name} is {value}")
        family["samples"][key] = value
    return families


def value(families, metric, **labels):
    """The value of the series METRIC{LABELS}; KeyError when it is not there."""
    for family in families.values():
        key = (metric, frozenset(labels.items()))
        if key in family["samples"]:
            return family["samples"][key]
    raise KeyError(f"{metric}{labels}")


def self_test():
    """The parser refuses what it should (a parser that accepts anything proves nothing)."""
    good = ('# HELP a_total A.\n# TYPE a_total counter\na_total{x="1",y="q\\"\\\\\\n"} 3\n'
            "# TYPE g gauge\ng -1.5e3 1700000000\ng{k=\"v\"} +Inf\n")
    parse(good)
    bad = [
        "a 1",                                          # no final newline
        "a 1 \n",                                       # trailing blank
        "a{x=\"1\",x=\"2\"} 1\n",                       # label twice
        "a{x=\"\\t\"} 1\n",                             # bad escape
        "a{x=1} 1\n",                                   # unquoted value
        "1a 1\n",                                       # bad name
        "a one\n",                                      # bad value
        "# TYPE a counter\n# TYPE a counter\n",         # second TYPE
        "# TYPE a_total counter\na_total -1\n",         # negative counter
        "# TYPE a counter\na 1\n",                      # counter without _total
        "a 1\nb 1\na 2\n",                              # family not together
        "a 1\na 1\n",                                   # series twice
        "# TYPE a wrong\n",                             # unknown type
        "a 1\n# TYPE a gauge\n",                        # TYPE after samples
        "\n",                                           # empty line
        "#comment\n",                                   # comment without a blank
    ]
    for text in bad:
        try:
            parse(text)
        except ParseError:
            continue
        raise AssertionError(f"the parser accepted {text!r}")
