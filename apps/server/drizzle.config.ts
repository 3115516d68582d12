import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the *.table.ts files and committed; never edit them by hand.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/*.table.ts',
  out: './drizzle',
  casing: 'snake_case',
});
