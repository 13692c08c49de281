// Created by scaffold from tech-specs/workspace-invites.md §5 Component & Module Design: InviteList.
// Yours to edit: scaffold never overwrites it. TODO(T-011) marks what is left to do.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi, type Mock } from "vitest";

import { ApiProvider } from "../../api/http";
import type { ListInvitesResponse } from "../../types/invites";
import { InviteList, type InviteListProps } from "./InviteList";

const response: ListInvitesResponse = {"invites": null, "next_cursor": null};
const oneRow: ListInvitesResponse = { invites: [{ id: "test-id", workspace_id: "test-workspace-id", email: "test-email", role: "admin", status: "pending", invited_by: "test-invited-by", expires_at: "test-expires-at", accepted_at: "test-accepted-at", created_at: "test-created-at" }], next_cursor: null };

/** Whether the component sent a request with this method. */
function sent(fetchMock: Mock<typeof fetch>, method: string): boolean {
  return fetchMock.mock.calls.some(([, init]) => (init?.method ?? "GET") === method);
}

function setup(body: unknown = response) {
  const fetchMock = vi.fn<typeof fetch>(async () =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { "Content-Type": "application/json" },
    }),
  );
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const props: InviteListProps = {
    workspaceId: "test-workspace-id",
  };
  render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider config={{ baseUrl: "http://api.test", fetch: fetchMock }}>
        <InviteList {...props} />
      </ApiProvider>
    </QueryClientProvider>,
  );
  return { fetchMock };
}

describe("InviteList", () => {
  it("renders what the spec says it shows", async () => {
    setup();
    expect(screen.getByText("Invite list")).toBeInTheDocument();
    expect(await screen.findByText("No invites yet.")).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Email" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Role" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Status" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Invited by" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Expires at" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Accepted at" })).toBeInTheDocument();
  });

  it("shows one row per item", async () => {
    setup(oneRow);
    expect(await screen.findByText("test-email")).toBeInTheDocument();
    expect(screen.getAllByRole("row")).toHaveLength(2);
  });

  it("Revoke invite on a row calls the API", async () => {
    const { fetchMock } = setup(oneRow);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Revoke invite" }));
    await waitFor(() => expect(sent(fetchMock, "DELETE")).toBe(true));
  });
});
