import { randomUUID } from 'node:crypto';
import type { InProcessTransport } from '../adapters/sdk-client';
import { inProcessTransport, type ServiceRequest, type ServiceResponse } from './in-process-transport';
import { AccessDenied, accessKeyOf, type Authorize, LOCAL_ACCOUNT, LOCAL_REGION } from './local-iam';

export interface LocalSecretsManager {
  /** The endpoint functions are configured with; served in this process only. */
  endpoint: string;
  transport: InProcessTransport;
  /** Keeps a secret and answers its ARN (as Secrets Manager names it: the name and a random suffix). */
  put(name: string, value: string): string;
}

/**
 * Secrets Manager for the local host: GetSecretValue over its JSON protocol, behind the local IAM,
 * so a function reads a secret only with the grant its Lambda has. Secrets live in memory: the
 * host puts in what it was given at start (the Alpaca keys), never on disk.
 */
export function startLocalSecretsManager(options: { authorize: Authorize }): LocalSecretsManager {
  const secrets = new Map<string, { arn: string; name: string; value: string; versionId: string }>();
  const answer = async (request: ServiceRequest): Promise<ServiceResponse> => {
    const target = request.headers['x-amz-target'] ?? '';
    if (target !== 'secretsmanager.GetSecretValue')
      return error(400, 'InvalidRequestException', `The local Secrets Manager does not serve ${target}`);
    const text =
      typeof request.body === 'string' ? request.body : Buffer.from(request.body ?? []).toString('utf8');
    const id = String((JSON.parse(text || '{}') as { SecretId?: unknown }).SecretId ?? '');
    const secret = secrets.get(id) ?? [...secrets.values()].find((candidate) => candidate.name === id);
    try {
      options.authorize(accessKeyOf(request.headers.authorization), 'secretsmanager:GetSecretValue', [
        secret?.arn ?? id,
      ]);
    } catch (failure) {
      if (failure instanceof AccessDenied) return error(400, 'AccessDeniedException', failure.message);
      throw failure;
    }
    if (!secret)
      return error(400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({
        ARN: secret.arn,
        Name: secret.name,
        SecretString: secret.value,
        VersionId: secret.versionId,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: Date.now() / 1000,
      }),
    };
  };
  return {
    endpoint: 'http://secretsmanager.stratus.local',
    transport: inProcessTransport(answer, 'secretsmanager'),
    put(name, value) {
      const arn = `arn:aws:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT}:secret:${name}-${randomUUID().slice(0, 6)}`;
      secrets.set(arn, { arn, name, value, versionId: randomUUID() });
      return arn;
    },
  };
}

function error(statusCode: number, type: string, message: string): ServiceResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ __type: type, message }),
  };
}
