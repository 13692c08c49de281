package api

type Base struct {
	ID string `json:"id"`
}

type User struct {
	Base
	Email        string `json:"email"`
	DisplayName  string `json:"display_name"`
	PasswordHash string `json:"-"`
	internalNote string
	Name         string // untagged exported: sent as "Name"
}
