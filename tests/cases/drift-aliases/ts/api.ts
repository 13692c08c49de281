export type Scope = "read" | "write";

export interface FooStruct {
  key: string;
  value: number;
}

export type AliasStruct = FooStruct;

// DRIFT003: value is a number in Go.
export interface AliasStructNested {
  key: string;
  value: string;
}

// A TS alias of an object type.
export type DefinedStruct = { key: string; value: number };

// DRIFT003: Go's field is RemappedAlias = string.
export interface GenericUseRemappedAlias {
  field: number;
  list?: string[];
}

export interface User {
  name: string;
  scopes?: Scope[]; // DRIFT006: Go also allows "admin"
}

export interface UserPage {
  items?: User[];
  total: number;
}

// DRIFT001: `value` is promoted from the embedded alias.
export interface EmbedsAlias {
  key: string;
  extra: boolean;
}
