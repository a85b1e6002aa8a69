// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Layers (DESIGN.md §1): shared ← db ← background, ui; content imports only shared. Each rule below
 * names what a folder may not reach, so a wrong import fails `npm run lint` with the reason.
 */
const layer = (files, forbidden, why) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', {
      patterns: forbidden.map((folder) => ({ group: [`**/${folder}/*`, `**/${folder}`], message: why })),
    }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**', 'test/fixtures/**', 'scripts/demo/mailbox/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['debug', 'warn', 'error'] }],
    },
  },
  { files: ['scripts/**', 'test/**'], rules: { 'no-console': 'off' } },
  layer(['src/shared/**'], ['content', 'background', 'db', 'ui'], 'shared imports nothing of ours.'),
  layer(['src/db/**'], ['content', 'background', 'ui'], 'db may import only shared.'),
  layer(['src/background/**'], ['content', 'ui'], 'background may import shared and db, never content or ui.'),
  layer(['src/ui/**'], ['content', 'background'], 'ui may import shared and db, never content or background.'),
  layer(['src/content/**'], ['background', 'db', 'ui'], 'content imports only shared: it must never open IndexedDB or render remote data.'),
);
