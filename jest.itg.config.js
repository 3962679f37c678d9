// The integration tests alone, one file at a time: npm run test:itg.
export { itg as default } from './jest.config.js';
