// Template snippets shared by a rule area's case table (cases/<area>.ts) and its behaviour tests.

/** A VPC with two private subnets and a DB subnet group `Group` over them. */
export const privateVpc = `  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref SubnetA, !Ref SubnetB]
`;

/** An internet gateway attached to `Vpc`. */
export const igw = `  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
`;

export const prodTag = '      Tags:\n        - Key: Environment\n          Value: production\n';

/** An Application Load Balancer `Alb` with the given security groups. */
export const alb = (sg = '[sg-0123456789abcdef0]') => `  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
      SecurityGroups: ${sg}
`;

/** A listener on `Alb`. */
export const listener = (body: string, name = 'Http') => `  ${name}:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
${body}`;

/** An HTTP listener on port 80 with the given default actions. */
export const http = (actions: string) => listener(`      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n${actions}`);

export const forward = '        - Type: forward\n          TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/tg/1\n';
