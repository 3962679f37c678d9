// apk output as apk-tools 2.14 and 3.0 print it (from apk-tools' src/app_info.c, src/commit.c,
// src/database.c and src/print.c of each generation): installed packages, the musl flavour,
// and one-line reasons for the ways `apk add` fails.
import { describe, expect, it } from '@jest/globals';
import {
  APK_DB_PATHS,
  APK_LIST_INSTALLED,
  apkFailureReason,
  muslFlavorFromLoader,
  muslFlavorFromPackages,
  parseApkInfoVerbose,
  parseApkInstalled,
  splitPackageVersion,
} from '../src/executors/docker/apk.js';

describe('installed packages', () => {
  it('asks apk in the form both generations answer, and knows Alpaquita’s database path first', () => {
    expect(APK_LIST_INSTALLED).toEqual(['apk', '--no-network', 'info', '-v']);
    expect(APK_DB_PATHS).toEqual([
      '/var/lib/apk/db/installed',
      '/lib/apk/db/installed',
      '/usr/lib/apk/db/installed',
    ]);
  });

  it.each([
    ['mimalloc-secure-2.1.7-r0', 'mimalloc-secure', '2.1.7-r0'],
    ['musl-perf-1.2.5-r8', 'musl-perf', '1.2.5-r8'],
    ['libstdc++-14.2.0_git20240927-r1', 'libstdc++', '14.2.0_git20240927-r1'],
    ['ca-certificates-bundle-20241121-r1', 'ca-certificates-bundle', '20241121-r1'],
    ['liberica21-21.0.5_p11-r0', 'liberica21', '21.0.5_p11-r0'],
    ['py3-apk-3.0.1-r2', 'py3-apk', '3.0.1-r2'],
  ])('splits %s the way apk does', (text, name, version) => {
    expect(splitPackageVersion(text)).toEqual({ name, version });
  });

  it.each(['busybox', 'WARNING: opening from cache https://x: No such file or directory', 'a-b-c', ''])(
    'refuses %j, which is no name-version',
    (text) => {
      expect(splitPackageVersion(text)).toBeUndefined();
    },
  );

  it('reads `apk info -v`, skipping lines that are not packages', () => {
    const stdout = [
      'alpaquita-baselayout-1.0.0-r3',
      'musl-perf-1.2.5-r8',
      'mimalloc-2.2.4-r0',
      'mimalloc-secure-2.1.7-r0',
      'apk-tools-3.0.1-r2',
      '',
      'noise',
    ].join('\n');
    expect(Object.fromEntries(parseApkInfoVerbose(stdout))).toEqual({
      'alpaquita-baselayout': '1.0.0-r3',
      'musl-perf': '1.2.5-r8',
      mimalloc: '2.2.4-r0',
      'mimalloc-secure': '2.1.7-r0',
      'apk-tools': '3.0.1-r2',
    });
  });

  it('reads the database file: each complete P:/V: record', () => {
    const db = [
      'C:Q1abc=',
      'P:musl-perf',
      'V:1.2.5-r8',
      'A:x86_64',
      '',
      'P:jemalloc',
      'V:5.3.0-r5',
      'p:so:libjemalloc.so.2=2',
      '',
      'P:incomplete',
      '',
      'P:mimalloc',
      'V:2.2.4-r0',
    ].join('\n');
    expect([...parseApkInstalled(db)]).toEqual([
      ['musl-perf', '1.2.5-r8'],
      ['jemalloc', '5.3.0-r5'],
      ['mimalloc', '2.2.4-r0'],
    ]);
  });
});

describe('musl flavour', () => {
  it('comes from the installed package', () => {
    expect(muslFlavorFromPackages(new Map([['musl-perf', '1.2.5-r8']]))).toBe('musl-perf');
    expect(muslFlavorFromPackages(new Map([['musl-default', '1.2.5-r3']]))).toBe('musl-default');
    expect(muslFlavorFromPackages(new Map([['musl', '1.2.4-r2']]))).toBe('unknown');
    expect(muslFlavorFromPackages(undefined)).toBe('unknown');
  });

  it('comes from the loader only when it answers --list-diagnostics, as musl-perf’s does', () => {
    expect(
      muslFlavorFromLoader(0, 'x86.cpu_features.basic.kind=0x1\nx86.cpu_features.basic.max_cpuid=0xd\n'),
    ).toBe('musl-perf');
    const banner =
      'musl libc (x86_64)\nVersion 1.2.5\nDynamic Program Loader\nUsage: ld [options] [--] pathname [args]\n';
    expect(muslFlavorFromLoader(1, banner)).toBe('unknown');
    expect(muslFlavorFromLoader(0, banner)).toBe('unknown');
    expect(muslFlavorFromLoader(0, '\n')).toBe('unknown');
    expect(muslFlavorFromLoader(127, 'exec: not found')).toBe('unknown');
  });
});

// The outputs below follow each generation's source: apk 2.14 reports `fetching <repository>`
// with its own error strings ("DNS lookup error"); apk 3 names the index file and says
// "DNS error (try again later)", and adds a note to virtual packages. The solver report has the
// same shape in both.
const INDEX2 = 'https://packages.bell-sw.com/alpaquita/musl/stream/core';
const INDEX3 = `${INDEX2}/x86_64/APKINDEX.tar.gz`;

