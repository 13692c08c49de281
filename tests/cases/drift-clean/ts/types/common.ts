export type InviteStatus = "pending" | "accepted" | "revoked";
export type UUID = string;

export interface Timestamps {
  created_at: string;
  updated_at: string | null;
}

export interface Page<T> {
  items: T[] | null;
  next_cursor: string | null;
}
