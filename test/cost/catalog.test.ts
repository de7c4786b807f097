import { describe, expect, it } from 'vitest';
import { EC2_US_EAST_1 } from '../../src/cost/catalog/ec2-us-east-1.js';

// AWS sizes an instance family linearly (a large is 4 normalised units, an xlarge 8, …), so a
// mistyped price in the transcribed table stands out against its family's median per unit.
const UNITS: Readonly<Record<string, number>> = { nano: 0.25, micro: 0.5, small: 1, medium: 2, large: 4, xlarge: 8 };
const unitsOf = (size: string): number | undefined => UNITS[size] ?? (/^(\d+)xlarge$/.exec(size) ? 8 * Number(/^(\d+)/.exec(size)?.[1]) : undefined);

describe('embedded EC2 table (us-east-1)', () => {
  it('prices every size of a general-purpose, compute or memory family in proportion to its normalised units (catches transcription slips)', () => {
    const families = new Map<string, [string, number][]>();
    for (const [type, usd] of Object.entries(EC2_US_EAST_1)) {
      const [family, size] = type.split('.') as [string, string];
      const units = unitsOf(size);
      // Accelerated and HPC families are not linear; metal sizes have no units.
      if (units === undefined || !/^[tmcr]\d/.test(family)) continue;
      families.set(family, [...(families.get(family) ?? []), [type, usd / units]]);
    }
    const outliers: string[] = [];
    for (const list of families.values()) {
      const perUnit = list.map(([, v]) => v).sort((a, b) => a - b);
      const median = perUnit[Math.floor(perUnit.length / 2)] as number;
      for (const [type, v] of list) if (Math.abs(v / median - 1) > 0.03) outliers.push(`${type} ${(v / median).toFixed(3)}`);
    }
    expect(outliers).toEqual([]);
    expect(Object.keys(EC2_US_EAST_1).length).toBeGreaterThan(1000);
  });
});
