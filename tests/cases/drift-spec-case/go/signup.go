package handlers

// The code keeps its request and response types unexported; the spec's
// SignupRequest and UserResponse pair with them across case.
type signupRequest struct {
	Email    string `json:"email" validate:"required,email"`
	Password string `json:"password" validate:"required"`
}

type userResponse struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}
