package api

import "example.com/app/models"

type Scope string

const (
	ScopeRead  Scope = "read"
	ScopeWrite Scope = "write"
	ScopeAdmin Scope = "admin"
)

// Aliases and defined types over structs (across packages), chains of them.
type AliasStruct = models.FooStruct
type AliasStructNested = AliasStruct
type DefinedStruct models.FooStruct

// Generic instantiations: the fields with T substituted.
type UseAliasedType[T any] struct {
	Field T   `json:"field"`
	List  []T `json:"list,omitempty"`
}
type RemappedAlias = string
type GenericUseRemappedAlias = UseAliasedType[RemappedAlias]
type UserPage = models.Page[User]

type User struct {
	Name   string  `json:"name"`
	Scopes []Scope `json:"scopes,omitempty"`
}

// An embedded alias promotes the fields of the struct it names.
type EmbedsAlias struct {
	AliasStruct
	Extra bool `json:"extra"`
}
