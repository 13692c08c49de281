export type Role = "admin" | "member";

export interface Invite {
  count: string; // DRIFT003
  tags: string; // DRIFT008
  label: string[]; // DRIFT008
  expires_at: string;
  accepted_at: string; // DRIFT005: Go sends null for a nil pointer
  note: string; // DRIFT004: omitempty → optional
  title?: string; // DRIFT004: always sent
  labels?: Record<string, string> | null; // DRIFT005: omitempty map is never null
  role: Role; // DRIFT006: Go has "owner" too
  kind: "email" | "sms"; // DRIFT006: oneof says email link
  plain: "a" | "b"; // fine: TS narrows a plain Go string
  total: number; // DRIFT003: ,string sends a string
  owners: string[]; // DRIFT005: a nil slice is null under policy wire
}
