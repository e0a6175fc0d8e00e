import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The library build: `src/embed.ts` as one ES module (`dist/lib/fleet-deck.js`)
 * that defines every public element, plus the lazily loaded chunks it shares
 * with nothing else (one per scene, three.js for the knn scene). Dependencies
 * are bundled: a page loads it with one `<script type="module">`, no import map.
 * Runs after the site build (`npm run build`), so it must not empty `dist/`.
 */
export default defineConfig({
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist/lib',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: resolve('src/embed.ts'),
      formats: ['es'],
      fileName: () => 'fleet-deck.js',
    },
    rolldownOptions: {
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
