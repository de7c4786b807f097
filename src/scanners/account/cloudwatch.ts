import type { Collector, ListedBy, Operation } from './collector.js';
import { compact, listCall, records, str } from './collector.js';

export const cloudwatchOperations: readonly Operation[] = [['cloudwatch', 'DescribeAlarms']];

export const cloudwatchLists: readonly ListedBy[] = [{ service: 'cloudwatch', operation: 'DescribeAlarms', types: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'] }];

/** Metric alarms (a billing alarm is AWS/Billing EstimatedCharges, and exists only in us-east-1). */
export const cloudwatchCollector: Collector = {
  id: 'cloudwatch',
  scope: 'regional',
  operations: cloudwatchOperations,
  lists: cloudwatchLists,
  // AWS/Billing EstimatedCharges is published only in us-east-1, whatever regions are audited.
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/monitor_estimated_charges_with_cloudwatch.html
  alsoRegions: ['us-east-1'],
  async collect(ctx) {
    const list = await listCall(ctx, 'cloudwatch', 'DescribeAlarms', { MaxRecords: 100 });
    return records(list?.['MetricAlarms']).flatMap((a) => {
      const name = str(a['AlarmName']);
      if (!name) return [];
      return [
        ctx.resource(
          'AWS::CloudWatch::Alarm',
          name,
          compact({
            AlarmName: name,
            MetricName: str(a['MetricName']),
            Namespace: str(a['Namespace']),
            Statistic: str(a['Statistic']),
            ExtendedStatistic: str(a['ExtendedStatistic']),
            Dimensions: records(a['Dimensions']).length ? records(a['Dimensions']) : undefined,
            Period: a['Period'],
            EvaluationPeriods: a['EvaluationPeriods'],
            DatapointsToAlarm: a['DatapointsToAlarm'],
            Threshold: a['Threshold'],
            ComparisonOperator: str(a['ComparisonOperator']),
            TreatMissingData: str(a['TreatMissingData']),
            ActionsEnabled: a['ActionsEnabled'],
            AlarmActions: a['AlarmActions'],
            Metrics: records(a['Metrics']).length ? records(a['Metrics']) : undefined,
          }),
          str(a['AlarmArn']),
        ),
      ];
    });
  },
};
