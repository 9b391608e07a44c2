import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the dependency rules of DESIGN.md are enforced by the linter', () => {
  // The first lint loads the whole ESLint config (typescript-eslint, every plugin): seconds on a
  // loaded machine, more than a unit test's 5 s. Load it once here, with room, not in the first case.
  beforeAll(() => eslint.lintText('export {};\n', { filePath: 'shared/agent/warm-up.ts' }), 120_000);

  it.each([
    ['shared/agent/x.ts', "import x from 'node:fs';"],
    ['shared/agent/x.ts', "import x from 'react';"],
    ['shared/agent/x.ts', "import x from '../../electron/services/storage/database';"],
    ['shared/agent/x.ts', "import x from '../../renderer/src/App';"],
    ['renderer/src/features/x.ts', "import x from 'electron';"],
    ['renderer/src/features/x.ts', "import x from '../../../electron/services/storage/database';"],
    ['renderer/src/features/x.ts', "import x from 'jssip';"],
    ['renderer/src/features/x.ts', "import x from 'node:path';"],
    ['renderer/src/phone/x.ts', "import x from 'react';"],
    ['electron/services/x.ts', "import x from 'electron';"],
    ['electron/main/x.ts', "import x from '../../renderer/src/App';"],
    ['electron/lab/x.ts', "import x from 'jssip';"],
  ])('%s may not %s', async (file, code) => {
    expect(await importErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['shared/agent/x.ts', "import x from '../result';"],
    ['renderer/src/phone/x.ts', "import x from 'jssip';"],
    ['renderer/src/phone/x.ts', "import x from './events';"],
    ['renderer/src/features/x.ts', "import x from '../../../shared/settings';"],
    ['electron/main/x.ts', "import x from 'electron';"],
    ['electron/services/x.ts', "import x from 'node:fs';"],
  ])('%s may %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
