// The hostile-input corpus (issue 13): generated cases, one folder each, for every class of
// input a pull request can hold that once broke a promise — built-in JavaScript names as
// CloudFormation names, unbounded work from tiny templates, special files, terminal
// injection, secrets, numbers. Written to a temporary folder by the e2e test and by
// `npm run bench` (bench/hostile.mjs); nothing large is committed.
//
// Plain JavaScript so that the bench (plain node) and the tests (vitest) share it; types in
// corpus.d.mts.

import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Names every JavaScript object answers to; all valid CloudFormation logical ids or keys. */
export const BUILTIN_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

/** The good template every mixed case sits beside: one critical NET-001 on GoodOpenSsh. */
export const GOOD_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  GoodOpenSsh:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh open to the world
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
`;
export const GOOD_FILE = 'good.yaml';
export const GOOD_FINDING = { ruleId: 'NET-001', resourceId: 'GoodOpenSsh', file: GOOD_FILE };

/** The template text of one security group whose SSH ingress comes from `cidr` (YAML). */
function sshGroup(id, cidr, extra = '') {
  return `  ${id}:
    Type: AWS::EC2::SecurityGroup${extra}
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: ${cidr}
`;
}

function yamlKey(name) {
  return JSON.stringify(name); // quoted: `__proto__` and friends read as plain keys either way
}

/** Secrets the secret cases pass or hold; none may appear in any output. */
export const SECRETS = {
  noEchoAllowed: 'tok_live_9f8e7d6c5b4a3f2e1d0c',
  noEchoAllowed2: 'tok_live_1a2b3c4d5e6f7a8b9c0d',
  secretNamedAllowed: 'pw_allowed_Zq8Xv2Lm4Np6',
  cliParameter: 'cliSecret_Hx7Rk2Wq9Lp4',
  builtinSideParameter: 'cliSecret_Ctor_Vb3Nm8Kq',
  malformedFile: 'fileSecret_Jt5Yp1Gd7Ss2',
  noEchoDefault: 'Literal_Default_Pw_4Tg8Rb',
};

/**
 * Writes the corpus under `root` and returns its cases. Each case runs `stackaudit <args>`
 * with its folder as the working directory. `mixed` cases scan their folder, which holds
 * good.yaml beside the bad input: the good finding must survive. `options.classes` writes
 * only the cases of those classes (the special ones need `mkfifo`, a child process).
 */
export function writeCorpus(root, options = {}) {
  const cases = [];
  const add = (c) => {
    if (options.classes && !options.classes.includes(c.cls)) return;
    const dir = join(root, c.id.replace(/[^A-Za-z0-9_-]+/g, '_'));
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(c.files ?? {})) {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      if (typeof content === 'string') writeFileSync(path, content);
      else if (content.symlink) symlinkSync(content.symlink, path);
      else if (content.fifo) mkfifo(path);
    }
    if (c.mixed) writeFileSync(join(dir, GOOD_FILE), GOOD_TEMPLATE);
    cases.push({ ...c, dir, args: c.args ?? ['scan', '.'] });
  };

  // --- Built-in JavaScript names as CloudFormation names -------------------------------
  for (const name of BUILTIN_NAMES) {
    add({
      id: `builtins/parameter-${name}`,
      cls: 'builtins',
      mixed: true,
      files: {
        'bad.yaml': `Parameters:\n  ${yamlKey(name)}:\n    Type: String\n    Default: 0.0.0.0/0\nResources:\n${sshGroup('Sg', `!Ref ${yamlKey(name)}`)}`,
      },
      expect: { exit: 1, findings: [{ ruleId: 'NET-001', resourceId: 'Sg', file: 'bad.yaml' }] },
    });
  }
  add({
    id: 'builtins/sub-and-parameter-flag',
    cls: 'builtins',
    mixed: true,
    files: {
      'bad.yaml': `Parameters:\n  constructor:\n    Type: String\n  valueOf:\n    Type: String\n    Default: "0.0.0.0"\nResources:\n${sshGroup('Sg', '!Sub "${valueOf}/${constructor}"')}`,
    },
    args: ['scan', '.', '--parameter', 'constructor=0', '--parameter', `DbPassword=${SECRETS.builtinSideParameter}`],
    expect: { exit: 1, findings: [{ ruleId: 'NET-001', resourceId: 'Sg', file: 'bad.yaml' }], secrets: [SECRETS.builtinSideParameter] },
  });
  add({
    id: 'builtins/ref-undefined-valueOf',
    cls: 'builtins',
    mixed: true,
    files: { 'bad.yaml': `Resources:\n${sshGroup('Sg', '!Ref valueOf')}` },
    // An undefined name: an input error or a not-evaluated finding, never an abort of the whole scan.
    expect: { exit: [1, 2] },
  });
  add({
    id: 'builtins/resources',
    cls: 'builtins',
    mixed: true,
    files: { 'bad.yaml': `Resources:\n${BUILTIN_NAMES.map((n) => sshGroup(yamlKey(n), '0.0.0.0/0')).join('')}` },
    expect: { exit: 1, findings: BUILTIN_NAMES.map((n) => ({ ruleId: 'NET-001', resourceId: n, file: 'bad.yaml' })) },
  });
  add({
    id: 'builtins/conditions',
    cls: 'builtins',
    mixed: true,
    files: {
      'bad.yaml': `Conditions:\n  constructor: !Equals [a, a]\n  toString: !Equals [a, b]\n  valueOf: !And [!Condition constructor, !Not [!Condition toString]]\nResources:\n${sshGroup('Deployed', '0.0.0.0/0', '\n    Condition: valueOf')}${sshGroup('NotDeployed', '0.0.0.0/0', '\n    Condition: toString')}`,
    },
    expect: { exit: 1, findings: [{ ruleId: 'NET-001', resourceId: 'Deployed', file: 'bad.yaml' }], absent: [{ ruleId: 'NET-001', resourceId: 'NotDeployed' }] },
  });
  add({
    id: 'builtins/mappings',
    cls: 'builtins',
    mixed: true,
    files: {
      'bad.yaml': `Mappings:\n  constructor:\n    toString:\n      valueOf: 0.0.0.0/0\n  Plain:\n    hasOwnProperty:\n      __proto__: 0.0.0.0/0\nResources:\n${sshGroup('ViaBuiltins', '!FindInMap [constructor, toString, valueOf]')}${sshGroup('ViaKeys', '!FindInMap [Plain, hasOwnProperty, __proto__]')}`,
    },
    expect: {
      exit: 1,
      findings: [
        { ruleId: 'NET-001', resourceId: 'ViaBuiltins', file: 'bad.yaml' },
        { ruleId: 'NET-001', resourceId: 'ViaKeys', file: 'bad.yaml' },
      ],
    },
  });
  add({
    id: 'builtins/outputs-and-getatt',
    cls: 'builtins',
    mixed: true,
    files: {
      'bad.yaml': `Resources:\n${sshGroup('constructor', '0.0.0.0/0')}Outputs:\n  constructor:\n    Value: !GetAtt constructor.GroupId\n    Export:\n      Name: toString\n  valueOf:\n    Value: !Ref constructor\n`,
    },
    expect: { exit: 1, findings: [{ ruleId: 'NET-001', resourceId: 'constructor', file: 'bad.yaml' }] },
  });
  add({
    id: 'builtins/tag-suppression',
    cls: 'builtins',
    mixed: false,
    files: {
      'bad.yaml': `Resources:\n${sshGroup('Tagged', '0.0.0.0/0', '')}      Tags:\n        - Key: constructor\n          Value: legacy\n${sshGroup('Untagged', '0.0.0.0/0')}`,
      'stackaudit.config.yaml': `suppressions:\n  - { rule: NET-001, resource: 'tag:constructor=legacy', reason: 'legacy bastion, tracked in TICKET-1' }\n  - { rule: NET-001, resource: 'tag:toString=x', reason: 'matches nothing' }\n`,
    },
    args: ['scan', 'bad.yaml', '--config', 'stackaudit.config.yaml'],
    // Only the tagged group is suppressed; the untagged one still fails the gate.
    expect: {
      exit: 1,
      findings: [
        { ruleId: 'NET-001', resourceId: 'Untagged', file: 'bad.yaml' },
        { ruleId: 'NET-001', resourceId: 'Tagged', file: 'bad.yaml', status: 'suppressed' },
      ],
    },
  });

  // --- Unbounded work from tiny templates ------------------------------------------------
  let sub = '"x"';
  for (let i = 0; i < 40; i++) sub = `{"Fn::Sub": ["\${a}\${a}", {"a": ${sub}}]}`;
  add({
    id: 'work/nested-sub-doubling',
    cls: 'work',
    mixed: true,
    files: { 'bad.json': `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": ${sub}}}}}` },
    // 2^40 characters: a work budget ends it as an input error naming the file.
    expect: { exit: 2, errorFiles: ['bad.json'], maxStdoutBytes: 1 << 20 },
  });
  const maps = ['  M0:\n    k:\n      v: [a, b]'];
  for (let i = 1; i < 40; i++) maps.push(`  M${i}:\n    k:\n      v:\n        - !FindInMap [M${i - 1}, k, v]\n        - !FindInMap [M${i - 1}, k, v]`);
  add({
    id: 'work/findinmap-in-mappings',
    cls: 'work',
    mixed: true,
    files: {
      'bad.yaml': `Mappings:\n${maps.join('\n')}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - Key: k\n          Value: !Join [",", !FindInMap [M39, k, v]]\n`,
    },
    // CloudFormation forbids intrinsic functions in Mappings: an input error with its line.
    expect: { exit: 2, errorFiles: ['bad.yaml'], maxStdoutBytes: 1 << 20 },
  });
  add({
    id: 'work/and-50000-operands',
    cls: 'work',
    mixed: true,
    files: {
      'bad.yaml': `Conditions:\n  Big: !And [${Array.from({ length: 50_000 }, () => '!Equals [a, a]').join(', ')}]\nResources:\n${sshGroup('Sg', '0.0.0.0/0', '\n    Condition: Big')}`,
    },
    // CloudFormation allows 2 to 10 operands: an input error, or evaluated (true) in linear time.
    expect: { exit: [1, 2] },
  });
  add({
    id: 'work/condition-chain-2000',
    cls: 'work',
    mixed: true,
    files: {
      'bad.yaml': `Conditions:\n  C0: !Equals [a, a]\n${Array.from({ length: 1_999 }, (_, i) => `  C${i + 1}: !And [!Condition C${i}, !Equals [a, a]]`).join('\n')}\nResources:\n${sshGroup('Sg', '0.0.0.0/0', '\n    Condition: C1999')}`,
    },
    expect: { exit: [1, 2] },
  });
  add({
    id: 'work/buckets-50000',
    cls: 'work',
    mixed: true,
    files: {
      'bad.json': JSON.stringify({ Resources: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`B${i}`, { Type: 'AWS::S3::Bucket' }])) }),
    },
    expect: { exit: [1, 2] },
  });
  add({
    id: 'work/suppression-glob',
    cls: 'work',
    mixed: false,
    files: {
      'bad.yaml': `Resources:\n${sshGroup(`Sg${'a'.repeat(60)}`, '0.0.0.0/0')}`,
      'stackaudit.config.yaml': `suppressions:\n  - { rule: NET-001, resource: '${'*'.repeat(10)}!', reason: 'a pattern that backtracks' }\n`,
    },
    args: ['scan', 'bad.yaml', '--config', 'stackaudit.config.yaml'],
    expect: { exit: 1, findings: [{ ruleId: 'NET-001', resourceId: `Sg${'a'.repeat(60)}`, file: 'bad.yaml' }] },
  });
  let deep = '{}';
  for (let i = 0; i < 20_000; i++) deep = `{"a":${deep}}`;
  add({
    id: 'work/deep-snapshot-input',
    cls: 'work',
    mixed: false,
    files: {
      'snap.json': `{"format":"stackaudit-snapshot/1","account":"111122223333","collectedAt":"2026-01-01T00:00:00Z","calls":[{"service":"ec2","operation":"DescribeSecurityGroups","region":"us-east-1","input":${deep},"output":{"SecurityGroups":[]}}]}`,
    },
    args: ['audit', '--from', 'snap.json', '--region', 'us-east-1'],
    expect: { exit: [0, 1, 2], errorFilesIfExit2: ['snap.json'] },
  });

  // --- Special files ---------------------------------------------------------------------
  add({
    id: 'special/manifest-to-dev-zero',
    cls: 'special',
    mixed: true,
    files: { 'cdk.out/manifest.json': { symlink: '/dev/zero' }, 'cdk.out/Stack.template.json': GOOD_TEMPLATE.replace('GoodOpenSsh', 'LooseSsh') },
    expect: { exit: 2, errorFiles: ['manifest.json'] },
  });
  add({
    id: 'special/template-to-dev-zero',
    cls: 'special',
    mixed: false,
    files: { 'zero.yaml': { symlink: '/dev/zero' }, [GOOD_FILE]: GOOD_TEMPLATE },
    args: ['scan', 'zero.yaml', GOOD_FILE],
    expect: { exit: 2, errorFiles: ['zero.yaml'], findings: [GOOD_FINDING] },
  });
  add({
    id: 'special/fifo-template-named',
    cls: 'special',
    mixed: false,
    files: { 'fifo.yaml': { fifo: true }, [GOOD_FILE]: GOOD_TEMPLATE },
    args: ['scan', 'fifo.yaml', GOOD_FILE],
    expect: { exit: 2, errorFiles: ['fifo.yaml'], findings: [GOOD_FINDING] },
  });
  add({
    id: 'special/fifo-in-walk',
    cls: 'special',
    mixed: true,
    files: { 'fifo.yaml': { fifo: true }, 'sub/fifo.json': { fifo: true } },
    // Skipped with a note: a walk never opens a FIFO.
    expect: { exit: 1, notes: ['fifo.yaml'] },
  });
  add({
    id: 'special/fifo-cdk-template-and-manifest',
    cls: 'special',
    mixed: true,
    files: {
      'app/cdk.out/manifest.json': JSON.stringify({
        version: '38.0.1',
        artifacts: { Fifo: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Fifo.template.json' } } },
      }),
      'app/cdk.out/Fifo.template.json': { fifo: true },
      'other/cdk.out/manifest.json': { fifo: true },
    },
    expect: { exit: 2, errorFiles: ['Fifo.template.json', 'other/cdk.out/manifest.json'] },
  });
  add({
    id: 'special/template-file-outside-assembly',
    cls: 'special',
    mixed: true,
    files: {
      'cdk.out/manifest.json': JSON.stringify({
        version: '38.0.1',
        artifacts: {
          Passwd: { type: 'aws:cloudformation:stack', properties: { templateFile: '../../../../../../../../../../etc/passwd' } },
          Ok: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Ok.template.json' } },
        },
      }),
      'cdk.out/Ok.template.json': JSON.stringify({
        Resources: {
          OkSsh: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: { GroupDescription: 'x', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }] },
          },
        },
      }),
    },
    expect: { exit: 2, errorFiles: ['cdk.out/manifest.json'], findings: [{ ruleId: 'NET-001', resourceId: 'OkSsh', file: 'cdk.out/Ok.template.json' }], forbidden: ['root:x:0:0'] },
  });
  for (const [option, name] of [
    ['--config', 'config.yaml'],
    ['--parameters', 'params.json'],
    ['--baseline', 'baseline.json'],
  ]) {
    add({
      id: `special/fifo-as${option.replace(/^-+/, '-')}`,
      cls: 'special',
      mixed: false,
      files: { [name]: { fifo: true }, [GOOD_FILE]: GOOD_TEMPLATE },
      args: ['scan', GOOD_FILE, option, name],
      expect: { exit: 2, errorFiles: [name] },
    });
    add({
      id: `special/dev-zero-as${option.replace(/^-+/, '-')}`,
      cls: 'special',
      mixed: false,
      files: { [name]: { symlink: '/dev/zero' }, [GOOD_FILE]: GOOD_TEMPLATE },
      args: ['scan', GOOD_FILE, option, name],
      expect: { exit: 2, errorFiles: [name] },
    });
  }
  add({
    id: 'special/default-config-dev-zero',
    cls: 'special',
    mixed: false,
    files: { 'stackaudit.config.yaml': { symlink: '/dev/zero' }, [GOOD_FILE]: GOOD_TEMPLATE },
    args: ['scan', GOOD_FILE],
    expect: { exit: 2, errorFiles: ['stackaudit.config.yaml'] },
  });
  add({
    id: 'special/fifo-usage',
    cls: 'special',
    mixed: false,
    files: { 'usage.yaml': { fifo: true }, [GOOD_FILE]: GOOD_TEMPLATE },
    args: ['cost', GOOD_FILE, '--usage', 'usage.yaml'],
    expect: { exit: 2, errorFiles: ['usage.yaml'] },
  });
  add({
    id: 'special/fifo-snapshot',
    cls: 'special',
    mixed: false,
    files: { 'snap.json': { fifo: true } },
    args: ['audit', '--from', 'snap.json'],
    expect: { exit: 2, errorFiles: ['snap.json'] },
  });

  // --- Terminal injection ------------------------------------------------------------------
  const forged = '\u001b]0;pwned\u0007\r\nfake.yaml:1:1  CRITICAL  NET-001  all clear\u202e';
  add({
    id: 'terminal/file-name',
    cls: 'terminal',
    mixed: true,
    files: { [`evil${forged.replace(/\//g, '_')}.yaml`]: GOOD_TEMPLATE.replace('GoodOpenSsh', 'EvilNamedSsh') },
    expect: { exit: 1, findings: [{ ruleId: 'NET-001', resourceId: 'EvilNamedSsh' }], terminalSafe: true },
  });
  add({
    id: 'terminal/broken-file-name',
    cls: 'terminal',
    mixed: true,
    files: { [`broken${forged.replace(/\//g, '_')}.yaml`]: 'Resources:\n  A:\n    Type: X\n  A:\n    Type: X\n' },
    expect: { exit: 2, errorFiles: ['broken'], terminalSafe: true },
  });
  add({
    id: 'terminal/logical-id',
    cls: 'terminal',
    mixed: true,
    files: {
      'bad.yaml': `Resources:\n${sshGroup(
        JSON.stringify(`Sg${forged}`)
          .replace(/\\u001b/g, '\\e')
          .replace(/\\u0007/g, '\\a'),
        '0.0.0.0/0',
      )}${sshGroup('"@octocat|pipe"', '0.0.0.0/0')}`,
    },
    expect: { exit: 1, terminalSafe: true, markdownSafe: ['@octocat'] },
  });

  // --- Secrets -------------------------------------------------------------------------------
  add({
    id: 'secrets/noecho-allowed-values',
    cls: 'secrets',
    mixed: true,
    files: {
      'bad.yaml': `Parameters:\n  ApiToken:\n    Type: String\n    NoEcho: true\n    AllowedValues: [${SECRETS.noEchoAllowed}, ${SECRETS.noEchoAllowed2}]\n  DbPassword:\n    Type: String\n    AllowedValues: [${SECRETS.secretNamedAllowed}, other-value]\nConditions:\n  IsFirst: !Equals [!Ref ApiToken, ${SECRETS.noEchoAllowed}]\n  IsPw: !Equals [!Ref DbPassword, ${SECRETS.secretNamedAllowed}]\nResources:\n${sshGroup('Sg', '!If [IsFirst, 0.0.0.0/0, 10.0.0.0/8]')}${sshGroup('Sg2', '!If [IsPw, 0.0.0.0/0, 10.0.0.0/8]')}  Tagged:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - Key: token\n          Value: !Ref ApiToken\n`,
    },
    expect: { exit: 1, secrets: [SECRETS.noEchoAllowed, SECRETS.noEchoAllowed2, SECRETS.secretNamedAllowed], allFormats: true },
  });
  add({
    id: 'secrets/parameter-flag',
    cls: 'secrets',
    mixed: true,
    files: {
      'bad.yaml': `Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n  AdminCidr:\n    Type: String\nResources:\n${sshGroup('Sg', '!Ref AdminCidr')}  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: "20"\n      MasterUsername: admin\n      MasterUserPassword: !Ref DbPassword\n`,
    },
    args: ['scan', '.', '--parameter', `DbPassword=${SECRETS.cliParameter}`, '--parameter', 'AdminCidr=0.0.0.0/0'],
    expect: { exit: 1, secrets: [SECRETS.cliParameter], findings: [{ ruleId: 'NET-001', resourceId: 'Sg', file: 'bad.yaml' }], allFormats: true },
  });
  add({
    id: 'secrets/malformed-parameters-file',
    cls: 'secrets',
    mixed: false,
    files: {
      'params.json': `[{"ParameterKey": "DbPassword", "ParameterValue": "${SECRETS.malformedFile}"},\n {"ParameterKey": "X" "ParameterValue": "y"}]`,
      [GOOD_FILE]: GOOD_TEMPLATE,
    },
    args: ['scan', GOOD_FILE, '--parameters', 'params.json'],
    expect: { exit: 2, errorFiles: ['params.json'], secrets: [SECRETS.malformedFile] },
  });
  add({
    id: 'secrets/wrong-shape-parameters-file',
    cls: 'secrets',
    mixed: false,
    files: { 'params.json': JSON.stringify({ DbPassword: { nested: SECRETS.malformedFile } }), [GOOD_FILE]: GOOD_TEMPLATE },
    args: ['scan', GOOD_FILE, '--parameters', 'params.json'],
    expect: { exit: [1, 2], secrets: [SECRETS.malformedFile] },
  });
  add({
    id: 'secrets/noecho-literal-default',
    cls: 'secrets',
    mixed: true,
    files: {
      'bad.yaml': `Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n    Default: ${SECRETS.noEchoDefault}\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: "20"\n      MasterUsername: admin\n      MasterUserPassword: !Ref DbPassword\n`,
    },
    expect: { exit: 1, secrets: [SECRETS.noEchoDefault], allFormats: true },
  });

  // --- Numbers ---------------------------------------------------------------------------------
  const bucket =
    'Resources:\n  Site:\n    Type: AWS::S3::Bucket\n  Cdn:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        Origins:\n          - Id: s3\n            DomainName: !GetAtt Site.RegionalDomainName\n            S3OriginConfig: {}\n        DefaultCacheBehavior:\n          TargetOriginId: s3\n          ViewerProtocolPolicy: redirect-to-https\n';
  add({
    id: 'numbers/usage-1e308',
    cls: 'numbers',
    mixed: false,
    files: { 'cost.yaml': bucket, 'usage.yaml': 'defaults:\n  dataOutGB: 1e308\n' },
    args: ['cost', 'cost.yaml', '--usage', 'usage.yaml'],
    // Either refused (exit 2, naming the file) or priced with finite numbers: never Infinity, NaN or null.
    expect: { exit: [0, 2], finiteCost: true, errorFilesIfExit2: ['usage.yaml'] },
  });
  add({
    id: 'numbers/usage-negative',
    cls: 'numbers',
    mixed: false,
    files: { 'cost.yaml': bucket, 'usage.yaml': 'defaults:\n  dataOutGB: -50\n  storageGB: -1e300\n' },
    args: ['cost', 'cost.yaml', '--usage', 'usage.yaml'],
    expect: { exit: 2, errorFiles: ['usage.yaml'] },
  });
  add({
    id: 'numbers/comment-only-config',
    cls: 'numbers',
    mixed: false,
    files: { 'stackaudit.config.yaml': '# nothing configured yet\n# rules:\n#   NET-004: off\n', [GOOD_FILE]: GOOD_TEMPLATE },
    args: ['scan', GOOD_FILE, '--config', 'stackaudit.config.yaml'],
    expect: { exit: 1, findings: [GOOD_FINDING], noErrors: true },
  });

  return cases;
}

