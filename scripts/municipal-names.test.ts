// Nothing municipality-specific in engine/ or widget/ code: names and numbers live in
// trees/<gemeente>/gemeente.json. This is the check `grep -rIl --include='*.ts' -e '14 023' -e
// '14023' engine widget | grep -v '\.test\.ts$'` (plus the first municipality's name), as a test so it
// cannot come back. Test files may name Haarlem: they test its data.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const MUNICIPAL = /14 ?023|haarlem/i;

function municipalMentions(dirs: string[]): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) visit(path);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((line, i) => MUNICIPAL.test(line) && found.push(`${relative('.', path)}:${i + 1}: ${line.trim()}`));
    }
  };
  dirs.forEach(visit);
  return found;
}

describe('municipality names in code', () => {
  it('engine/ and widget/ name no municipality and no municipal phone number (put them in gemeente.json)', () => {
    expect(municipalMentions(['engine', 'widget'])).toEqual([]);
  });

  it('the check finds a number or name in code and in a comment, and leaves test files alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-names-'));
    try {
      writeFileSync(join(dir, 'texts.ts'), "export const call = 'Bel 14 023.';\n// dial tel:14023\n");
      writeFileSync(join(dir, 'theme.ts'), '// Haarlem red\n');
      writeFileSync(join(dir, 'texts.test.ts'), "expect(text).toContain('14 023');\n");
      const at = (file: string) => relative('.', join(dir, file));
      expect(municipalMentions([dir])).toEqual([
        `${at('texts.ts')}:1: export const call = 'Bel 14 023.';`,
        `${at('texts.ts')}:2: // dial tel:14023`,
        `${at('theme.ts')}:1: // Haarlem red`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
