// What the triggering event says about a run, as plain data: read from GitHub's environment by
// github/context.ts, and consumed by baseline/select.ts to choose what to compare against.

export interface EventContext {
  /** GITHUB_EVENT_NAME, or undefined outside GitHub (the CLI). */
  eventName?: string;
  /** The base commit of a pull_request event. */
  baseSha?: string;
  /** The base branch of a pull_request event (cache restore), or the pushed branch. */
  branch?: string;
  /** The repository's default branch, from the event payload. */
  defaultBranch?: string;
  headSha?: string;
  prNumber?: number;
}
