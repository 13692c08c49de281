package api

import "time"

// Timestamp embeds time.Time, whose MarshalJSON is promoted: it is a string on the wire.
type Timestamp struct {
	time.Time
}

type Owner struct {
	Login string `json:"login"`
	ID    int64  `json:"id"`
}

type Permissions struct {
	Admin bool `json:"admin"`
	Push  bool `json:"push"`
}

type Repo struct {
	Name        string       `json:"name"`
	Owner       *Owner       `json:"owner"`
	Permissions *Permissions `json:"permissions"`
	Topics      []string     `json:"topics"`
	Pushed      Timestamp    `json:"pushed_at"`
	Collabs     []Owner      `json:"collaborators"`
}

type Event struct {
	Action string `json:"action"`
}
