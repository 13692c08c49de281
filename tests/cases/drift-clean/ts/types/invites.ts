import type { InviteStatus, UUID, Timestamps as Stamped, Page } from "./common";

export interface Member {
  user_id: UUID;
  name: string;
}

export interface Invite extends Stamped {
  id: string;
  changed_by?: string;
  workspace_id: UUID;
  email: string;
  role: "admin" | "member";
  status: InviteStatus;
  priority: number;
  count: string;
  labels?: Record<string, string>;
  tags: string[] | null;
  avatar?: string;
  meta: unknown;
  inviter: Member | null;
  Note?: string;
  "-": string;
}

export type InvitePage = Page<Invite> & { total: number };

export interface NotAnAPIType {
  somethingElse: boolean;
}
