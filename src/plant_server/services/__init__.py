"""Business rules of the plant server. Each function runs inside the caller's transaction."""
