// Runs in every test worker before test files are imported: Ink reads CI/CONTINUOUS_INTEGRATION
// when it is first imported and would then render only the last frame.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
// The fake terminal is not a real TTY; without this the colour library would drop every colour and
// tests could not tell a coloured theme from mono.
process.env.FORCE_COLOR ??= '1';
