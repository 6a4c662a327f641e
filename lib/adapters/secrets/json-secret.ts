import { sdkClientSettings, withoutSdkLogging } from '../sdk-client';

/**
 * A JSON secret from Secrets Manager, read through Powertools Parameters with the function's own
 * client (its region, credentials and endpoint), built on first use; each value cached five
 * minutes so a rotation is picked up. The value never reaches a log or an error message.
 */
export function jsonSecret(secretArn: string, env: NodeJS.ProcessEnv): () => Promise<unknown> {
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
    return (await provider).get(secretArn, { transform: 'json', maxAge: 300 });
  };
}
