// The tool's version, recorded in every results file. A unit test keeps it equal to package.json.
export const TOOL_VERSION = '1.0.0';
