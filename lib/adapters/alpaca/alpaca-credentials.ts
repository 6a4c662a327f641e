import { jsonSecret } from '../secrets/json-secret';
import type { AlpacaCredentials } from './alpaca-rest';

/**
 * Where the Alpaca keys come from: a Secrets Manager secret (`{"key_id","secret_key"}`, read
 * through Powertools Parameters with the function's own client, cached five minutes so a
 * rotation is picked up) — in AWS, and on the local host, which keeps the keys it is given in
 * its Secrets Manager stand-in — or STRATUS_ALPACA_KEY_ID / STRATUS_ALPACA_SECRET_KEY (tools). Loaded on first use only; the
 * values never reach a log or an error message.
 */
export function alpacaCredentials(
  secretArn: string | null,
  env: NodeJS.ProcessEnv,
): () => Promise<AlpacaCredentials> {
  if (secretArn) {
    const read = jsonSecret(secretArn, env);
    return async () => {
      const secret = (await read()) as { key_id?: unknown; secret_key?: unknown } | undefined;
      if (typeof secret?.key_id !== 'string' || typeof secret.secret_key !== 'string')
        throw new Error('the Alpaca secret must be JSON with string fields key_id and secret_key');
      return { keyId: secret.key_id, secretKey: secret.secret_key };
    };
  }
  return async () => {
    const keyId = env.STRATUS_ALPACA_KEY_ID;
    const secretKey = env.STRATUS_ALPACA_SECRET_KEY;
    if (!keyId || !secretKey)
      throw new Error('STRATUS_ALPACA_KEY_ID and STRATUS_ALPACA_SECRET_KEY must both be set');
    return { keyId, secretKey };
  };
}
