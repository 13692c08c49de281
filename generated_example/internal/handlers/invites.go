// Generated once by scaffold from tech-specs/workspace-invites.md; yours to edit (scaffold never rewrites it).
// Source: tech-specs/workspace-invites.md:195 §4 API Design: handlers (T-006).

package handlers

import (
	"fmt"
	"net/http"
	"strconv"

	"example.com/invites/internal/invites"
	"example.com/invites/internal/scaffoldrt"
	"github.com/google/uuid"
)

// CreateInvite handles POST /api/v1/workspaces/{workspace_id}/invites.
// Invites one email address to the workspace with a role. The email is lower-cased, then the
// service rejects it if it belongs to a member or has a pending invite, creates a pending invite
// expiring 72 hours later, records a created event and emails the accept link
// {APP_URL}/invites/{token} to the invitee. A failed email send is logged and does not fail the
// request (the admin can revoke and re-invite).
// Source: tech-specs/workspace-invites.md:195 §4 API Design (T-006).
func CreateInvite(d *WorkspaceInvitesDeps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		caller, ok := d.Auth.Caller(r)
		if !ok {
			writeWorkspaceInvitesError(w, invites.ErrUnauthenticated)
			return
		}
		if !caller.HasRole("workspace admin") {
			writeWorkspaceInvitesError(w, invites.ErrForbidden)
			return
		}
		workspaceID := r.PathValue("workspace_id")
		var req invites.CreateInviteRequest
		if err := scaffoldrt.DecodeJSON(w, r, &req); err != nil {
			writeWorkspaceInvitesError(w, fmt.Errorf("%w: %w", invites.ErrInvalidRequest, err))
			return
		}
		if err := req.Validate(); err != nil {
			writeWorkspaceInvitesError(w, fmt.Errorf("%w: %w", invites.ErrInvalidRequest, err))
			return
		}

		// TODO(T-006): implement CreateInvite: build the arguments from the request, path and caller, and the response from the result.
		// Calls InviteService.Create (inferred from the handler's name).
		var params invites.CreateInviteParams
		if _, err := d.InviteService.Create(r.Context(), params); err != nil {
			writeWorkspaceInvitesError(w, err)
			return
		}
		_ = workspaceID
		_ = req
		var resp invites.InviteResponse
		scaffoldrt.WriteJSON(w, http.StatusCreated, resp)
	}
}

// ListInvites handles GET /api/v1/workspaces/{workspace_id}/invites.
// Lists the workspace's invites of every status, newest first, one cursor page at a time. A
// pending invite past expires_at is reported with status expired. next_cursor is null on the last
// page; pass it back as cursor to get the next page.
// Source: tech-specs/workspace-invites.md:262 §4 API Design (T-006).
func ListInvites(d *WorkspaceInvitesDeps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		caller, ok := d.Auth.Caller(r)
		if !ok {
			writeWorkspaceInvitesError(w, invites.ErrUnauthenticated)
			return
		}
		if !caller.HasRole("workspace admin") {
			writeWorkspaceInvitesError(w, invites.ErrForbidden)
			return
		}
		workspaceID := r.PathValue("workspace_id")
		cursor := r.URL.Query().Get("cursor")
		limit := 50
		if raw := r.URL.Query().Get("limit"); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil {
				invalid := scaffoldrt.Invalid("limit", "number", "must be a number")
				writeWorkspaceInvitesError(w, fmt.Errorf("%w: %w", invites.ErrInvalidRequest, invalid))
				return
			}
			if n < 1 {
				invalid := scaffoldrt.Invalid("limit", "min", "must be at least 1")
				writeWorkspaceInvitesError(w, fmt.Errorf("%w: %w", invites.ErrInvalidRequest, invalid))
				return
			}
			if n > 100 {
				invalid := scaffoldrt.Invalid("limit", "max", "must be at most 100")
				writeWorkspaceInvitesError(w, fmt.Errorf("%w: %w", invites.ErrInvalidRequest, invalid))
				return
			}
			limit = n
		}

		// TODO(T-006): implement ListInvites: build the arguments from the request, path and caller, and the response from the result.
		// Calls InviteService.List (inferred from the handler's name).
		workspaceIDArg, err := uuid.Parse(workspaceID)
		if err != nil {
			invalid := scaffoldrt.Invalid("workspace_id", "uuid", "must be a UUID")
			writeWorkspaceInvitesError(w, fmt.Errorf("%w: %w", invites.ErrInvalidRequest, invalid))
			return
		}
		if _, err := d.InviteService.List(r.Context(), workspaceIDArg, cursor, limit); err != nil {
			writeWorkspaceInvitesError(w, err)
			return
		}
		var resp invites.ListInvitesResponse
		scaffoldrt.WriteJSON(w, http.StatusOK, resp)
	}
}

