import type { AlpacaRest } from './alpaca-rest';
import { errorOf } from './alpaca-rest';
import { AlpacaFillActivity } from './alpaca-schemas';

/**
 * Fill activities (`GET /v2/account/activities/FILL`), oldest first, from `after` on: one per
 * execution, each with a stable id. Paged with `page_token` (the last id seen).
 */
export async function fillActivities(rest: AlpacaRest, after: Date): Promise<AlpacaFillActivity[]> {
  const fills: AlpacaFillActivity[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const response = await rest.trading('GET', '/v2/account/activities/FILL', {
      query: {
        after: after.toISOString(),
        direction: 'asc',
        page_size: '100',
        ...(pageToken ? { page_token: pageToken } : {}),
      },
    });
    if (response.status !== 200) throw errorOf(response.status, response.body);
    const items = (response.body as unknown[]).map((item) => AlpacaFillActivity.parse(item));
    fills.push(...items);
    if (items.length < 100) break;
    pageToken = items.at(-1)!.id;
  }
  return fills;
}
