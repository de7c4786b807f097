// Price List usage types start with the region's billing code ("APS3-NatGateway-Hours" in
// ap-south-1, "EU-…" in eu-west-1); most us-east-1 usage types have none. The codes, for every
// region of the region table (src/model/regions.ts; a test keeps the two in step):
// https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html
import { COMMERCIAL_REGIONS, OTHER_PARTITION_REGIONS } from '../model/regions.js';

export const REGION_BILLING_CODES: ReadonlyMap<string, string> = new Map([
  ['af-south-1', 'AFS1'],
  ['ap-east-1', 'APE1'],
  ['ap-east-2', 'APE2'],
  ['ap-northeast-1', 'APN1'],
  ['ap-northeast-2', 'APN2'],
  ['ap-northeast-3', 'APN3'],
  ['ap-south-1', 'APS3'],
  ['ap-south-2', 'APS5'],
  ['ap-southeast-1', 'APS1'],
  ['ap-southeast-2', 'APS2'],
  ['ap-southeast-3', 'APS4'],
  ['ap-southeast-4', 'APS6'],
  ['ap-southeast-5', 'APS7'],
  ['ap-southeast-6', 'APS8'],
  ['ap-southeast-7', 'APS9'],
  ['ca-central-1', 'CAN1'],
  ['ca-west-1', 'CAN2'],
  ['eu-central-1', 'EUC1'],
  ['eu-central-2', 'EUC2'],
  ['eu-north-1', 'EUN1'],
  ['eu-south-1', 'EUS1'],
  ['eu-south-2', 'EUS2'],
  ['eu-west-1', 'EU'],
  ['eu-west-2', 'EUW2'],
  ['eu-west-3', 'EUW3'],
  ['il-central-1', 'ILC1'],
  ['me-central-1', 'MEC1'],
  ['me-south-1', 'MES1'],
  ['mx-central-1', 'MXC1'],
  ['sa-east-1', 'SAE1'],
  ['us-east-1', 'USE1'],
  ['us-east-2', 'USE2'],
  ['us-west-1', 'USW1'],
  ['us-west-2', 'USW2'],
  ['us-gov-east-1', 'UGE1'],
  ['us-gov-west-1', 'UGW1'],
  ['cn-north-1', 'CNN1'],
  ['cn-northwest-1', 'CNW1'],
]);

/** The usage-type prefix of a region ("APS3-"; "" in us-east-1), or undefined for a region the table lacks. */
export function usagetypePrefix(region: string): string | undefined {
  if (region === 'us-east-1') return '';
  const code = REGION_BILLING_CODES.get(region);
  return code === undefined ? undefined : `${code}-`;
}

/** Regions of the region table without a billing code (a test expects none). */
export function regionsWithoutBillingCode(): string[] {
  return [...Object.keys(COMMERCIAL_REGIONS), ...Object.keys(OTHER_PARTITION_REGIONS)].filter((r) => !REGION_BILLING_CODES.has(r));
}
