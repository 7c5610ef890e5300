package dev.mooring.elb.shape;

import java.util.List;

/** A target group as DescribeTargetGroups answers it. */
public record TargetGroup(String targetGroupArn, String targetGroupName, Protocol protocol, Integer port, String vpcId, Protocol healthCheckProtocol, String healthCheckPort, Boolean healthCheckEnabled, Integer healthCheckIntervalSeconds, Integer healthCheckTimeoutSeconds, Integer healthyThresholdCount, Integer unhealthyThresholdCount, String healthCheckPath, Matcher matcher, List<String> loadBalancerArns, TargetType targetType, String protocolVersion, IpAddressType ipAddressType) {
    public TargetGroup withLoadBalancerArns(List<String> arns) {
        return new TargetGroup(targetGroupArn, targetGroupName, protocol, port, vpcId, healthCheckProtocol,
                healthCheckPort, healthCheckEnabled, healthCheckIntervalSeconds, healthCheckTimeoutSeconds,
                healthyThresholdCount, unhealthyThresholdCount, healthCheckPath, matcher, List.copyOf(arns), targetType,
                protocolVersion, ipAddressType);
    }
}
