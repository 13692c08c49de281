// Created by scaffold from tech-specs/workspace-invites.md §5 Component & Module Design: AcceptInvitePage.
// Yours to edit: scaffold never overwrites it. TODO(T-012) marks what is left to do.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi, type Mock } from "vitest";

import { ApiProvider } from "../api/http";
import { AcceptInvitePage, type AcceptInvitePageProps } from "./AcceptInvitePage";

const response: unknown = {};

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
  const props: AcceptInvitePageProps = {
    token: "test-token",
  };
  render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider config={{ baseUrl: "http://api.test", fetch: fetchMock }}>
        <AcceptInvitePage {...props} />
      </ApiProvider>
    </QueryClientProvider>,
  );
  return { fetchMock };
}

describe("AcceptInvitePage", () => {
  it("renders what the spec says it shows", () => {
    setup();
    expect(screen.getByText("Accept invite page")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Accept invite" })).toBeInTheDocument();
  });

  it("Accept invite calls the API", async () => {
    const { fetchMock } = setup();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Accept invite" }));
    await waitFor(() => expect(sent(fetchMock, "POST")).toBe(true));
  });
});
