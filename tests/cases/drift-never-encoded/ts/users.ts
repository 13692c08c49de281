export interface UserResponse {
  id: string;
  email: string;
}

export interface ListFilter {
  limit?: string;
  page: number;
}

export interface AuditEntry {
  action?: string; // DRIFT004: compared both ways, Go always sends it
}
