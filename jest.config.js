// Unit tests (`*.test.ts`) run in parallel workers. Integration tests (`*.test.itg.ts`: Docker,
// dist/) share one Docker engine and run one file at a time; maxWorkers is global in jest, so
// their runner is marked serial instead (scripts/jest-serial-runner.cjs). This file runs both
// (`npm test`); jest.unit.config.js and jest.itg.config.js run one each (`npm run test:unit`,
// `npm run test:itg`). A file named on the command line runs in whichever project matches it.
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.test.json', diagnostics: { ignoreCodes: [151002] } },
    ],
  },
  setupFiles: ['<rootDir>/__tests__/setup/block-network.ts'],
  globalSetup: '<rootDir>/scripts/jest-temp-root-setup.mjs',
  globalTeardown: '<rootDir>/scripts/jest-temp-root-teardown.mjs',
  testTimeout: 60_000,
};

/** @type {import('jest').Config} */
export const unit = {
  ...shared,
  displayName: 'unit',
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
};

/** @type {import('jest').Config} */
export const itg = {
  ...shared,
  displayName: 'itg',
  testMatch: ['<rootDir>/__tests__/**/*.test.itg.ts'],
  runner: '<rootDir>/scripts/jest-serial-runner.cjs',
};

/**
 * testTimeout is one of jest's global options: inside `projects` it is not read, so it is set here
 * too, or every test of `npm test` would get jest's 5 s default.
 * @type {import('jest').Config}
 */
export default { projects: [unit, itg], testTimeout: shared.testTimeout };
