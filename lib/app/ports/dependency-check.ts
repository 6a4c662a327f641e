/** A probe of one dependency (a table, a queue) for the health route. Throws when unreachable. */
export interface DependencyCheck {
  readonly name: string;
  check(): Promise<void>;
}
