package api

// UserExternal ↔ IUser: an explicit pair from the config.
type UserExternal struct {
	ID      string   `json:"id"`
	Account *Account `json:"account"`
}

// Account ↔ IAccount: the pattern I{}.
type Account struct {
	Plan string `json:"plan"`
}

// Profile ↔ Profile: same name (declared twice on the TS side).
type Profile struct {
	Bio string `json:"bio"`
}

// Settings has no json tags: not an API type, so not paired by name.
type Settings struct {
	Theme string
}

// NoTags has no json tags but is paired explicitly: fields go by their Go names.
type NoTags struct {
	Theme string
	Size  int
}

type Widget struct {
	Name string `json:"name"`
}
