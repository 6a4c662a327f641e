import { sdkClientSettings, withoutSdkLogging } from '../sdk-client';

/**
 * The alert webhook's URL, read from its Secrets Manager secret (`{"url": "https://…"}`) with the
 * function's own client on first use and cached five minutes (a rotated URL is picked up). The
 * URL is the webhook's credential: it never reaches a log, an error or a delivery record.
 */
export function webhookUrlFromSecret(secretArn: string, env: NodeJS.ProcessEnv): () => Promise<string> {
  let provider: Promise<{ get(name: string, options: object): Promise<unknown> }> | undefined;
  return async () => {
    provider ??= Promise.all([
      import('@aws-lambda-powertools/parameters/secrets'),
      import('@aws-sdk/client-secrets-manager'),
    ]).then(
      ([{ SecretsProvider }, { SecretsManagerClient }]) =>
        new SecretsProvider({
          awsSdkV3Client: withoutSdkLogging(
            new SecretsManagerClient(sdkClientSettings('SECRETS_MANAGER', env)),
          ),
        }),
    );
    const secret = (await (await provider).get(secretArn, { transform: 'json', maxAge: 300 })) as
      { url?: unknown } | undefined;
    if (typeof secret?.url !== 'string' || !/^https?:\/\//.test(secret.url))
      throw new Error('the alert webhook secret must be JSON with a string field url (http or https)');
    return secret.url;
  };
}
