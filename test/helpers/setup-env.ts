// Runs in every test worker before test files are imported: Ink reads CI/CONTINUOUS_INTEGRATION
// when it is first imported and would then render only the last frame.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