describe('apkFailureReason', () => {
  describe.each([
    {
      generation: 'apk-tools 2',
      unreachable: `WARNING: fetching ${INDEX2}: DNS lookup error`,
      url: INDEX2,
      why: 'DNS lookup error',
    },
    {
      generation: 'apk-tools 3',
      unreachable: `WARNING: fetching ${INDEX3}: DNS error (try again later)`,
      url: INDEX3,
      why: 'DNS error (try again later)',
    },
  ])('$generation', ({ unreachable, url, why }) => {
    it('names a missing package', () => {
      const stderr = [
        'ERROR: unable to select packages:',
        '  rpmalloc (no such package):',
        '    required by: world[rpmalloc]',
        '',
      ].join('\n');
      expect(apkFailureReason(`fetch ${INDEX3}\n`, stderr, 1)).toBe(
        'unable to select packages: rpmalloc (no such package)',
      );
    });

    it('blames a repository that cannot be reached for the packages it made look missing', () => {
      const stderr = [
        unreachable,
        'ERROR: unable to select packages:',
        '  jemalloc (no such package):',
        '    required by: world[jemalloc]',
        '  mimalloc (no such package):',
        '    required by: world[mimalloc]',
      ].join('\n');
      expect(apkFailureReason('', stderr, 1)).toBe(
        `jemalloc, mimalloc not found while repository ${url} could not be reached: ${why}`,
      );
    });

    it('says which -global provider conflicts, once for the pair', () => {
      const stderr = [
        'ERROR: unable to select packages:',
        '  jemalloc-global-5.3.0-r5:',
        '    conflicts: mimalloc-global-2.2.4-r0[malloc-global=1]',
        '    satisfies: world[jemalloc-global]',
        '  mimalloc-global-2.2.4-r0:',
        '    conflicts: jemalloc-global-5.3.0-r5[malloc-global=1]',
        '    satisfies: world[mimalloc-global]',
      ].join('\n');
      expect(apkFailureReason('', stderr, 1)).toBe(
        'unable to select packages: jemalloc-global-5.3.0-r5 conflicts with mimalloc-global-2.2.4-r0[malloc-global=1]',
      );
    });
  });

  it('reads the entries from stdout when an older apk printed them there', () => {
    const stdout = '  rpmalloc (no such package):\n    required by: world[rpmalloc]\n';
    expect(apkFailureReason(stdout, 'ERROR: unable to select packages:\n', 1)).toBe(
      'unable to select packages: rpmalloc (no such package)',
    );
  });

  it('joins wrapped values and describes virtual, masked and uninstallable packages', () => {
    const stderr = [
      'ERROR: unable to select packages:',
      '  malloc-global (virtual):',
      "    note: please select one of the 'provided by'",
      '          packages explicitly',
      '    provided by: jemalloc-global mimalloc-global',
      '                 rpmalloc-global',
      '    required by: world[malloc-global]',
      '  perf-6.6.58-r0:',
      '    masked in: --no-network',
      '    satisfies: world[perf]',
      '  rpmalloc-1.4.5-r0:',
      '    error: uninstallable',
      '    arch: x86_64',
      '    satisfies: world[rpmalloc]',
      '  foo-1-r0:',
      '    satisfies: world[foo]',
    ].join('\n');
    expect(apkFailureReason('', stderr, 1)).toBe(
      'unable to select packages: malloc-global (virtual) provided by jemalloc-global, mimalloc-global, rpmalloc-global; ' +
        'perf-6.6.58-r0 masked in --no-network; rpmalloc-1.4.5-r0 is uninstallable (arch x86_64); foo-1-r0',
    );
  });

  it('keeps any other error line of either generation, without its prefix', () => {
    expect(apkFailureReason('', 'ERROR: jemalloc-5.3.0-r5: temporary error (try again later)\n', 1)).toBe(
      'jemalloc-5.3.0-r5: temporary error (try again later)',
    );
    expect(
      apkFailureReason(
        '1 error; 12 MiB in 20 packages\n',
        'ERROR: jemalloc-5.3.0-r5: network error (check Internet connection and firewall)\n',
        1,
      ),
    ).toBe('jemalloc-5.3.0-r5: network error (check Internet connection and firewall)');
    expect(
      apkFailureReason(
        '',
        'ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n',
        99,
      ),
    ).toBe('Unable to lock database: Permission denied');
  });

  it('falls back to a repository warning, the last line, then the exit code', () => {
    expect(
      apkFailureReason(
        '',
        `WARNING: fetching ${INDEX3}: network error (check Internet connection and firewall)\n`,
        1,
      ),
    ).toBe(
      `repository ${INDEX3} could not be reached: network error (check Internet connection and firewall)`,
    );
    expect(apkFailureReason('something\nWARNING: broken\n\n', '', 2)).toBe('WARNING: broken');
    expect(apkFailureReason('', '', 99)).toBe('apk exited with code 99');
  });

  it('always answers with one line of bounded length', () => {
    const many = Array.from(
      { length: 80 },
      (_, i) => `  pkg${i} (no such package):\n    required by: world[pkg${i}]`,
    );
    const reason = apkFailureReason('', `ERROR: unable to select packages:\n${many.join('\n')}\n`, 1);
    expect(reason).not.toContain('\n');
    expect(reason.length).toBeLessThanOrEqual(400);
    expect(reason.endsWith('...')).toBe(true);
  });
});
