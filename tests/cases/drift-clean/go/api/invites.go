package api

import (
	"encoding/json"

	"github.com/google/uuid"

	"example.com/app/models"
)

type Invite struct {
	models.Timestamps
	*models.Audit
	ID          models.InviteID     `json:"id"`
	WorkspaceID uuid.UUID           `json:"workspace_id"`
	Email       string              `json:"email"`
	Role        string              `json:"role" validate:"required,oneof=admin member"`
	Status      models.InviteStatus `json:"status"`
	Priority    models.Priority     `json:"priority"`
	Count       int64               `json:"count,string"`
	Labels      map[string]string   `json:"labels,omitempty"`
	Tags        []string            `json:"tags"`
	Avatar      []byte              `json:"avatar,omitempty"`
	Meta        json.RawMessage     `json:"meta"`
	Inviter     *Member             `json:"inviter"`
	Token       string              `json:"-"`
	Note        string              `json:",omitempty"`
	secret      string
	Dash        string `json:"-,"`
}

type Member struct {
	UserID uuid.UUID `json:"user_id"`
	Name   string    `json:"name"`
}

// Page is a generic envelope.
type Page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

type InvitePage struct {
	Page[Invite]
	Total int `json:"total"`
}

// NotAnAPIType has no json tags: drift does not pair it by name.
type NotAnAPIType struct {
	Whatever int
}
