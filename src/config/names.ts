// Names in one place: every input and output of action.yml, and the defaults the CLI applies
// when an input is not given. A test checks that action.yml declares exactly these.

export const INPUT_DEFAULTS = {
  mode: 'benchmark',
  run: '',
  name: '',
  executor: 'docker',
  libcs: 'musl,glibc',
  allocators: '',
  variants: '',
  runs: 'auto',
  'min-runs': '10',
  'min-time': '3s',
  'max-runs': '200',
  'max-time': '10m',
  warmup: '1',
  seed: 'random',
  timeout: '10m',
  env: '',
  'working-directory': '.',
  'image-musl': 'bellsoft/alpaquita-linux-base:stream-musl',
  'image-glibc': 'bellsoft/alpaquita-linux-base:stream-glibc',
  setup: '',
  'setup-timeout': '30m',
  pull: 'missing',
  'memory-limit': '',
  'pids-limit': '4096',
  'disk-limit': '',
  metric: 'cpu',
  threshold: '5%',
  'memory-threshold': '10%',
  profile: 'default',
  'allocation-threshold': '10%',
  baseline: 'auto',
  history: '8',
  retries: '1',
  'fail-on-regression': 'true',
  'allow-different-command': 'false',
  'require-baseline': 'false',
  'cache-key-prefix': 'malloc-matrix',
  comment: 'always',
  'github-token': '',
  'results-file': '',
  'pr-number': '',
  'shard-id': '',
  json: '',
  markdown: '',
  'export-bmf': '',
  'export-gab': '',
} as const;

export type InputName = keyof typeof INPUT_DEFAULTS;
export const INPUT_NAMES = Object.keys(INPUT_DEFAULTS) as InputName[];

/** Inputs that only the CLI has (the action always writes results to a temp file and outputs). */
export const CLI_ONLY_INPUTS: readonly InputName[] = ['json', 'markdown', 'export-bmf', 'export-gab'];

export const OUTPUTS = {
  results: 'results',
  report: 'report',
  regressed: 'regressed',
  commentUrl: 'comment-url',
  bmf: 'bmf',
  bmfFile: 'bmf-file',
  gabFile: 'gab-file',
} as const;

/** Saved in the main step and read by the post step, so it can remove leftover containers. */
export const STATE_RUN_ID = 'malloc-matrix-run-id';

export const CONTAINER_LABEL = 'malloc-matrix';
export const CONTAINER_RUN_LABEL = 'malloc-matrix.run';

export const EXIT = { ok: 0, regression: 1, usage: 2, failure: 3 } as const;
