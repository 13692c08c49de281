package users

import (
	"encoding/json"
	"net/http"
)

type UserResponse struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// ListFilter is read from the query string, never encoded or decoded as JSON:
// not compared with the TS ListFilter, whatever its fields say.
type ListFilter struct {
	Limit  int    `json:"limit"`
	Cursor string `json:"cursor"`
}

// AuditEntry is never encoded either, but paired explicitly (args.txt): compared both ways.
type AuditEntry struct {
	Action string `json:"action"`
}

func getUser(w http.ResponseWriter, r *http.Request) {
	resp := UserResponse{ID: "1"}
	json.NewEncoder(w).Encode(resp)
}
