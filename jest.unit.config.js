// The unit tests alone, in parallel: npm run test:unit.
export { unit as default } from './jest.config.js';
