// The integration tests' runner: jest's own, marked serial, so that their files run one at a
// time (in the main process) even when the unit tests of the same invocation run in parallel
// workers. They share one Docker engine, and timings measured side by side would disturb each other.
const TestRunner = require('jest-runner').default;

class SerialTestRunner extends TestRunner {
  isSerial = true;
}

module.exports = SerialTestRunner;
