// The UI's own layering, as ESLint enforces it: reusable components never import the app shell, the
// screens or the session (what they need moves down, or the component moves up into src/ui/app).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('UI layers', () => {
  it('refuses a component importing the app shell, a screen or the session', async () => {
    expect(await restricted('src/ui/components/x.ts', "import { STEPS } from '../app/steps.js';\nexport const x = STEPS;\n")).toHaveLength(1);
    expect(await restricted('src/ui/components/log-view/x.ts', "import type { BuildController } from '../../session/build-controller.js';\nexport type X = BuildController;\n")).toHaveLength(1);
    expect(await restricted('src/ui/components/x.ts', "import { BUILD_KEYS } from '../screens/build/keys.js';\nexport const x = BUILD_KEYS;\n")).toHaveLength(1);
  });

  it('lets a component import components, keys and theme, and lets the app import components', async () => {
    expect(await restricted('src/ui/components/x.ts', "import { Tone } from './tone.js';\nimport { useKeymap } from '../keys/key-router.js';\nexport const x = [Tone, useKeymap];\n")).toEqual([]);
    expect(await restricted('src/ui/app/x.ts', "import { Tone } from '../components/tone.js';\nexport const x = Tone;\n")).toEqual([]);
  });
});
