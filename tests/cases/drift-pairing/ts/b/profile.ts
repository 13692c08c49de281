export interface Profile {
  biography: string;
}
