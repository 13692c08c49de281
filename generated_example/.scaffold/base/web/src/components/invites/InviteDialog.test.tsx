// Created by scaffold from tech-specs/workspace-invites.md §5 Component & Module Design: InviteDialog.
// Yours to edit: scaffold never overwrites it. TODO(T-010) marks what is left to do.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { ApiProvider } from "../../api/http";
import { InviteDialog, type InviteDialogProps } from "./InviteDialog";

const response: unknown = {};

function setup() {
  const fetchMock = vi.fn<typeof fetch>(async () =>
    new Response(JSON.stringify(response), {
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

  it.skip("TODO(T-010): submitting the form calls the API", async () => {
    const { fetchMock } = setup();
    // The dialog is open: its content renders in a portal.
    // Fill the required fields, submit, and assert the request and what follows.
    await userEvent.setup().click(screen.getByRole("button", { name: "Create invite" }));
    expect(fetchMock).toHaveBeenCalled();
  });
});
