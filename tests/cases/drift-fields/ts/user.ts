// DRIFT001: display_name and Name are missing; id comes through `extends`.
interface Base {
  id: string;
}

export interface User extends Base {
  email: string;
  password_hash: string; // DRIFT007: Go tags it json:"-"
  internalNote: string; // DRIFT002: unexported in Go, never sent
  avatar_url: string; // DRIFT002: Go has no such field
}
