/**
 * `compute`, remembering each key's answer: for answers that never change and are asked again
 * and again (a date's NYSE session, a strike's OCC text). Bounded: when `limit` keys are kept,
 * everything is forgotten at once — the keys a run asks for recur, so the cache refills within
 * a few calls, and a long-running process never grows without end.
 */
export function keptAnswers<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    const known = answers.get(key);
    if (known !== undefined) return known;
    const answer = compute(key);
    if (answers.size >= limit) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}
