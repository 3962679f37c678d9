// Pure: whether a baseline from another job ran on a machine and in an environment close enough
// to compare against. A different CPU model alone moves timings by more than most thresholds,
// so any difference found here makes that libc's cells "not comparable", with the reasons.
import type { EnvironmentInfo, LibcName, Results } from '../results/model.js';

/** For each libc this run measured: why its cells cannot be compared (empty: comparable). */
export type EnvironmentDifferences = Partial<Record<LibcName, string[]>>;

/** The parts of a results file that describe where it ran. */
export type RunPlace = Pick<Results, 'host' | 'environments'>;

export function compareEnvironments(head: RunPlace, base: RunPlace): EnvironmentDifferences {
  const hostReasons = compareHosts(head, base);
  const differences: EnvironmentDifferences = {};
  for (const headEnv of head.environments) {
    const baseEnv = base.environments.find((env) => env.libc === headEnv.libc);
    differences[headEnv.libc] = [
      ...hostReasons,
      ...(baseEnv === undefined
        ? [`the baseline has no ${headEnv.libc} environment`]
        : compareEnvs(headEnv, baseEnv)),
    ];
  }
  return differences;
}

function compareHosts(head: RunPlace, base: RunPlace): string[] {
  const reasons: string[] = [];
  if (head.host.arch !== base.host.arch) {
    reasons.push(`architecture differs: baseline ran on ${base.host.arch}, this run on ${head.host.arch}`);
  }
  if (head.host.cpuModel !== base.host.cpuModel) {
    reasons.push(
      `CPU model differs: baseline ran on ${base.host.cpuModel}, this run on ${head.host.cpuModel}`,
    );
  }
  if (head.host.cores !== base.host.cores) {
    reasons.push(`core count differs: baseline had ${base.host.cores}, this run ${head.host.cores}`);
  }
  return reasons;
}

function compareEnvs(head: EnvironmentInfo, base: EnvironmentInfo): string[] {
  const reasons: string[] = [];
  const libc = head.libc;
  if (base.failure !== undefined) reasons.push(`the baseline's ${libc} environment failed: ${base.failure}`);
  if (head.executor !== base.executor) {
    reasons.push(`executor differs: baseline ran ${where(base.executor)}, this run ${where(head.executor)}`);
  }
  if (
    head.imageDigest !== undefined &&
    base.imageDigest !== undefined &&
    head.imageDigest !== base.imageDigest
  ) {
    reasons.push(
      `${libc} image digest differs: baseline ${shortDigest(base.imageDigest)}, this run ${shortDigest(head.imageDigest)}`,
    );
  }
  if (
    head.libcVersion !== undefined &&
    base.libcVersion !== undefined &&
    head.libcVersion !== base.libcVersion
  ) {
    reasons.push(`${libc} version differs: baseline ${base.libcVersion}, this run ${head.libcVersion}`);
  }
  if (head.muslFlavor !== undefined && base.muslFlavor !== undefined && head.muslFlavor !== base.muslFlavor) {
    reasons.push(`musl flavour differs: baseline ${base.muslFlavor}, this run ${head.muslFlavor}`);
  }
  return reasons;
}

function where(executor: EnvironmentInfo['executor']): string {
  return executor === 'docker' ? 'in a container' : 'on the host';
}

/** `sha256:4f1d2c3b4a59…`: enough to tell two digests apart in a report line. */
function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  const short = hex.length > 12 ? `${hex.slice(0, 12)}…` : hex;
  return algorithm === '' ? short : `${algorithm}:${short}`;
}
