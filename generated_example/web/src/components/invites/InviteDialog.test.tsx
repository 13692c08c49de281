// Created by scaffold from tech-specs/workspace-invites.md §5 Component & Module Design: InviteDialog.
// Yours to edit: scaffold never overwrites it. TODO(T-010) marks what is left to do.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi, type Mock } from "vitest";

import { ApiProvider } from "../../api/http";
import { InviteDialog, type InviteDialogProps } from "./InviteDialog";

const response: unknown = {};

/** Whether the component sent a request with this method. */
function sent(fetchMock: Mock<typeof fetch>, method: string): boolean {
  return fetchMock.mock.calls.some(([, init]) => (init?.method ?? "GET") === method);
}

/** The JSON body of the first request with this method. */
function sentBody(fetchMock: Mock<typeof fetch>, method: string): unknown {
  const init = fetchMock.mock.calls.find(([, call]) => (call?.method ?? "GET") === method)?.[1];
  return typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
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
  const props: InviteDialogProps = {
    workspaceId: "test-workspace-id",
    open: true,
    onOpenChange: vi.fn(),
  };
  render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider config={{ baseUrl: "http://api.test", fetch: fetchMock }}>
        <InviteDialog {...props} />
      </ApiProvider>
    </QueryClientProvider>,
  );
  return { fetchMock };
}

describe("InviteDialog", () => {
  it("renders what the spec says it shows", () => {
    setup();
    // The dialog is open: its content renders in a portal.
    expect(screen.getByRole("dialog")).toHaveTextContent("Invite dialog");
    expect(screen.getByLabelText("Email")).toBeInTheDocument();
    expect(screen.getByLabelText("Role")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create invite" })).toBeInTheDocument();
  });

  it("submits the form's values with useCreateInvite", async () => {
    const { fetchMock } = setup();
    // The dialog is open: its content renders in a portal.
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.click(screen.getByRole("button", { name: "Create invite" }));
    await waitFor(() => expect(sent(fetchMock, "POST")).toBe(true));
    expect(sentBody(fetchMock, "POST")).toEqual({ email: "ada@example.com", role: "member" });
  });
});
