import { apiFunction } from '../../lib/api/api-function';
import { toLedgerDto, toPortfolioDto } from '../../lib/api/dto/portfolio-dto';
import { ok } from '../../lib/api/responses';
import { ensurePaperAccount, getPortfolio } from '../../lib/app/use-cases/get-portfolio';
import { dependencies } from '../shared/dependencies';

export const handler = apiFunction<'portfolio'>({
  'GET /api/portfolio': async ({ principal }) => {
    const deps = dependencies();
    return ok(toPortfolioDto(await getPortfolio(deps, principal.accountId), deps.clock.now()));
  },
  'GET /api/portfolio/ledger': async ({ principal, query }) => {
    const deps = dependencies();
    await ensurePaperAccount(deps, principal.accountId);
    const limit = query.limit ?? 100;
    const entries = await deps.accounts.listLedger(principal.accountId, {
      afterSequence: query.after,
      limit,
    });
    return ok(toLedgerDto(entries, limit));
  },
});
