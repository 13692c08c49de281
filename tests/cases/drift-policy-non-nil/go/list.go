package api

type List struct {
	Items  []string          `json:"items"`
	Counts map[string]int    `json:"counts"`
	Extra  []string          `json:"extra,omitempty"`
	Owner  *string           `json:"owner"`
	Nested map[string][]int  `json:"nested"`
}
