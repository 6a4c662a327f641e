type State = Record<string, unknown>;

/** Every state of an ASL definition by name, including those nested in Map and Parallel states. */
export function allStates(definition: Record<string, unknown>): [string, State][] {
  const found: [string, State][] = [];
  const visit = (states: unknown) => {
    for (const [name, state] of Object.entries((states ?? {}) as Record<string, State>)) {
      found.push([name, state]);
      for (const child of [state.Iterator, state.ItemProcessor, ...((state.Branches as unknown[]) ?? [])]) {
        if (child) visit((child as State).States);
      }
    }
  };
  visit(definition.States);
  return found;
}
