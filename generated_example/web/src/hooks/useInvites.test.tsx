// Created by scaffold from tech-specs/workspace-invites.md §5 API Client / Hooks.
// Yours to edit: scaffold never overwrites it. TODO(T-009) marks what is left to do.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";

import { ApiProvider } from "../api/http";
import { WorkspaceInvitesEventsProvider } from "../api/invites-events";
import { AlreadyMemberError, ForbiddenError, InviteConflictError, InviteEmailMismatchError, InviteExpiredError, InviteNotFoundError, InviteNotPendingError, InviteRevokedError, UnauthenticatedError, ValidationError } from "../api/invites-errors";
import { useAcceptInvite, useCreateInvite, useInvites, useRevokeInvite } from "./useInvites";

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function harness(respond: (url: string, method: string) => Response) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) =>
    respond(String(input), init?.method ?? "GET"),
  );
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  // The feature's WebSocket, faked: tests dispatch MessageEvents on it.
  const events = new EventTarget();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <ApiProvider config={{ baseUrl: "http://api.test", fetch: fetchMock }}>
        <WorkspaceInvitesEventsProvider source={events}>{children}</WorkspaceInvitesEventsProvider>
      </ApiProvider>
    </QueryClientProvider>
  );
  return { events, fetchMock, queryClient, wrapper };
}

