export interface CreateNoteRequest {
  body: string;
  title?: string | null;
}
