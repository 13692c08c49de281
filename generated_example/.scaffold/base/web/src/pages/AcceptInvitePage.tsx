// Created by scaffold from tech-specs/workspace-invites.md §5 Component & Module Design: AcceptInvitePage.
// Yours to edit: scaffold never overwrites it. TODO(T-012) marks what is left to do.

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAcceptInvite } from "../hooks/useInvites";

/** Props of AcceptInvitePage. */
export interface AcceptInvitePageProps {
  token: string;
}

/** a Card naming the invite action with an "Accept invite" Button (calls useAcceptInvite); on success navigates to /workspaces/{workspace_id}; on UnauthenticatedError redirects to /login?next=/invites/{token}; other errors show their message in the card. */
export function AcceptInvitePage(props: AcceptInvitePageProps) {
  const { token } = props;
  const acceptInviteMutation = useAcceptInvite();

  return (
    <Card>
      <CardHeader>
        <CardTitle>Accept invite page</CardTitle>
        <CardDescription>{"a Card naming the invite action with an \"Accept invite\" Button (calls useAcceptInvite); on success navigates to /workspaces/{workspace_id}; on UnauthenticatedError redirects to /login?next=/invites/{token}; other errors show their message in the card."}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Button type="button" disabled={acceptInviteMutation.isPending} onClick={() => acceptInviteMutation.mutate(token)}>Accept invite</Button>
        {acceptInviteMutation.error ? <p role="alert" className="text-sm text-destructive">{acceptInviteMutation.error.message}</p> : null}
      </CardContent>
    </Card>
  );
}
