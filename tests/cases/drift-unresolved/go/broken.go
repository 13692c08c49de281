package api

type Broken struct {
	Name string `json:"name"`