describe("useInvites", () => {
  it("GET /api/v1/workspaces/{workspace_id}/invites", async () => {
    const { fetchMock, wrapper } = harness(() => jsonResponse(200, { invites: null, next_cursor: null }));
    const { result } = renderHook(() => useInvites("test-workspace-id"), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(fetchMock.mock.calls[0]?.[0]).toBe("http://api.test/api/v1/workspaces/test-workspace-id/invites");
  });

  it("refetches on invite.accepted", async () => {
    const { events, fetchMock, wrapper } = harness(() => jsonResponse(200, { invites: null, next_cursor: null }));
    const { result } = renderHook(() => useInvites("test-workspace-id"), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    act(() => {
      events.dispatchEvent(new MessageEvent("message", { data: "{\"type\": \"invite.accepted\", \"payload\": {}}" }));
    });
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
  });

  it("follows the cursor to the next page", async () => {
    const { fetchMock, wrapper } = harness((url) =>
      new URL(url).searchParams.get("cursor") === "c2"
        ? jsonResponse(200, { invites: null, next_cursor: null })
        : jsonResponse(200, { invites: null, next_cursor: "c2" }),
    );
    const { result } = renderHook(() => useInvites("test-workspace-id"), { wrapper });
    await waitFor(() => expect(result.current.hasNextPage).toBe(true));
    await result.current.fetchNextPage();
    await waitFor(() => expect(result.current.data?.pages.length).toBe(2));
    expect(result.current.hasNextPage).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it.each([
    { title: "400 invalid_request -> ValidationError", status: 400, code: "invalid_request", body: { error: "The request is invalid. Check the fields and try again.", code: "invalid_request" }, error: ValidationError },
    { title: "401 unauthenticated -> UnauthenticatedError", status: 401, code: "unauthenticated", body: { error: "Sign in to continue.", code: "unauthenticated" }, error: UnauthenticatedError },
    { title: "403 forbidden -> ForbiddenError", status: 403, code: "forbidden", body: { error: "Only workspace admins can manage invites.", code: "forbidden" }, error: ForbiddenError },
  ])("$title", async ({ status, code, body, error }) => {
    const { wrapper } = harness(() => jsonResponse(status, body));
    const { result } = renderHook(() => useInvites("test-workspace-id"), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(error);
    expect(result.current.error).toMatchObject({ status, code });
  });
});

describe("useCreateInvite", () => {
  it("POST /api/v1/workspaces/{workspace_id}/invites", async () => {
    const { fetchMock, queryClient, wrapper } = harness(() => jsonResponse(201, { id: "", workspace_id: "", email: "", role: "admin", status: "pending", invited_by: null, expires_at: "", accepted_at: null, created_at: "" }));
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    const { result } = renderHook(() => useCreateInvite("test-workspace-id"), { wrapper });
    await act(() => result.current.mutateAsync({ email: "", role: "admin" }));
    expect(fetchMock.mock.calls[0]?.[0]).toBe("http://api.test/api/v1/workspaces/test-workspace-id/invites");
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe("POST");
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["workspace-invites", "workspaces", "test-workspace-id", "invites"] });
  });

  it("refetches useInvites on success", async () => {
    const { fetchMock, wrapper } = harness((_url, method) =>
      method === "GET" ? jsonResponse(200, { invites: null, next_cursor: null }) : jsonResponse(201, { id: "", workspace_id: "", email: "", role: "admin", status: "pending", invited_by: null, expires_at: "", accepted_at: null, created_at: "" }),
    );
    const { result } = renderHook(
      () => ({ list: useInvites("test-workspace-id"), mutation: useCreateInvite("test-workspace-id") }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    const reads = () => fetchMock.mock.calls.filter((call) => (call[1]?.method ?? "GET") === "GET").length;
    expect(reads()).toBe(1);
    await act(() => result.current.mutation.mutateAsync({ email: "", role: "admin" }));
    await waitFor(() => expect(reads()).toBe(2));
  });

  it.each([
    { title: "400 invalid_request -> ValidationError", status: 400, code: "invalid_request", body: { error: "The request is invalid. Check the fields and try again.", code: "invalid_request" }, error: ValidationError },
    { title: "401 unauthenticated -> UnauthenticatedError", status: 401, code: "unauthenticated", body: { error: "Sign in to continue.", code: "unauthenticated" }, error: UnauthenticatedError },
    { title: "403 forbidden -> ForbiddenError", status: 403, code: "forbidden", body: { error: "Only workspace admins can manage invites.", code: "forbidden" }, error: ForbiddenError },
    { title: "409 invite_exists -> InviteConflictError", status: 409, code: "invite_exists", body: { error: "This user has already been invited.", code: "invite_exists" }, error: InviteConflictError },
    { title: "409 already_member -> AlreadyMemberError", status: 409, code: "already_member", body: { error: "This user is already a member of the workspace.", code: "already_member" }, error: AlreadyMemberError },
  ])("$title", async ({ status, code, body, error }) => {
    const { wrapper } = harness(() => jsonResponse(status, body));
    const { result } = renderHook(() => useCreateInvite("test-workspace-id"), { wrapper });
    await act(async () => {
      const failure = result.current.mutateAsync({ email: "", role: "admin" });
      await expect(failure).rejects.toBeInstanceOf(error);
      await expect(failure).rejects.toMatchObject({ status, code });
    });
  });
});

describe("useRevokeInvite", () => {
  it("DELETE /api/v1/workspaces/{workspace_id}/invites/{invite_id}", async () => {
    const { fetchMock, queryClient, wrapper } = harness(() => jsonResponse(204, undefined));
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    const { result } = renderHook(() => useRevokeInvite("test-workspace-id"), { wrapper });
    await act(() => result.current.mutateAsync("test-invite-id"));
    expect(fetchMock.mock.calls[0]?.[0]).toBe("http://api.test/api/v1/workspaces/test-workspace-id/invites/test-invite-id");
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe("DELETE");
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["workspace-invites", "workspaces", "test-workspace-id", "invites"] });
  });

  it("refetches useInvites on success", async () => {
    const { fetchMock, wrapper } = harness((_url, method) =>
      method === "GET" ? jsonResponse(200, { invites: null, next_cursor: null }) : jsonResponse(204, undefined),
    );
    const { result } = renderHook(
      () => ({ list: useInvites("test-workspace-id"), mutation: useRevokeInvite("test-workspace-id") }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    const reads = () => fetchMock.mock.calls.filter((call) => (call[1]?.method ?? "GET") === "GET").length;
    expect(reads()).toBe(1);
    await act(() => result.current.mutation.mutateAsync("test-invite-id"));
    await waitFor(() => expect(reads()).toBe(2));
  });

  it.each([
    { title: "400 invalid_request -> ValidationError", status: 400, code: "invalid_request", body: { error: "The request is invalid. Check the fields and try again.", code: "invalid_request" }, error: ValidationError },
    { title: "401 unauthenticated -> UnauthenticatedError", status: 401, code: "unauthenticated", body: { error: "Sign in to continue.", code: "unauthenticated" }, error: UnauthenticatedError },
    { title: "403 forbidden -> ForbiddenError", status: 403, code: "forbidden", body: { error: "Only workspace admins can manage invites.", code: "forbidden" }, error: ForbiddenError },
    { title: "404 invite_not_found -> InviteNotFoundError", status: 404, code: "invite_not_found", body: { error: "This invite does not exist.", code: "invite_not_found" }, error: InviteNotFoundError },
    { title: "409 invite_not_pending -> InviteNotPendingError", status: 409, code: "invite_not_pending", body: { error: "This invite is no longer pending.", code: "invite_not_pending" }, error: InviteNotPendingError },
  ])("$title", async ({ status, code, body, error }) => {
    const { wrapper } = harness(() => jsonResponse(status, body));
    const { result } = renderHook(() => useRevokeInvite("test-workspace-id"), { wrapper });
    await act(async () => {
      const failure = result.current.mutateAsync("test-invite-id");
      await expect(failure).rejects.toBeInstanceOf(error);
      await expect(failure).rejects.toMatchObject({ status, code });
    });
  });
});

describe("useAcceptInvite", () => {
  it("POST /api/v1/invites/{token}/accept", async () => {
    const { fetchMock, queryClient, wrapper } = harness(() => jsonResponse(200, { workspace_id: "", role: "admin", accepted_at: "" }));
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    const { result } = renderHook(() => useAcceptInvite(), { wrapper });
    await act(() => result.current.mutateAsync("test-token"));
    expect(fetchMock.mock.calls[0]?.[0]).toBe("http://api.test/api/v1/invites/test-token/accept");
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe("POST");
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["workspace-invites"] });
  });

  it("refetches useInvites on success", async () => {
    const { fetchMock, wrapper } = harness((_url, method) =>
      method === "GET" ? jsonResponse(200, { invites: null, next_cursor: null }) : jsonResponse(200, { workspace_id: "", role: "admin", accepted_at: "" }),
    );
    const { result } = renderHook(
      () => ({ list: useInvites("test-workspace-id"), mutation: useAcceptInvite() }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    const reads = () => fetchMock.mock.calls.filter((call) => (call[1]?.method ?? "GET") === "GET").length;
    expect(reads()).toBe(1);
    await act(() => result.current.mutation.mutateAsync("test-token"));
    await waitFor(() => expect(reads()).toBe(2));
  });

  it.each([
    { title: "401 unauthenticated -> UnauthenticatedError", status: 401, code: "unauthenticated", body: { error: "Sign in to continue.", code: "unauthenticated" }, error: UnauthenticatedError },
    { title: "403 invite_email_mismatch -> InviteEmailMismatchError", status: 403, code: "invite_email_mismatch", body: { error: "This invite was sent to a different email address.", code: "invite_email_mismatch" }, error: InviteEmailMismatchError },
    { title: "404 invite_not_found -> InviteNotFoundError", status: 404, code: "invite_not_found", body: { error: "This invite does not exist.", code: "invite_not_found" }, error: InviteNotFoundError },
    { title: "409 already_member -> AlreadyMemberError", status: 409, code: "already_member", body: { error: "This user is already a member of the workspace.", code: "already_member" }, error: AlreadyMemberError },
    { title: "409 invite_not_pending -> InviteNotPendingError", status: 409, code: "invite_not_pending", body: { error: "This invite is no longer pending.", code: "invite_not_pending" }, error: InviteNotPendingError },
    { title: "410 invite_expired -> InviteExpiredError", status: 410, code: "invite_expired", body: { error: "This invite has expired. Ask a workspace admin to send a new one.", code: "invite_expired" }, error: InviteExpiredError },
    { title: "410 invite_revoked -> InviteRevokedError", status: 410, code: "invite_revoked", body: { error: "This invite was revoked.", code: "invite_revoked" }, error: InviteRevokedError },
  ])("$title", async ({ status, code, body, error }) => {
    const { wrapper } = harness(() => jsonResponse(status, body));
    const { result } = renderHook(() => useAcceptInvite(), { wrapper });
    await act(async () => {
      const failure = result.current.mutateAsync("test-token");
      await expect(failure).rejects.toBeInstanceOf(error);
      await expect(failure).rejects.toMatchObject({ status, code });
    });
  });
});
