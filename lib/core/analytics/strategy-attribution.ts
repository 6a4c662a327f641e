/**
 * Daily P&L by book — each strategy, and what no strategy sent ("manual") — from the account's
 * share trades and each session's closes. Every book is marked to the close each day, plus what
 * it received and paid that day, so the books add up to the account's trading P&L: the
 * portfolio's daily P&L is their sum by construction. A strategy's shares sold by hand (a close,
 * a flatten) leave its book as the account takes them — after the manual book's own shares,
 * strategy ids in order (`withinAccountPosition`) — at the sale's price.
 */

export const MANUAL_BOOK = 'manual';

/** One share trade as the ledger records it. */
export interface AttributedTrade {
  /** New York date of the fill. */
  date: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  notionalCents: number;
  commissionCents: number;
  /** The strategy whose order it was; absent for an order placed by hand. */
  strategyId?: string;
}

export interface BookPnl {
  /** The books that traded: strategies in id order, then `manual`. */
  books: string[];
  dates: string[];
  /** Cents, `pnl[book][day]`. */
  pnl: number[][];
}

type Holdings = Map<string, Map<string, number>>; // book → symbol → shares

/**
 * `trades` oldest first (those before the first date only build the holdings);
 * `close(symbol, date)`: that session's close, or null (the last one known carries).
 */
export function attributeDailyPnl(
  trades: readonly AttributedTrade[],
  dates: readonly string[],
  close: (symbol: string, date: string) => number | null,
): BookPnl {
  const holdings: Holdings = new Map();
  const cashToday = new Map<string, number>();
  const lastClose = new Map<string, number>();
  const valueOf = (book: string) => {
    let cents = 0;
    for (const [symbol, shares] of holdings.get(book) ?? [])
      cents += Math.round(shares * (lastClose.get(symbol) ?? 0) * 100);
    return cents;
  };
  const byDay: Map<string, number>[] = [];
  let valuesBefore = new Map<string, number>();
  let next = 0;
  for (const [day, date] of dates.entries()) {
    // Holdings before the window are valued at the first close: the window's P&L starts there.
    for (; next < trades.length && (day > 0 ? trades[next]!.date <= date : trades[next]!.date < date); next++)
      tradeInto(trades[next]!, holdings, cashToday);
    if (day === 0) {
      markCloses(holdings, lastClose, close, date);
      valuesBefore = new Map([...holdings.keys()].map((book) => [book, valueOf(book)]));
      cashToday.clear();
      for (; next < trades.length && trades[next]!.date <= date; next++)
        tradeInto(trades[next]!, holdings, cashToday);
    }
    markCloses(holdings, lastClose, close, date);
    const values = new Map([...holdings.keys()].map((book) => [book, valueOf(book)]));
    byDay.push(
      new Map(
        [...holdings.keys()].map((book) => [
          book,
          values.get(book)! - (valuesBefore.get(book) ?? 0) + (cashToday.get(book) ?? 0),
        ]),
      ),
    );
    valuesBefore = values;
    cashToday.clear();
  }
  const books = [...holdings.keys()].filter((book) => book !== MANUAL_BOOK).sort();
  if (holdings.has(MANUAL_BOOK)) books.push(MANUAL_BOOK);
  return { books, dates: [...dates], pnl: books.map((book) => byDay.map((day) => day.get(book) ?? 0)) };
}

function markCloses(
  holdings: Holdings,
  lastClose: Map<string, number>,
  close: (symbol: string, date: string) => number | null,
  date: string,
): void {
  for (const positions of holdings.values())
    for (const symbol of positions.keys()) {
      const price = close(symbol, date);
      if (price !== null) lastClose.set(symbol, price);
    }
}

/** One trade into the books, its cash split over the books it moved (the last part takes the rounding). */
function tradeInto(trade: AttributedTrade, holdings: Holdings, cashToday: Map<string, number>): void {
  const signed = trade.side === 'buy' ? 1 : -1;
  const parts = partsOf(trade, holdings);
  const totalCents = -signed * trade.notionalCents - trade.commissionCents;
  let allocated = 0;
  for (const [i, [book, shares]] of parts.entries()) {
    const cents =
      i === parts.length - 1 ? totalCents - allocated : Math.round((totalCents * shares) / trade.quantity);
    allocated += cents;
    const positions = holdings.get(book) ?? holdings.set(book, new Map()).get(book)!;
    positions.set(trade.symbol, (positions.get(trade.symbol) ?? 0) + signed * shares);
    cashToday.set(book, (cashToday.get(book) ?? 0) + cents);
  }
}

/** Which books a trade moves, and by how many shares. */
function partsOf(trade: AttributedTrade, holdings: Holdings): [string, number][] {
  if (trade.strategyId || trade.side === 'buy') return [[trade.strategyId ?? MANUAL_BOOK, trade.quantity]];
  const parts: [string, number][] = [];
  let left = trade.quantity;
  const sellers = [MANUAL_BOOK, ...[...holdings.keys()].filter((book) => book !== MANUAL_BOOK).sort()];
  for (const book of sellers) {
    const shares = Math.min(left, Math.max(0, holdings.get(book)?.get(trade.symbol) ?? 0));
    if (shares <= 0) continue;
    parts.push([book, shares]);
    left -= shares;
  }
  // More sold than the books knew (history before the ledger read): the manual book goes short.
  if (left > 0) parts.push([MANUAL_BOOK, left]);
  return parts;
}
