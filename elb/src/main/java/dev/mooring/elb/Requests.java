package dev.mooring.elb;

import dev.mooring.elb.shape.Action;
import dev.mooring.elb.shape.Attribute;
import dev.mooring.elb.shape.Certificate;
import dev.mooring.elb.shape.IpAddressType;
import dev.mooring.elb.shape.LoadBalancerType;
import dev.mooring.elb.shape.Matcher;
import dev.mooring.elb.shape.Protocol;
import dev.mooring.elb.shape.RuleCondition;
import dev.mooring.elb.shape.Scheme;
import dev.mooring.elb.shape.SubnetMapping;
import dev.mooring.elb.shape.Tag;
import dev.mooring.elb.shape.TargetDescription;
import dev.mooring.elb.shape.TargetType;
import java.util.List;

/** The request of each ELBv2 operation Mooring serves, member for member as the API names them. */
public final class Requests {
    private Requests() {}

    public record CreateLoadBalancer(String name, List<String> subnets, List<SubnetMapping> subnetMappings,
                                     List<String> securityGroups, Scheme scheme, List<Tag> tags,
                                     LoadBalancerType type, IpAddressType ipAddressType,
                                     String customerOwnedIpv4Pool) {}

    public record DescribeLoadBalancers(List<String> loadBalancerArns, List<String> names, String marker,
                                        Integer pageSize) {}

    public record DeleteLoadBalancer(String loadBalancerArn) {}

    public record ModifyLoadBalancerAttributes(String loadBalancerArn, List<Attribute> attributes) {}

    public record DescribeLoadBalancerAttributes(String loadBalancerArn) {}

    public record CreateTargetGroup(String name, Protocol protocol, String protocolVersion, Integer port,
                                    String vpcId, Protocol healthCheckProtocol, String healthCheckPort,
                                    Boolean healthCheckEnabled, String healthCheckPath,
                                    Integer healthCheckIntervalSeconds, Integer healthCheckTimeoutSeconds,
                                    Integer healthyThresholdCount, Integer unhealthyThresholdCount, Matcher matcher,
                                    TargetType targetType, List<Tag> tags, IpAddressType ipAddressType) {}

    public record DescribeTargetGroups(String loadBalancerArn, List<String> targetGroupArns, List<String> names,
                                       String marker, Integer pageSize) {}

    public record DeleteTargetGroup(String targetGroupArn) {}

    public record ModifyTargetGroup(String targetGroupArn, Protocol healthCheckProtocol, String healthCheckPort,
                                    String healthCheckPath, Boolean healthCheckEnabled,
                                    Integer healthCheckIntervalSeconds, Integer healthCheckTimeoutSeconds,
                                    Integer healthyThresholdCount, Integer unhealthyThresholdCount,
                                    Matcher matcher) {}

    public record ModifyTargetGroupAttributes(String targetGroupArn, List<Attribute> attributes) {}

    public record DescribeTargetGroupAttributes(String targetGroupArn) {}

    public record RegisterTargets(String targetGroupArn, List<TargetDescription> targets) {}

    public record DeregisterTargets(String targetGroupArn, List<TargetDescription> targets) {}

    public record DescribeTargetHealth(String targetGroupArn, List<TargetDescription> targets,
                                       List<String> include) {}

    public record CreateListener(String loadBalancerArn, Protocol protocol, Integer port, String sslPolicy,
                                 List<Certificate> certificates, List<Action> defaultActions,
                                 List<String> alpnPolicy, List<Tag> tags) {}

    public record DescribeListeners(String loadBalancerArn, List<String> listenerArns, String marker,
                                    Integer pageSize) {}

    public record DeleteListener(String listenerArn) {}

    public record ModifyListener(String listenerArn, Integer port, Protocol protocol, String sslPolicy,
                                 List<Certificate> certificates, List<Action> defaultActions,
                                 List<String> alpnPolicy) {}

    public record CreateRule(String listenerArn, List<RuleCondition> conditions, Integer priority,
                             List<Action> actions, List<Tag> tags) {}

    public record DescribeRules(String listenerArn, List<String> ruleArns, String marker, Integer pageSize) {}

    public record DeleteRule(String ruleArn) {}

    public record ModifyRule(String ruleArn, List<RuleCondition> conditions, List<Action> actions) {}

    public record AddTags(List<String> resourceArns, List<Tag> tags) {}

    public record RemoveTags(List<String> resourceArns, List<String> tagKeys) {}

    public record DescribeTags(List<String> resourceArns) {}
}
