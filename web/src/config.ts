/**
 * Where the API is and how to sign in. In AWS, CDK deploys `/config.json` beside the app (the
 * API's URL and the Cognito hosted login); locally there is none: the API is on the same origin
 * and, when it asks for one, the token is STRATUS_API_TOKEN.
 */
export interface SiteConfig {
  readonly apiUrl: string;
  readonly cognito: {
    readonly domain: string;
    readonly clientId: string;
    readonly redirectUri: string;
  } | null;
}

let loaded: SiteConfig = { apiUrl: '', cognito: null };

export async function loadConfig(): Promise<SiteConfig> {
  try {
    const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (response.ok) {
      const body = (await response.json()) as Partial<SiteConfig>;
      loaded = { apiUrl: (body.apiUrl ?? '').replace(/\/$/, ''), cognito: body.cognito ?? null };
    }
  } catch {
    // No config: the local host.
  }
  return loaded;
}

export const config = (): SiteConfig => loaded;
