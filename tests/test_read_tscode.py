"""TypeScript code reader: interfaces, aliases, field types, imports, file comments, errors."""

from __future__ import annotations

import pytest

from scaffold.model import Pos, TsField
from scaffold.read.tscode import file_comment, parse_ts

FILE = "docs/specs/invites.md"


def one_field(line: str) -> TsField:
    ts = parse_ts(f"interface T {{\n  {line}\n}}\n", FILE)
    assert ts.problems == []
    assert len(ts.types) == 1 and len(ts.types[0].fields) == 1
    return ts.types[0].fields[0]


# --------------------------------------------------------------------------- fields

FIELD_CASES = [
    ("id: string;", dict(name="id", type="string")),
    ("email?: string;", dict(type="string", optional=True)),
    ("note: string | null;", dict(type="string", nullable=True, optional=False)),
    ("note?: string | null;", dict(type="string", nullable=True, optional=True)),
    ("u: string | undefined;", dict(type="string", undefinable=True, nullable=False)),
    ("n: null | string | undefined;", dict(type="string", nullable=True, undefinable=True)),
    ("readonly id: string;", dict(type="string", readonly=True)),
    ("tags: string[];", dict(type="string[]")),
    ("tags: readonly string[];", dict(type="readonly string[]", readonly=False)),
    ("list: Array<Invite>;", dict(type="Array<Invite>")),
    ("list: Array<Invite> | null;", dict(type="Array<Invite>", nullable=True)),
    ("ro: ReadonlyArray<string>;", dict(type="ReadonlyArray<string>")),
    ("rec: Record<string, number>;", dict(type="Record<string, number>")),
    ("rec: Record<string,   number[]>;", dict(type="Record<string, number[]>")),
    ("grid: number[][];", dict(type="number[][]")),
    ("mixed: (string | null)[];", dict(type="(string | null)[]", nullable=False)),
    (
        'status: "pending" | "accepted" | "expired" | "revoked";',
        dict(
            type='"pending" | "accepted" | "expired" | "revoked"',
            literals=["pending", "accepted", "expired", "revoked"],
        ),
    ),
    (
        "status: 'a' | 'b' | null;",
        dict(type="'a' | 'b'", literals=["a", "b"], nullable=True),
    ),
    ('one: "only";', dict(type='"only"', literals=["only"])),
    ('mixed: "a" | number;', dict(type='"a" | number', literals=[])),
    ("count: 1 | 2;", dict(type="1 | 2", literals=[])),
    (
        "nested: { a: number; b?: string };",
        dict(type="{ a: number; b?: string }", literals=[]),
    ),
    (
        "nested: {\n    a: number;\n    b: { c: string }\n  } | null;",
        dict(type="{ a: number; b: { c: string } }", nullable=True),
    ),
    ("cb: (x: number) => void;", dict(type="(x: number) => void")),
    ("when: Date", dict(type="Date")),
    ("page: Page<Invite>,", dict(type="Page<Invite>")),
    ("'content-type': string;", dict(name="content-type", type="string")),
    ('"quoted": boolean;', dict(name="quoted", type="boolean")),
    ("untyped;", dict(name="untyped", type="any")),
    ("[key: string]: unknown;", dict(name="[key: string]", type="unknown")),
    ("[id: number]: Invite | null;", dict(name="[id: number]", type="Invite", nullable=True)),
    ("readonly [ k : string ]: T;", dict(name="[ k : string ]", type="T", readonly=True)),
    ("refresh(): Promise<void>;", dict(name="refresh", type="(): Promise<void>")),
    (
        "close?(reason: string): void;",
        dict(name="close", type="(reason: string): void", optional=True),
    ),
    ('s: "with \\"quote\\"";', dict(literals=['with "quote"'])),
]


