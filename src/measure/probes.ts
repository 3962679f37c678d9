// The calibration probe's samples of a measurement session, per environment: the helper runs one
// probe in every measured round (plan.ts puts it there), and the results keep them all.
import type { LibcName, ProbeResults, ProbeSample } from '../results/model.js';
import { PROBE_WORKLOAD } from '../results/cross-run-schema.js';

export class ProbeSamples {
  private readonly byLibc = new Map<LibcName, ProbeSample[]>();

  /** Where the samples of this environment's batches go. */
  of(libc: LibcName): ProbeSample[] {
    const samples = this.byLibc.get(libc) ?? [];
    this.byLibc.set(libc, samples);
    return samples;
  }

  /** Every environment that measured rounds, or undefined before any did. */
  results(): ProbeResults | undefined {
    const environments = [...this.byLibc.entries()]
      .filter(([, samples]) => samples.length > 0)
      .map(([libc, samples]) => ({ libc, samples: [...samples] }));
    return environments.length > 0 ? { workload: PROBE_WORKLOAD, environments } : undefined;
  }
}
