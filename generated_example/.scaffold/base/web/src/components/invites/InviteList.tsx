// Created by scaffold from tech-specs/workspace-invites.md §5 Component & Module Design: InviteList.
// Yours to edit: scaffold never overwrites it. TODO(T-011) marks what is left to do.

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useInvites, useRevokeInvite } from "../../hooks/useInvites";

/** Props of InviteList. */
export interface InviteListProps {
  workspaceId: string;
}

/** a Table of invites (email, role, status Badge, expires, invited) from useInvites, with a "Load more" Button while there is a next page and a "Revoke" Button on pending rows (calls useRevokeInvite). */
export function InviteList(props: InviteListProps) {
  const { workspaceId } = props;
  const invites = useInvites(workspaceId);
  const revokeInviteMutation = useRevokeInvite(workspaceId);
  const rows = invites.data?.pages.flatMap((page) => page.invites ?? []) ?? [];

  return (
    <section className="grid gap-4">
      <h2 className="text-lg font-semibold">Invite list</h2>
      <p className="text-sm text-muted-foreground">{"a Table of invites (email, role, status Badge, expires, invited) from useInvites, with a \"Load more\" Button while there is a next page and a \"Revoke\" Button on pending rows (calls useRevokeInvite)."}</p>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Invited by</TableHead>
            <TableHead>Expires at</TableHead>
            <TableHead>Accepted at</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {invites.isPending ? (
            <TableRow>
              <TableCell colSpan={7}>Loading...</TableCell>
            </TableRow>
          ) : rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7}>No invites yet.</TableCell>
            </TableRow>
          ) : (
            rows.map((row) => (
              <TableRow key={row.id}>
                <TableCell>{row.email}</TableCell>
                <TableCell><Badge variant="outline">{row.role}</Badge></TableCell>
                <TableCell><Badge variant="outline">{row.status}</Badge></TableCell>
                <TableCell>{row.invited_by ?? "-"}</TableCell>
                <TableCell>{row.expires_at}</TableCell>
                <TableCell>{row.accepted_at ?? "-"}</TableCell>
                <TableCell>
                  <Button variant="outline" type="button" size="sm" disabled={revokeInviteMutation.isPending} onClick={() => revokeInviteMutation.mutate(String(row.id))}>Revoke invite</Button>
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      {invites.error ? <p role="alert" className="text-sm text-destructive">{invites.error.message}</p> : null}
      {invites.hasNextPage ? (
        <Button variant="outline" type="button" disabled={invites.isFetchingNextPage} onClick={() => void invites.fetchNextPage()}>Load more</Button>
      ) : null}
      {revokeInviteMutation.error ? <p role="alert" className="text-sm text-destructive">{revokeInviteMutation.error.message}</p> : null}
    </section>
  );
}
