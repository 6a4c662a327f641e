/**
 * SDK client settings for talking to an embedded service directly (creating its tables and
 * queues, or in tests). The application itself never uses this: it reads the endpoint from
 * the standard AWS_ENDPOINT_URL_* variables.
 */
export function localClientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}