@pytest.mark.parametrize("line,expected", FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
def test_field(line: str, expected: dict) -> None:
    f = one_field(line)
    for key, value in expected.items():
        assert getattr(f, key) == value, key


def test_field_flags_default_false() -> None:
    f = one_field("id: string;")
    assert (f.optional, f.nullable, f.undefinable, f.readonly, f.literals) == (
        False,
        False,
        False,
        False,
        [],
    )


# --------------------------------------------------------------------------- declarations

TEMPLATE_TYPES = """// [src/types/invites.ts]
interface Invite {
  id: string;
  email: string;
  status: "pending" | "accepted" | "expired" | "revoked";
  // ...
}

interface CreateInviteRequest {
  email: string;
}
"""


def test_template_types_with_file_comment() -> None:
    ts = parse_ts(TEMPLATE_TYPES, FILE, line=300)
    assert ts.problems == []
    assert [(t.name, t.kind, t.file, t.exported, t.pos) for t in ts.types] == [
        ("Invite", "interface", "src/types/invites.ts", False, Pos(file=FILE, line=301, column=11)),
        (
            "CreateInviteRequest",
            "interface",
            "src/types/invites.ts",
            False,
            Pos(file=FILE, line=308, column=11),
        ),
    ]
    invite = ts.types[0]
    assert [(f.name, f.pos.line, f.pos.column) for f in invite.fields] == [
        ("id", 302, 3),
        ("email", 303, 3),
        ("status", 304, 3),
    ]
    assert invite.fields[2].literals == ["pending", "accepted", "expired", "revoked"]


@pytest.mark.parametrize(
    "src,name,extends,exported",
    [
        ("export interface A extends Base { x: string }", "A", ["Base"], True),
        ("interface A extends Base, Other<T> {}", "A", ["Base", "Other<T>"], False),
        (
            "interface A extends ns.Base<Map<string,  number>> {}",
            "A",
            ["ns.Base<Map<string, number>>"],
            False,
        ),
        ("interface Page<T> { items: T[] }", "Page", [], False),
        ("export default interface D { x: number }", "D", [], True),
        ("declare interface G { x: number }", "G", [], False),
        ("export declare interface E { x: number }", "E", [], True),
    ],
)
def test_interface_header(src: str, name: str, extends: list, exported: bool) -> None:
    ts = parse_ts(src, FILE)
    assert ts.problems == []
    (t,) = ts.types
    assert (t.name, t.kind, t.extends, t.exported) == (name, "interface", extends, exported)


ALIAS_CASES = [
    ('type Status = "a" | "b";', "Status", '"a" | "b"', ["a", "b"], []),
    ('type Status =\n  | "a"\n  | "b";', "Status", '"a" | "b"', ["a", "b"], []),
    ("type Single = 'x';", "Single", "'x'", ["x"], []),
    ("type ID = string;", "ID", "string", [], []),
    ("type Ids = string[];", "Ids", "string[]", [], []),
    ("type P = Partial<Invite>;", "P", "Partial<Invite>", [], []),
    ("type M = A & { x: number };", "M", "A & { x: number }", [], []),
    ("type N = Invite | null;", "N", "Invite | null", [], []),
    ('type Mixed = "a" | 1;', "Mixed", '"a" | 1', [], []),
    ("type Obj = { a: number; b?: string };", "Obj", "", [], ["a", "b"]),
    ("type Empty = {};", "Empty", "", [], []),
    (
        'enum Color { Red = "red", Green = "green" }',
        "Color",
        '"red" | "green"',
        ["red", "green"],
        [],
    ),
    ("enum Level { Low, High }", "Level", "number", [], []),
    ("enum Code { A = 1, B = 2 }", "Code", "number", [], []),
]


@pytest.mark.parametrize("src,name,alias_of,literals,fields", ALIAS_CASES)
def test_alias(src: str, name: str, alias_of: str, literals: list, fields: list) -> None:
    ts = parse_ts(src, FILE)
    assert ts.problems == []
    (t,) = ts.types
    assert (t.name, t.kind, t.alias_of, t.literals) == (name, "alias", alias_of, literals)
    assert [f.name for f in t.fields] == fields


def test_exported_alias_and_object_fields() -> None:
    ts = parse_ts("export type Obj = {\n  a: number;\n  b?: string | null;\n};\n", FILE, line=9)
    (t,) = ts.types
    assert (t.exported, t.pos) == (True, Pos(file=FILE, line=9, column=13))
    b = t.fields[1]
    assert (b.name, b.type, b.optional, b.nullable, b.pos) == (
        "b",
        "string",
        True,
        True,
        Pos(file=FILE, line=11, column=3),
    )


def test_function_bodies_and_other_statements_declare_nothing() -> None:
    src = (
        "export const inviteKeys = { all: ['invites'] as const };\n"
        "export function f() {\n  interface Local { x: number }\n  return 1;\n}\n"
        "class C { x = 1 }\n"
        "namespace NS { export interface Inner { y: string } }\n"
        "export interface Top { z: boolean }\n"
    )
    ts = parse_ts(src, FILE)
    assert ts.problems == []
    assert [t.name for t in ts.types] == ["Top"]


# --------------------------------------------------------------------------- imports


@pytest.mark.parametrize(
    "src,imports",
    [
        ('import { A, B as C } from "./x";', {"A": "./x", "C": "./x"}),
        ("import type { D } from '../types/d';", {"D": "../types/d"}),
        ('import { type E, F } from "./e";', {"E": "./e", "F": "./e"}),
        ('import React from "react";', {"React": "react"}),
        ('import G, * as H from "g";', {"G": "g", "H": "g"}),
        ('import * as z from "zod";', {"z": "zod"}),
        ('import React, { useState } from "react";', {"React": "react", "useState": "react"}),
        ('import "./side-effect.css";', {}),
        (
            'import { A } from "@/types/invites"\nimport { A2 } from "./a2"',
            {"A": "@/types/invites", "A2": "./a2"},
        ),
    ],
)
def test_imports(src: str, imports: dict) -> None:
    ts = parse_ts(src, FILE)
    assert ts.problems == []
    assert ts.imports == imports


# --------------------------------------------------------------------------- file comments


@pytest.mark.parametrize(
    "comment,path",
    [
        ("// src/types/invites.ts", "src/types/invites.ts"),
        ("// [src/types/invites.ts]", "src/types/invites.ts"),
        ("//[src/components/Invite.tsx]", "src/components/Invite.tsx"),
        ("// file: src/types/a.d.ts", "src/types/a.d.ts"),
        ("// `src/api/client.ts`", "src/api/client.ts"),
        ("// @/types/invites.ts", "@/types/invites.ts"),
        ("// Types for src/types/invites.ts", None),
        ("// invite types", None),
        ("// [InterfaceName] — purpose", None),
        ("// src/types/invites.go", None),
    ],
)
def test_file_comment(comment: str, path: str | None) -> None:
    assert file_comment(comment) == path


def test_file_comment_applies_to_the_types_after_it() -> None:
    src = (
        "interface Before { a: string }\n"
        "// src/types/a.ts\n"
        "interface A { a: string }\n"
        "type AA = string;\n"
        "// [src/types/b.ts]\n"
        "export interface B { b: string }\n"
        "// not a path\n"
        "interface C { c: string }\n"
    )
    ts = parse_ts(src, FILE)
    assert [(t.name, t.file) for t in ts.types] == [
        ("Before", ""),
        ("A", "src/types/a.ts"),
        ("AA", "src/types/a.ts"),
        ("B", "src/types/b.ts"),
        ("C", "src/types/b.ts"),
    ]


# --------------------------------------------------------------------------- TSX

TSX_SRC = """// src/components/invites/InviteDialog.tsx
import { Button } from "@/components/ui/button";
import type { Invite } from "@/types/invites";

export interface InviteDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  invite?: Invite | null;
}

export function InviteDialog({ open, onOpenChange }: InviteDialogProps) {
  return <Button onClick={() => onOpenChange(!open)}>Invite</Button>;
}
"""


def test_tsx_file() -> None:
    ts = parse_ts(TSX_SRC, "src/components/invites/InviteDialog.tsx", tsx=True)
    assert ts.problems == []
    (t,) = ts.types
    assert (t.name, t.exported, t.file) == (
        "InviteDialogProps",
        True,
        "src/components/invites/InviteDialog.tsx",
    )
    assert [(f.name, f.type, f.optional, f.nullable) for f in t.fields] == [
        ("open", "boolean", False, False),
        ("onOpenChange", "(open: boolean) => void", False, False),
        ("invite", "Invite", True, True),
    ]
    assert ts.imports == {"Button": "@/components/ui/button", "Invite": "@/types/invites"}


def test_jsx_is_an_error_without_tsx() -> None:
    ts = parse_ts(TSX_SRC, "x.ts")
    assert [p.rule for p in ts.problems] == ["SPEC021"]
    assert ts.types[0].name == "InviteDialogProps"


# --------------------------------------------------------------------------- positions


@pytest.mark.parametrize(
    "line,column,type_pos,field_pos",
    [
        (1, 1, (1, 11), (2, 3)),
        (200, 1, (200, 11), (201, 3)),
        (7, 4, (7, 14), (8, 6)),  # an indented block: every line shifted right
    ],
)
def test_positions_follow_the_snippet_start(
    line: int, column: int, type_pos: tuple, field_pos: tuple
) -> None:
    ts = parse_ts("interface A {\n  x: string;\n}\n", FILE, line=line, column=column)
    t = ts.types[0]
    assert (t.pos.file, t.pos.line, t.pos.column) == (FILE, *type_pos)
    assert (t.fields[0].pos.line, t.fields[0].pos.column) == field_pos


def test_columns_count_characters_not_bytes() -> None:
    ts = parse_ts('interface A { /* ü */ név: "é" | "á" }\n', FILE)
    f = ts.types[0].fields[0]
    assert (f.name, f.pos.column, f.literals) == ("név", 23, ["é", "á"])


# --------------------------------------------------------------------------- syntax errors

ERROR_CASES = [
    ("interface A {\n  x: string;\n  z: ;\n}\n", 20, 22, 4, "unexpected `:` near `z: ;`"),
    ("interface A {\n  x: string;\n", 1, 2, 13, "missing `}` near `x: string;`"),
    ("type A = ;\n", 3, 3, 9, "missing a type near `type A = ;`"),
]


@pytest.mark.parametrize("src,start,line,column,detail", ERROR_CASES)
def test_syntax_error_is_one_positioned_problem(
    src: str, start: int, line: int, column: int, detail: str
) -> None:
    ts = parse_ts(src, FILE, line=start)
    assert len(ts.problems) == 1
    p = ts.problems[0]
    assert (p.rule, p.severity) == ("SPEC021", "error")
    assert p.pos == Pos(file=FILE, line=line, column=column)
    assert p.message == f"TypeScript code does not parse: {detail}; fix the syntax"


def test_what_parsed_is_kept_after_an_error() -> None:
    ts = parse_ts(
        "interface A { x: string }\ninterface B { y: ; }\ninterface C { z: number }\n", FILE
    )
    assert [p.rule for p in ts.problems] == ["SPEC021"]
    assert [t.name for t in ts.types] == ["A", "B", "C"]
    assert ts.types[2].fields[0].type == "number"


@pytest.mark.parametrize("src", ["", "\n", "// only a comment", "}}}", "interface", "\x00"])
def test_odd_input_never_raises(src: str) -> None:
    ts = parse_ts(src, FILE)
    assert ts.types == []


def test_every_element_has_its_real_position() -> None:
    src = (
        'import { A } from "./a";\n'
        "export interface Invite extends A {\n"
        "  readonly id: string;\n"
        "  [key: string]: unknown;\n"
        "  close(): void;\n"
        "}\n"
        'type Status = "a" | "b";\n'
    )
    ts = parse_ts(src, FILE, line=30, column=5)
    at = lambda p: (p.file, p.line, p.column)  # noqa: E731
    invite, status = ts.types
    assert at(invite.pos) == (FILE, 31, 22)
    assert [at(f.pos) for f in invite.fields] == [(FILE, 32, 16), (FILE, 33, 7), (FILE, 34, 7)]
    assert at(status.pos) == (FILE, 36, 10)


@pytest.mark.parametrize(
    "literal,value",
    [
        ('"plain"', "plain"),
        ("'single'", "single"),
        ('"tab\\there"', "tab\there"),
        ('"q\\"uote"', 'q"uote'),
        ('"\\u00e9t\\u00E9"', "été"),
        ('"\\u{1F600}"', "\U0001f600"),
        ('"\\x41"', "A"),
        ('"é\\n"', "é\n"),
        ('"back\\\\slash"', "back\\slash"),
    ],
)
def test_string_literal_values(literal: str, value: str) -> None:
    assert one_field(f"s: {literal};").literals == [value]
