package api

// MemoPatch is decoded only (a request): a `*string` without omitempty facing
// TS `content?: string` is fine, Go accepts absent and null alike.
type MemoPatch struct {
	Content *string  `json:"content"`
	Pinned  *bool    `json:"pinned,omitempty"`
	Tags    []string `json:"tags"`
	Title   string   `json:"title" validate:"required"`
}

// Memo is encoded only (a response): what Go writes must be typed in TS.
type Memo struct {
	ID      string  `json:"id"`
	Content *string `json:"content"`
	Pinned  bool    `json:"pinned"`
}

// Settings goes both ways (GET sends it, PUT decodes it): both rules apply.
type Settings struct {
	Theme    *string `json:"theme"`
	Language string  `json:"language" validate:"required"`
}

// MemoList is sent through a helper, as the result of a converter.
type MemoList struct {
	Items []Memo `json:"items"`
	Next  *int   `json:"next,omitempty"`
}
