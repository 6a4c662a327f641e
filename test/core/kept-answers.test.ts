import { describe, expect, it } from 'vitest';
import { keptAnswers } from '../../lib/core/kept-answers';

describe('keptAnswers', () => {
  it('computes each key once, keeps null answers too, and forgets everything when full', () => {
    const computed: string[] = [];
    const answer = keptAnswers(3, (key: string) => {
      computed.push(key);
      return key === 'closed' ? null : key.toUpperCase();
    });
    expect([answer('a'), answer('b'), answer('a'), answer('closed'), answer('closed')]).toEqual([
      'A',
      'B',
      'A',
      null,
      null,
    ]);
    expect(computed).toEqual(['a', 'b', 'closed']);
    // Full at three keys: the fourth clears the cache, so the first is computed again.
    expect(answer('d')).toBe('D');
    expect(answer('a')).toBe('A');
    expect(computed).toEqual(['a', 'b', 'closed', 'd', 'a']);
  });
});
