package models

type FooStruct struct {
	Key   string `json:"key"`
	Value int    `json:"value"`
}

type Page[T any] struct {
	Items []T `json:"items,omitempty"`
	Total int `json:"total"`
}
