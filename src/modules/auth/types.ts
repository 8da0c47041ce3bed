/** A user as the API shows it: never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  role: 'user' | 'admin';
}

/** What signing in returns: a short-lived access JWT and an opaque refresh token. */
export interface AuthSession {
  user: PublicUser;
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}
