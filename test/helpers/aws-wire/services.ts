// Which wire protocol each SDK v3 client speaks, and how a request names its service: the
// SigV4 credential scope (`…/us-east-1/ec2/aws4_request`) carries the signing name and region.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

import { loadServiceModule } from '../../../src/scanners/account/clients.js';

export type Protocol = 'ec2Query' | 'awsQuery' | 'restXml' | 'awsJson1_0' | 'awsJson1_1' | 'restJson';

export interface WireService {
  /** The SDK package suffix stackaudit uses (`elastic-load-balancing-v2`). */
  readonly id: string;
  readonly protocol: Protocol;
  /** XML namespace of query and REST-XML answers. */
  readonly xmlns?: string;
  /** Query API version, where one signing name serves two APIs (classic and v2 load balancers). */
  readonly version?: string;
}

const S: Readonly<Record<string, WireService>> = {
  ec2: { id: 'ec2', protocol: 'ec2Query', xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/' },
  rds: { id: 'rds', protocol: 'awsQuery', xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/' },
  s3: { id: 's3', protocol: 'restXml', xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
  's3-control': { id: 's3-control', protocol: 'restXml', xmlns: 'http://awss3control.amazonaws.com/doc/2018-08-20/' },
  cloudfront: { id: 'cloudfront', protocol: 'restXml', xmlns: 'http://cloudfront.amazonaws.com/doc/2020-05-31/' },
  'elastic-load-balancing-v2': { id: 'elastic-load-balancing-v2', protocol: 'awsQuery', xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/', version: '2015-12-01' },
  'elastic-load-balancing': { id: 'elastic-load-balancing', protocol: 'awsQuery', xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/', version: '2012-06-01' },
  ecs: { id: 'ecs', protocol: 'awsJson1_1' },
  apprunner: { id: 'apprunner', protocol: 'awsJson1_0' },
  cloudwatch: { id: 'cloudwatch', protocol: 'awsJson1_0' },
  'cloudwatch-logs': { id: 'cloudwatch-logs', protocol: 'awsJson1_1' },
  ecr: { id: 'ecr', protocol: 'awsJson1_1' },
  'secrets-manager': { id: 'secrets-manager', protocol: 'awsJson1_1' },
  elasticache: { id: 'elasticache', protocol: 'awsQuery', xmlns: 'http://elasticache.amazonaws.com/doc/2015-02-02/' },
  lambda: { id: 'lambda', protocol: 'restJson' },
  sts: { id: 'sts', protocol: 'awsQuery', xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/' },
};

export const service = (id: string): WireService => {
  const s = Object.hasOwn(S, id) ? S[id] : undefined;
  if (!s) throw new Error(`aws-wire: no service ${id}`);
  return s;
};

/** SigV4 signing name → candidate service ids. */
const BY_SIGNING_NAME: ReadonlyMap<string, readonly string[]> = new Map([
  ['ec2', ['ec2']],
  ['rds', ['rds']],
  ['s3', ['s3', 's3-control']],
  ['cloudfront', ['cloudfront']],
  ['elasticloadbalancing', ['elastic-load-balancing-v2', 'elastic-load-balancing']],
  ['ecs', ['ecs']],
  ['apprunner', ['apprunner']],
  ['monitoring', ['cloudwatch']],
  ['logs', ['cloudwatch-logs']],
  ['ecr', ['ecr']],
  ['secretsmanager', ['secrets-manager']],
  ['elasticache', ['elasticache']],
  ['lambda', ['lambda']],
  ['sts', ['sts']],
]);

export function servicesForSigningName(name: string): readonly string[] {
  return BY_SIGNING_NAME.get(name) ?? [];
}

/** `Credential=AKID/20260101/eu-west-1/ec2/aws4_request` → region and signing name. */
export function credentialScope(authorization: string | undefined): { region: string; signingName: string } | undefined {
  const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return m ? { region: m[1]!, signingName: m[2]! } : undefined;
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

export function moduleOf(id: string): Promise<Record<string, unknown>> {
  let m = modules.get(id);
  if (!m) modules.set(id, (m = loadServiceModule(id)));
  return m;
}

/** The SDK's operation schema `[9, namespace, name, traits, input, output]`. */
export type OperationSchema = readonly [number, string, string, Record<string, unknown>, () => unknown, () => unknown];

export async function operationSchema(id: string, operation: string): Promise<OperationSchema | undefined> {
  const mod = await moduleOf(id);
  const key = `${operation}$`;
  const schema = Object.hasOwn(mod, key) ? mod[key] : undefined;
  return Array.isArray(schema) && schema[0] === 9 ? (schema as unknown as OperationSchema) : undefined;
}
