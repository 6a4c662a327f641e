import { readFileSync } from 'node:fs';

/**
 * Every `npx stratus <command>` line of the README's shell blocks (```bash and ```sh), in order:
 * continuation lines joined, trailing comments dropped, split into the arguments after `stratus`.
 */
export function readmeStratusCommands(command: string): string[][] {
  const readme = readFileSync('README.md', 'utf8');
  return [...readme.matchAll(/```(?:bash|sh)\n([\s\S]*?)```/g)]
    .flatMap((match) => match[1]!.replace(/\\\n\s*/g, ' ').split('\n'))
    .map((line) => line.replace(/\s#\s.*$/, '').trim())
    .filter((line) => line.startsWith(`npx stratus ${command} `))
    .map((line) => line.split(/\s+/).slice(2));
}
