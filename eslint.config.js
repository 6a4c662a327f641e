// Lint rules for Stratus. Formatting is Prettier's job (npm run lint checks both).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.stratus/', 'test-output/', 'dist/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              message:
                'Import from lib/api/zod (zod/mini): classic zod adds ~450 KB and ~40 ms of init to every Lambda.',
            },
            { name: 'zod/v4', message: 'Import from lib/api/zod (zod/mini).' },
          ],
        },
      ],
    },
  },
  { files: ['web/src/**/*.ts'], languageOptions: { globals: globals.browser } },
  { files: ['*.js', '**/*.mjs'], languageOptions: { globals: globals.node } },
);
