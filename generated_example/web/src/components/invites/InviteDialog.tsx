// Created by scaffold from tech-specs/workspace-invites.md §5 Component & Module Design: InviteDialog.
// Yours to edit: scaffold never overwrites it. TODO(T-010) marks what is left to do.

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useCreateInvite } from "../../hooks/useInvites";
import type { CreateInviteRequest } from "../../types/invites";

/** Props of InviteDialog. */
export interface InviteDialogProps {
  workspaceId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** a form (email Input with Label, role Select defaulting to member) in a Dialog; submits with useCreateInvite, shows the error's user-facing message inline under the form, closes and resets on success. */
export function InviteDialog(props: InviteDialogProps) {
  const { workspaceId, open, onOpenChange } = props;
  const createInviteMutation = useCreateInvite(workspaceId);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // TODO(T-010): validate the fields and handle success (reset, close, notify).
    const body: CreateInviteRequest = {
      email: String(form.get("email") ?? ""),
      role: String(form.get("role") ?? "member") as CreateInviteRequest["role"],
    };
    createInviteMutation.mutate(body);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite dialog</DialogTitle>
          <DialogDescription>{"a form (email Input with Label, role Select defaulting to member) in a Dialog; submits with useCreateInvite, shows the error's user-facing message inline under the form, closes and resets on success."}</DialogDescription>
        </DialogHeader>
        <form onSubmit={handleSubmit} className="grid gap-4">
          <div className="grid gap-2">
            <Label htmlFor="invite-dialog-email">Email</Label>
            <Input id="invite-dialog-email" name="email" type="email" required />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="invite-dialog-role">Role</Label>
            <Select name="role" defaultValue="member" required>
              <SelectTrigger id="invite-dialog-role">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="admin">admin</SelectItem>
                <SelectItem value="member">member</SelectItem>
              </SelectContent>
            </Select>
          </div>
          {createInviteMutation.error ? <p role="alert" className="text-sm text-destructive">{createInviteMutation.error.message}</p> : null}
          <Button type="submit" disabled={createInviteMutation.isPending}>Create invite</Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
