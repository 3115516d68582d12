/** The instant every test run starts at: Sunday 2026-11-22 10:00 in Shanghai. */
export const TEST_NOW = new Date('2026-11-22T02:00:00Z');
