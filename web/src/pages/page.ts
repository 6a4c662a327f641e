/** A page draws itself into `root` and returns what to do when the user leaves it (stop polling, remove charts). */
export type Page = (root: HTMLElement, params: readonly string[]) => (() => void) | void;
