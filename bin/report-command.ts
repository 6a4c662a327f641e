import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

/**
 * `stratus report`: a running Stratus's daily or monthly performance report (GET
 * /api/reports/performance), written as HTML or, for a `.pdf` file, printed by headless Chromium.
 */
export async function reportCommand(args: string[], usage: (message: string) => Error): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      period: { type: 'string', default: 'monthly' },
      date: { type: 'string' },
      benchmark: { type: 'string' },
      url: { type: 'string', default: 'http://127.0.0.1:5000' },
      out: { type: 'string' },
    },
    strict: true,
  });
  if (values.period !== 'daily' && values.period !== 'monthly')
    throw usage('--period must be daily or monthly');
  if (!values.out) throw usage('report needs --out <file.html|file.pdf>');
  const query = new URLSearchParams({
    period: values.period,
    ...(values.date ? { date: values.date } : {}),
    ...(values.benchmark ? { benchmark: values.benchmark } : {}),
  });
  const token = process.env.STRATUS_API_TOKEN;
  const response = await fetch(`${values.url}/api/reports/performance?${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = (await response.json()) as { html?: string; label?: string; error?: { message: string } };
  if (!response.ok || !body.html)
    throw new Error(`the report was refused: ${body.error?.message ?? response.status}`);
  if (values.out.toLowerCase().endsWith('.pdf')) {
    const { writePdf } = await import('../lib/adapters/pdf/chromium-pdf');
    await writePdf(body.html, values.out, process.env.CHROMIUM_PATH);
  } else {
    await writeFile(values.out, body.html);
  }
  console.log(`${values.period} report ${body.label} written to ${values.out}`);
}
