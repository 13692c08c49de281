import { BaseEntity } from "./missing";

export interface Order extends BaseEntity {
  total: string;
  placed_at: string;
  shipped_at: number;
}

export interface Secret {
  value: string;
}
