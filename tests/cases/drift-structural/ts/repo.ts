// TS is structural: `owner` names another interface, `permissions` is inline; both are
// compared field by field with the Go structs.
interface OwnerLite {
  login: string;
  id: string; // DRIFT003 through the structural compare
}

export interface Repo {
  name: string;
  owner: OwnerLite | null;
  permissions: { admin: boolean; pull: boolean } | null; // DRIFT001 push, DRIFT002 pull
  topics: ("go" | "ts")[] | null; // fine: TS narrows a plain Go string
  pushed_at: string; // fine: Timestamp marshals as time.Time
  collaborators: { login: string; id: number }[] | null;
}

interface Opened {
  action: "opened";
}
interface Closed {
  action: "closed";
}
export type Event = Opened | Closed; // DRIFT011: a union of object types
