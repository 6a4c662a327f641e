import { config } from './config';

// The bearer token lives for the browser tab only (sessionStorage), never in localStorage.
const TOKEN_KEY = 'stratus.token';
const PKCE_KEY = 'stratus.pkce';

export const token = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const saveToken = (value: string): void => sessionStorage.setItem(TOKEN_KEY, value);
export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Cognito hosted login, authorization code with PKCE (no client secret in a browser). */
export async function startCognitoLogin(): Promise<void> {
  const cognito = config().cognito;
  if (!cognito) return;
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: cognito.clientId,
    redirect_uri: cognito.redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${cognito.domain}/oauth2/authorize?${query}`);
}

/** Back from the hosted login: trade the code for tokens, keep the ID token (it carries the role groups). */
export async function completeCognitoLogin(): Promise<void> {
  const cognito = config().cognito;
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const saved = sessionStorage.getItem(PKCE_KEY);
  if (!cognito || !code || !saved) return;
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', location.pathname + location.hash);
  const { verifier, state } = JSON.parse(saved) as { verifier: string; state: string };
  if (params.get('state') !== state)
    throw new Error('The sign-in response did not match this tab; sign in again');
  const response = await fetch(`${cognito.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: cognito.clientId,
      code,
      redirect_uri: cognito.redirectUri,
      code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new Error('Sign-in failed; try again');
  const tokens = (await response.json()) as { id_token?: string };
  if (tokens.id_token) saveToken(tokens.id_token);
}
