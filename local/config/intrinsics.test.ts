import { describeResource, resolveIntrinsics, type LocalResource } from './intrinsics';

const arns = { region: 'eu-west-1', accountId: '000000000000', stackName: 'showrunner-dev' };
const context = {
  ...arns,
  resources: new Map<string, LocalResource>([
    ['MediaBucket', describeResource(arns, 'MediaBucket', 'AWS::S3::Bucket', { BucketName: 'showrunner-dev-media' })],
    ['MediaDistribution', describeResource(arns, 'MediaDistribution', 'AWS::CloudFront::Distribution', {})],
  ]),
};

describe('resources with no local stand-in', () => {
  it('leave any value built from a CloudFront distribution unset, as a whole', () => {
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['MediaDistribution', 'DomainName'] }, context, 'env.PLAYBACK_CDN_DOMAIN')).toBeUndefined();
    expect(resolveIntrinsics({ 'Fn::Sub': 'https://${MediaDistribution.DomainName}' }, context, 'env.PLAYBACK_BASE_URL')).toBeUndefined();
    expect(resolveIntrinsics({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['MediaDistribution', 'DomainName'] }]] }, context, 'env.X')).toBeUndefined();
    expect(resolveIntrinsics({ Ref: 'MediaDistribution' }, context, 'env.Y')).toBeUndefined();
  });

  it('still resolve what does run locally, and still refuse unknown names', () => {
    expect(resolveIntrinsics({ 'Fn::Sub': 'https://${MediaBucket.RegionalDomainName}' }, context, 'env.Z')).toBe('https://showrunner-dev-media.s3.eu-west-1.amazonaws.com');
    expect(() => resolveIntrinsics({ Ref: 'Nowhere' }, context, 'env.W')).toThrow(/Nowhere/);
  });
});
