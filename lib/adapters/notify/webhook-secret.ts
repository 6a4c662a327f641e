import { jsonSecret } from '../secrets/json-secret';

/**
 * The alert webhook's URL, read from its Secrets Manager secret (`{"url": "https://…"}`). The
 * URL is the webhook's credential: it never reaches a log, an error or a delivery record.
 */
export function webhookUrlFromSecret(secretArn: string, env: NodeJS.ProcessEnv): () => Promise<string> {
  const read = jsonSecret(secretArn, env);
  return async () => {
    const secret = (await read()) as { url?: unknown } | undefined;
    if (typeof secret?.url !== 'string' || !/^https?:\/\//.test(secret.url))
      throw new Error('the alert webhook secret must be JSON with a string field url (http or https)');
    return secret.url;
  };
}
