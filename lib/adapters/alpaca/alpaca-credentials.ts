import type { AlpacaCredentials } from './alpaca-rest';

/**
 * Where the Alpaca keys come from: a Secrets Manager secret (`{"key_id","secret_key"}`, read
 * through Powertools Parameters, cached five minutes so a rotation is picked up) in AWS, or
 * STRATUS_ALPACA_KEY_ID / STRATUS_ALPACA_SECRET_KEY locally. Loaded on first use only; the
 * values never reach a log or an error message.
 */
export function alpacaCredentials(
  secretArn: string | null,
  env: NodeJS.ProcessEnv,
): () => Promise<AlpacaCredentials> {
  if (secretArn) {
    return async () => {
      const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
      const secret = (await getSecret(secretArn, { transform: 'json', maxAge: 300 })) as
        { key_id?: unknown; secret_key?: unknown } | undefined;
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
