// A typed fake of the BaselineSources port and its factory: results files, a base tree and a
// cache entry given up front, and every save and cleanup recorded.
import type {
  BaselineSources,
  BaselineSourcesRequest,
  Notice,
  PreparedBaseTree,
  ResolvedRevision,
} from '../../src/app/ports.js';
import type { Results } from '../../src/results/model.js';
import { patternRegExp } from '../../src/baseline/files.js';

export interface FakeBaselineOptions {
  /** Results files by path; an Error is what reading it throws. */
  files?: Record<string, Results | Error>;
  /** What each revision resolves to (default: no such commit). */
  revisions?: Record<string, ResolvedRevision>;
  /** What preparing the base commit gives. */
  base?: PreparedBaseTree | { error: string };
  /** What restoring the cache gives (default: a miss): the stored history, newest first. */
  cache?: { runs: Results[]; key: string; notes?: string[] } | { warning: string };
  /** What saving to the cache says (default: saved). */
  saveNotice?: Notice;
}

export class FakeBaselineSources implements BaselineSources {
  readonly preparedBases: string[] = [];
  readonly resolvedRevisions: string[] = [];
  readonly restoredBranches: string[] = [];
  readonly saved: Results[] = [];
  /** The history handed to each save (undefined: the sources were left to fetch it). */
  readonly savedPrevious: (Results[] | undefined)[] = [];
  cleanups = 0;

  constructor(private readonly opts: FakeBaselineOptions = {}) {}

  readFile(path: string): Promise<Results> {
    const file = this.opts.files?.[path];
    if (file === undefined) return Promise.reject(new Error(`${path}: no such file`));
    return file instanceof Error ? Promise.reject(file) : Promise.resolve(structuredClone(file));
  }

  resolveRevision(ref: string): Promise<ResolvedRevision> {
    this.resolvedRevisions.push(ref);
    return Promise.resolve(this.opts.revisions?.[ref] ?? { error: 'names no commit in the repository' });
  }

  /** A pattern matches the files given whose paths fit it (`*` within a segment, `?` one character). */
  findFiles(pattern: string): Promise<string[]> {
    const files = Object.keys(this.opts.files ?? {});
    if (!/[*?]/.test(pattern)) return Promise.resolve([pattern]);
    const matcher = patternRegExp(pattern);
    return Promise.resolve(files.filter((f) => matcher.test(f)).sort());
  }

  prepareBaseTree(baseSha: string): Promise<PreparedBaseTree | { error: string }> {
    this.preparedBases.push(baseSha);
    return Promise.resolve(this.opts.base ?? { error: `the base commit ${baseSha} cannot be fetched` });
  }

  cleanupBaseTree(): Promise<void> {
    this.cleanups += 1;
    return Promise.resolve();
  }

  restoreCache(
    branch: string,
  ): Promise<{ runs: Results[]; key: string; notes: string[] } | { warning: string }> {
    this.restoredBranches.push(branch);
    const cache = this.opts.cache;
    if (cache === undefined) return Promise.resolve({ warning: `no cached baseline for ${branch}` });
    if ('warning' in cache) return Promise.resolve(cache);
    return Promise.resolve({
      runs: cache.runs.map((r) => structuredClone(r)),
      key: cache.key,
      notes: cache.notes ?? [],
    });
  }

  saveCache(results: Results, previous?: Results[]): Promise<Notice> {
    this.saved.push(results);
    this.savedPrevious.push(previous);
    return Promise.resolve(
      this.opts.saveNotice ?? { level: 'info', message: 'Saved these results as the baseline.' },
    );
  }
}

/** A factory that hands out one given set of sources and records each request. */
export function fakeBaselinesFactory(sources: BaselineSources) {
  const requests: { request: BaselineSourcesRequest; cacheDir?: string }[] = [];
  const factory = (request: BaselineSourcesRequest, cacheDir?: string): BaselineSources => {
    requests.push({ request, ...(cacheDir !== undefined ? { cacheDir } : {}) });
    return sources;
  };
  return Object.assign(factory, { requests });
}
