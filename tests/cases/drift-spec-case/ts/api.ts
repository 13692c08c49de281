export interface SignupRequest {
  email: string;
  password?: string; // DRIFT004: Go requires it
}

export interface UserResponse {
  id: string; // DRIFT001 below: TS lacks email
}
