package api

import "time"

type Role string

const (
	RoleAdmin  Role = "admin"
	RoleMember Role = "member"
	RoleOwner  Role = "owner"
)

type Invite struct {
	Count      int               `json:"count"`
	Tags       []string          `json:"tags"`
	Label      string            `json:"label"`
	ExpiresAt  time.Time         `json:"expires_at"`
	AcceptedAt *time.Time        `json:"accepted_at"`
	Note       string            `json:"note,omitempty"`
	Title      string            `json:"title"`
	Labels     map[string]string `json:"labels,omitempty"`
	Role       Role              `json:"role"`
	Kind       string            `json:"kind" validate:"required,oneof=email link"`
	Plain      string            `json:"plain"`
	Total      int64             `json:"total,string"`
	Owners     []string          `json:"owners"`
}
