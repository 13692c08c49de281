package api

import (
	"time"

	"github.com/google/uuid"
)

type NoteVisibility string

const (
	NoteVisibilityPrivate NoteVisibility = "private"
	NoteVisibilityShared  NoteVisibility = "shared"
	NoteVisibilityPublic  NoteVisibility = "public"
)

// CreateNoteRequest: Title lost its pointer (DRIFT023).
type CreateNoteRequest struct {
	Body  string `json:"body" validate:"required"`
	Title string `json:"title,omitempty"`
}

// NoteResponse: CreatedAt missing (DRIFT021), Pinned added (DRIFT022).
type NoteResponse struct {
	ID         uuid.UUID      `json:"id"`
	Body       string         `json:"body"`
	Visibility NoteVisibility `json:"visibility"`
	Pinned     bool           `json:"pinned"`
}

// NoteRow is read from the notes table.
type NoteRow struct {
	ID       uuid.UUID  `db:"id"`
	Body     string     `db:"body"`
	Title    string     `db:"title"`
	PinnedAt *time.Time `db:"pinned_at"`
	Archived bool       `db:"archived"`
}