// AcceptInvite handles POST /api/v1/invites/{token}/accept.
// Accepts the invite identified by the emailed token for the signed-in user. In one transaction it
// inserts the workspace_members row with the invite's role, marks the invite accepted
// (accepted_by, accepted_at) and records an accepted event; after commit it publishes
// invite.accepted. The signed-in user's email must equal the invite's email. A token that is not a
// UUID is answered like an unknown token.
// Source: tech-specs/workspace-invites.md:300 §4 API Design (T-007).
func AcceptInvite(d *WorkspaceInvitesDeps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		caller, ok := d.Auth.Caller(r)
		if !ok {
			writeWorkspaceInvitesError(w, invites.ErrUnauthenticated)
			return
		}
		token := r.PathValue("token")

		// TODO(T-007): implement AcceptInvite: build the arguments from the request, path and caller, and the response from the result.
		// Calls InviteService.Accept (inferred from the handler's name).
		tokenArg, err := uuid.Parse(token)
		if err != nil {
			writeWorkspaceInvitesError(w, invites.ErrInviteNotFound)
			return
		}
		userID, err := uuid.Parse(caller.ID)
		if err != nil {
			writeWorkspaceInvitesError(w, invites.ErrUnauthenticated)
			return
		}
		var userEmail string
		if _, err := d.InviteService.Accept(r.Context(), tokenArg, userID, userEmail); err != nil {
			writeWorkspaceInvitesError(w, err)
			return
		}
		var resp invites.AcceptInviteResponse
		scaffoldrt.WriteJSON(w, http.StatusOK, resp)
	}
}

// RevokeInvite handles DELETE /api/v1/workspaces/{workspace_id}/invites/{invite_id}.
// Revokes a pending invite, including one past expires_at: sets status revoked and revoked_at,
// records a revoked event. The invite's link stops working at once.
// Source: tech-specs/workspace-invites.md:344 §4 API Design (T-007).
func RevokeInvite(d *WorkspaceInvitesDeps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		caller, ok := d.Auth.Caller(r)
		if !ok {
			writeWorkspaceInvitesError(w, invites.ErrUnauthenticated)
			return
		}
		if !caller.HasRole("workspace admin") {
			writeWorkspaceInvitesError(w, invites.ErrForbidden)
			return
		}
		workspaceID := r.PathValue("workspace_id")
		inviteID := r.PathValue("invite_id")

		// TODO(T-007): implement RevokeInvite: build the arguments from the request, path and caller, and the response from the result.
		// Calls InviteService.Revoke (inferred from the handler's name).
		workspaceIDArg, err := uuid.Parse(workspaceID)
		if err != nil {
			invalid := scaffoldrt.Invalid("workspace_id", "uuid", "must be a UUID")
			writeWorkspaceInvitesError(w, fmt.Errorf("%w: %w", invites.ErrInvalidRequest, invalid))
			return
		}
		inviteIDArg, err := uuid.Parse(inviteID)
		if err != nil {
			invalid := scaffoldrt.Invalid("invite_id", "uuid", "must be a UUID")
			writeWorkspaceInvitesError(w, fmt.Errorf("%w: %w", invites.ErrInvalidRequest, invalid))
			return
		}
		actorID, err := uuid.Parse(caller.ID)
		if err != nil {
			writeWorkspaceInvitesError(w, invites.ErrUnauthenticated)
			return
		}
		if err := d.InviteService.Revoke(r.Context(), workspaceIDArg, inviteIDArg, actorID); err != nil {
			writeWorkspaceInvitesError(w, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}
