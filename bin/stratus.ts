#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';
import { startLocalHost } from '../lib/local/local-host';

const USAGE = `Usage: stratus <command> [options]

Commands:
  serve     Run Stratus on this machine: API and web UI, paper trading on a simulated market.
            --port <n>        port to listen on (default 5000; 0 picks a free one)
            --host <addr>     address to bind (default 127.0.0.1; others need STRATUS_API_TOKEN)
            --data-dir <dir>  where state is kept between runs (default .stratus)
            --in-memory       keep nothing: a throwaway run
            --market-clock <m> session (default: the simulated market is in session at any hour) or real
            --log-level <l>   DEBUG, INFO, WARN (default) or ERROR
  help      Show this text.`;

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '5000' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      'market-clock': { type: 'string', default: 'session' },
      'log-level': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be 0–65535, got ${values.port}`);
  const logLevel = values['log-level']?.toUpperCase();
  if (logLevel && !['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(logLevel)) {
    throw new UsageError(`--log-level must be DEBUG, INFO, WARN or ERROR, got ${values['log-level']}`);
  }
  const marketClock = values['market-clock'];
  if (marketClock !== 'session' && marketClock !== 'real') {
    throw new UsageError(`--market-clock must be session or real, got ${marketClock}`);
  }
  const host = await startLocalHost({
    marketClock,
    host: values.host,
    port,
    inMemory: values['in-memory'],
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(logLevel ? { logLevel: logLevel as 'DEBUG' } : {}),
  });
  console.log(`Stratus ${host.version} — paper trading on a simulated market`);
  console.log(`  API and web UI   ${host.url}   (try ${host.url}/api/health)`);
  console.log(
    `  authentication   ${host.open ? 'open (loopback, paper mode)' : 'Bearer token required (STRATUS_API_TOKEN)'}`,
  );
  console.log(`  state            ${host.dataDir ?? 'in memory (lost on exit)'}`);
  console.log(
    `  market clock     ${host.clockOffsetMs === 0 ? 'real time' : `session clock, ${new Date(Date.now() + host.clockOffsetMs).toISOString()} (simulated market in session)`}`,
  );
  console.log(`  DynamoDB         ${host.endpoints.dynamodb}   (dynalite)`);
  console.log(`  SQS              ${host.endpoints.sqs}   (fauxqs)`);
  console.log(`  Step Functions   ${host.endpoints.stepFunctions}   (aws-local-stepfunctions)`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing requests in flight and closing the stores…`);
    host.stop().then(
      () => {
        console.log('Stopped cleanly.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`stratus: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`stratus: ${(error as Error).message ?? error}`);
  process.exit(1);
});