function mkfifo(path) {
  const r = spawnSync('mkfifo', [path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mkfifo ${path}: ${r.stderr || r.error}`);
}

/**
 * Generated templates for the scale bench: `count` small web stacks (a public subnet routed to
 * an internet gateway, a group, an instance with an Elastic IP in a target group, a database in
 * a subnet group, a bucket), so that the rules follow the relations a real scan follows:
 * instance → group and subnet, subnet → route table → gateway, address and target group →
 * instance, database → subnet group → subnets.
 */
export function writeManyTemplates(dir, count) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    writeFileSync(
      join(dir, `t${String(i).padStart(6, '0')}.yaml`),
      `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Routes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  DefaultRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Routes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Subnet
      RouteTableId: !Ref Routes
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: ${i % 10 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      SubnetId: !Ref Subnet
      SecurityGroupIds: [!GetAtt Sg.GroupId]
  Ip:
    Type: AWS::EC2::EIP
    Properties:
      InstanceId: !Ref Web
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      VpcId: !Ref Vpc
      Protocol: HTTP
      Port: 80
      Targets:
        - Id: !Ref Web
  Subnet2:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref Subnet, !Ref Subnet2]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      DBSubnetGroupName: !Ref DbSubnets
      VPCSecurityGroups: [!GetAtt Sg.GroupId]
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
`,
    );
  }
}

/** A generated template of about `megabytes` MB (JSON), for the big-template bench. */
export function writeBigTemplate(file, megabytes) {
  const resources = {};
  // About 230 bytes a resource in this shape.
  const n = Math.round((megabytes * 1024 * 1024) / 229);
  for (let i = 0; i < n; i++) {
    const k = i % 5;
    if (k === 0)
      resources[`Sg${i}`] = {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'g',
          SecurityGroupIngress: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: i % 10 ? '10.0.0.0/8' : '0.0.0.0/0' },
            { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, SourceSecurityGroupId: { Ref: `Sg${i}` } },
          ],
        },
      };
    else if (k === 1) resources[`Bucket${i}`] = { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Enabled' } } };
    else if (k === 2)
      resources[`Db${i}`] = {
        Type: 'AWS::RDS::DBInstance',
        Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', VPCSecurityGroups: [{ 'Fn::GetAtt': [`Sg${i - 2}`, 'GroupId'] }] },
      };
    else if (k === 3) resources[`Web${i}`] = { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', InstanceType: 't3.micro', SecurityGroupIds: [{ Ref: `Sg${i - 3}` }] } };
    else resources[`Logs${i}`] = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } };
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 1));
  return n;
}
