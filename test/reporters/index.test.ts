import { describe, expect, it } from 'vitest';
import { FORMATS, formatJson, formatJunit, formatMarkdown, formatSarif, formatText, reporters } from '../../src/reporters/index.js';
import { CTX, REPORT } from './fixture.js';

describe('reporters', () => {
  it('maps every format to its function', () => {
    expect(Object.keys(reporters).sort()).toEqual([...FORMATS].sort());
    expect(reporters).toEqual({ text: formatText, json: formatJson, sarif: formatSarif, junit: formatJunit, markdown: formatMarkdown });
  });

  it('prints only the report’s own strings: nothing from the finding path or elsewhere', () => {
    for (const format of FORMATS) {
      const out = reporters[format](REPORT, CTX);
      expect(out, format).not.toContain('SshCidr');
      expect(out, format).not.toContain('[object Object]');
      expect(out, format).not.toContain('undefined');
    }
  });
});
