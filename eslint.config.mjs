// ESLint for the hand-written TypeScript and JavaScript of the site and the client (npm run lint:ts).
// Prettier owns the layout, so only rules about correctness are on here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // The client's generated code comes from the contracts: fixed in the spec or the generator, never here.
    ignores: ['**/dist/', '**/node_modules/', '**/test-results/', 'generated-ts-client/src/generated/'],
  },
  {
    files: ['static-site/**/*.{ts,tsx,js,mjs}', 'generated-ts-client/**/*.{ts,js,mjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
  },
  {
    // The two rules that hold for Preact's hooks as for React's; the plugin's other rules describe what
    // the React Compiler needs, and the site is not compiled by it.
    files: ['static-site/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // useLoad and usePagedList take a loader and its dependencies as useCallback does: checked at each call.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^(useLoad|usePagedList)$' }],
    },
  },
);
