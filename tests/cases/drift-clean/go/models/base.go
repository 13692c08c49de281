package models

import "time"

// Timestamps is embedded by API structs: its fields are flattened into theirs.
type Timestamps struct {
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt *time.Time `json:"updated_at"`
}

// Audit is embedded through a pointer; the outer struct's `id` wins over its own.
type Audit struct {
	ID        string `json:"id"`
	ChangedBy string `json:"changed_by,omitempty"`
}

type InviteStatus string

const (
	InviteStatusPending  InviteStatus = "pending"
	InviteStatusAccepted InviteStatus = "accepted"
	InviteStatusRevoked  InviteStatus = "revoked"
)

type Priority int

const (
	PriorityLow Priority = iota
	PriorityHigh
)

type InviteID string
