// The library API: estimateCost takes loaded templates or a scan result, with their parameters,
// and reads them the way `stackaudit cost` does; no hand-written `read` callback.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateCost, loadTemplates, scanTemplates } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'stackaudit-lib-'));
const stack = join(dir, 'stack.yaml');
writeFileSync(
  stack,
  `Parameters:
  InstanceType: { Type: String, Default: m5.xlarge }
  DbClass: { Type: String, Default: db.t3.medium }
  DbStorage: { Type: Number, Default: 100 }
  Env: { Type: String, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: !Ref InstanceType
      SubnetId: subnet-0abc
      BlockDeviceMappings: [{ DeviceName: /dev/xvda, Ebs: { VolumeSize: 30, VolumeType: gp3 } }]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: !Ref DbClass
      AllocatedStorage: !Ref DbStorage
      StorageType: gp3
      MultiAZ: !If [IsProd, true, false]
      PubliclyAccessible: false
`,
);
const cents = (n: number): number => Math.round(n * 100) / 100;

describe('estimateCost(loadTemplates(paths, { parameters }), options)', () => {
  it('prices a parameterised template at its defaults (the raw resources priced nothing of it)', () => {
    const loaded = loadTemplates([stack]);
    const bill = estimateCost(loaded, { region: 'us-east-1' });
    const monthly = (key: string) => bill.lines.find((l) => l.priceKey === key)?.monthly;
    expect(monthly('ec2.instance.m5.xlarge')).toBe(cents(730 * 0.192));
    expect(monthly('ebs.gp3.storage')).toBe(2.4);
    // Env has no default: the first of its AllowedValues (dev), so Single-AZ.
    expect(monthly('rds.postgres.db.t3.medium.single_az')).toBe(cents(730 * 0.072));
    expect(monthly('rds.storage.gp3.single_az')).toBe(11.5);
    expect(bill.monthlyTotal).toBe(cents(140.16 + 2.4 + 52.56 + 11.5));
    // The old form reads properties literally: every Ref is unknown, and says so.
    const literal = estimateCost(loaded.source.resources, { region: 'us-east-1' });
    expect(literal.monthlyTotal).toBeLessThan(bill.monthlyTotal / 10);
    expect(literal.complete).toBe(false);
  });

  it('takes --parameter values, and a scan result the same way', () => {
    const small = estimateCost(loadTemplates([stack], { parameters: { InstanceType: 't3.micro', Env: 'prod' } }), { region: 'us-east-1' });
    expect(small.lines.map((l) => l.priceKey)).toContain('ec2.instance.t3.micro');
    expect(small.lines.map((l) => l.priceKey)).toContain('rds.postgres.db.t3.medium.multi_az');
    const scan = scanTemplates([stack], { parameters: { InstanceType: 't3.micro', Env: 'prod' } });
    expect(estimateCost(scan, { region: 'us-east-1' }).lines).toEqual(small.lines);
  });
});
