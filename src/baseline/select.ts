// Pure: which baseline a run compares against, and whether it saves its results for later
// runs, from the `baseline` input and the GitHub event.
import type { BaselineSpec } from '../config/config.js';
import type { EventContext } from '../config/event.js';

export type BaselinePlan =
  | { kind: 'none'; reason: string }
  | { kind: 'file'; path: string }
  | { kind: 'base'; baseSha: string }
  | { kind: 'ref'; ref: string }
  | { kind: 'base-missing'; reason: string }
  /** `trend`: a push to the default branch, judged against the branch's own history before it is saved. */
  | { kind: 'cache'; branch: string; trend?: boolean };

export interface BaselineSelection {
  plan: BaselinePlan;
  /** Save these results to the cache for later `cache` comparisons. */
  saveToCache: boolean;
}

const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target'];

export function isPullRequest(event: EventContext): boolean {
  return event.eventName !== undefined && PULL_REQUEST_EVENTS.includes(event.eventName);
}

/**
 * Whether the run gates a change before it lands, and so compares against its base like a pull
 * request: a pull request, or a merge queue's group (`merge_group`), whose base is the target
 * branch's commit the group was built on.
 */
export function gatesAChange(event: EventContext): boolean {
  return isPullRequest(event) || event.eventName === 'merge_group';
}

function isPushToDefaultBranch(event: EventContext): boolean {
  return event.eventName === 'push' && event.branch !== undefined && event.branch === event.defaultBranch;
}

export function selectBaseline(spec: BaselineSpec, event: EventContext): BaselineSelection {
  const saveToCache = (spec.kind === 'auto' || spec.kind === 'cache') && isPushToDefaultBranch(event);
  switch (spec.kind) {
    case 'none':
      return { plan: { kind: 'none', reason: 'no baseline was given (baseline: none)' }, saveToCache };
    case 'file':
      return { plan: { kind: 'file', path: spec.path }, saveToCache };
    case 'ref':
      // A revision the user named is measured beside the working tree, whatever the event.
      return { plan: { kind: 'ref', ref: spec.ref }, saveToCache };
    case 'base':
      return { plan: basePlan(event), saveToCache };
    case 'cache':
      // A push to the default branch compares itself with the branch's history before saving:
      // the trend catches what lands without a pull request (direct pushes, merge queues).
      if (saveToCache) return { plan: { kind: 'cache', branch: event.branch!, trend: true }, saveToCache };
      if (!gatesAChange(event) || event.branch === undefined) {
        return {
          plan: {
            kind: 'none',
            reason:
              'baseline: cache compares on pull requests, merge queues and pushes to the default branch only',
          },
          saveToCache,
        };
      }
      return { plan: { kind: 'cache', branch: event.branch }, saveToCache };
    case 'auto':
      if (gatesAChange(event)) return { plan: basePlan(event), saveToCache };
      if (saveToCache) {
        return {
          plan: { kind: 'none', reason: 'a push to the default branch: results are saved as the baseline' },
          saveToCache,
        };
      }
      return {
        plan: { kind: 'none', reason: 'no baseline: not a pull request (baseline: auto)' },
        saveToCache,
      };
  }
}

function basePlan(event: EventContext): BaselinePlan {
  if (!gatesAChange(event) || event.baseSha === undefined) {
    return {
      kind: 'base-missing',
      reason: 'baseline: base needs a pull_request or merge_group event with a base commit',
    };
  }
  return { kind: 'base', baseSha: event.baseSha };
}
