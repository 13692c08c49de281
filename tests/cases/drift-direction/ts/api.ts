// Request only: absent or null is fine for Go's pointers and omitempty fields.
export interface MemoPatch {
  content?: string;
  pinned?: boolean | null;
  tags?: string[];
  title?: string; // DRIFT004: Go requires it (validate required)
}

// Response only: Go always sends `content` (null for nil) and `pinned`.
export interface Memo {
  id: string;
  content?: string; // DRIFT004 + DRIFT005
  pinned: boolean;
}

// Both ways: `theme` is sent as null (TS must allow it); `language` is required.
export interface Settings {
  theme: string | null;
  language?: string; // DRIFT004 twice over: Go always sends it, and requires it
}

export interface MemoList {
  items: Memo[]; // warning DRIFT005: a nil slice is sent as null (policy `wire`)
  next?: number;
}
