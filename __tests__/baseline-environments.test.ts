import { describe, expect, test } from '@jest/globals';
import { compareEnvironments } from '../src/baseline/environments.js';
import type { EnvironmentInfo, Results } from '../src/results/model.js';
import { allOkResults } from './fixtures/results.js';

function withEnv(results: Results, libc: 'musl' | 'glibc', change: Partial<EnvironmentInfo>): Results {
  return {
    ...results,
    environments: results.environments.map((env) => (env.libc === libc ? { ...env, ...change } : env)),
  };
}

describe('compareEnvironments', () => {
  test('the same machine and images: every libc comparable', () => {
    expect(compareEnvironments(allOkResults(), allOkResults())).toEqual({ musl: [], glibc: [] });
  });

  test('another CPU model makes every libc not comparable, naming both', () => {
    const base = { ...allOkResults(), host: { ...allOkResults().host, cpuModel: 'Ampere Altra' } };
    const reason = 'CPU model differs: baseline ran on Ampere Altra, this run on Neoverse-N1';
    expect(compareEnvironments(allOkResults(), base)).toEqual({ musl: [reason], glibc: [reason] });
  });

  test('another architecture and core count are named too', () => {
    const head = allOkResults();
    const base = { ...head, host: { ...head.host, arch: 'x64', cores: 2 } };
    expect(compareEnvironments(head, base).glibc).toEqual([
      'architecture differs: baseline ran on x64, this run on arm64',
      'core count differs: baseline had 2, this run 4',
    ]);
  });

  test('a new image digest affects only its own libc', () => {
    const digest = `sha256:77aa${'1'.repeat(60)}`;
    const differences = compareEnvironments(
      withEnv(allOkResults(), 'glibc', { imageDigest: digest }),
      allOkResults(),
    );
    expect(differences.musl).toEqual([]);
    expect(differences.glibc).toEqual([
      'glibc image digest differs: baseline sha256:9ab300000000…, this run sha256:77aa11111111…',
    ]);
  });

  test('an unknown digest on either side is no difference, but a libc version is', () => {
    const head = withEnv(allOkResults(), 'musl', { imageDigest: undefined, libcVersion: '1.2.6' });
    expect(compareEnvironments(head, allOkResults())).toEqual({
      musl: ['musl version differs: baseline 1.2.5, this run 1.2.6'],
      glibc: [],
    });
  });

  test('host against container, another musl flavour, a failed or missing baseline environment', () => {
    const head = withEnv(allOkResults(), 'musl', { muslFlavor: 'musl-default' });
    const musl = allOkResults().environments.find((env) => env.libc === 'musl')!;
    const base = {
      ...allOkResults(),
      environments: [{ ...musl, executor: 'host' as const, failure: 'setup exited with 1' }],
    };
    expect(compareEnvironments(head, base)).toEqual({
      musl: [
        "the baseline's musl environment failed: setup exited with 1",
        'executor differs: baseline ran on the host, this run in a container',
        'musl flavour differs: baseline musl-perf, this run musl-default',
      ],
      glibc: ['the baseline has no glibc environment'],
    });
  });
});
