import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/**
 * highlight.js ships its core as CommonJS behind a thin ESM wrapper
 * (`es/core.js` imports `lib/core.js`). Vite converts it for the build; the
 * test server serves modules as they are, so wrap that one file as ESM here.
 */
const highlightCoreAsEsm = {
  name: 'highlight-core-as-esm',
  transform(context) {
    if (context.path.endsWith('/highlight.js/lib/core.js')) {
      return { body: `const module = { exports: {} };\n${context.body}\nexport default module.exports;\n` };
    }
    return undefined;
  },
};

/** Browser tests: every scene and the deck in real Chromium (SwiftShader for WebGL). */
export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), highlightCoreAsEsm],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--use-angle=swiftshader',
          '--enable-unsafe-swiftshader',
        ],
      },
    }),
  ],
};
