import { defineConfig } from 'drizzle-kit';

// The editor database (src/db/editor): its own schema and migrations, apart from the snapshot's.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/editor/schema.ts',
  out: './src/db/editor/migrations',
});
