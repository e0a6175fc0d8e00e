import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** Writes the contract as JSON Schema beside the built site. */
function contractSchema(): Plugin {
  return {
    name: 'fleet-contract-schema',
    apply: 'build',
    async writeBundle(options) {
      const { contractJsonSchema } = await import('./src/contract/json-schema.js');
      const dir = options.dir ?? resolve('dist');
      writeFileSync(resolve(dir, 'events.schema.json'), `${JSON.stringify(contractJsonSchema(), null, 2)}\n`);
    },
  };
}

export default defineConfig({
  // Relative asset paths: the site works from any sub-path (GitHub Pages).
  base: './',
  plugins: [contractSchema()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    rollupOptions: {
      // The example page ships with the site (dist/examples/embed.html); it loads the library build.
      input: { main: resolve('index.html'), embed: resolve('examples/embed.html') },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
