export interface List {
  items: string[];
  counts: Record<string, number> | null; // DRIFT005 under non-nil
  extra?: string[];
  owner: string | null;
  nested: Record<string, number[]>;
}
