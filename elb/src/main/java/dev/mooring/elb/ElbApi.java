package dev.mooring.elb;

import dev.mooring.core.operation.Operations;

/** ELBv2's operations as the domain declares them, under the signing name {@code elasticloadbalancing}. */
final class ElbApi {
    private ElbApi() {}

    static Operations operations(ElbTables t, TargetOperations targets) {
        LoadBalancerOperations lbs = new LoadBalancerOperations(t);
        TargetGroupOperations tgs = new TargetGroupOperations(t);
        ListenerOperations listeners = new ListenerOperations(t);
        TagOperations tags = new TagOperations(t);
        return new Operations(Arns.SERVICE)
                .register("CreateLoadBalancer", Requests.CreateLoadBalancer.class, lbs::create)
                .register("DescribeLoadBalancers", Requests.DescribeLoadBalancers.class, lbs::describe)
                .register("DeleteLoadBalancer", Requests.DeleteLoadBalancer.class, lbs::delete)
                .register("ModifyLoadBalancerAttributes", Requests.ModifyLoadBalancerAttributes.class,
                        lbs::modifyAttributes)
                .register("DescribeLoadBalancerAttributes", Requests.DescribeLoadBalancerAttributes.class,
                        lbs::describeAttributes)
                .register("CreateTargetGroup", Requests.CreateTargetGroup.class, tgs::create)
                .register("DescribeTargetGroups", Requests.DescribeTargetGroups.class, tgs::describe)
                .register("DeleteTargetGroup", Requests.DeleteTargetGroup.class, tgs::delete)
                .register("ModifyTargetGroup", Requests.ModifyTargetGroup.class, tgs::modify)
                .register("ModifyTargetGroupAttributes", Requests.ModifyTargetGroupAttributes.class,
                        tgs::modifyAttributes)
                .register("DescribeTargetGroupAttributes", Requests.DescribeTargetGroupAttributes.class,
                        tgs::describeAttributes)
                .register("RegisterTargets", Requests.RegisterTargets.class, targets::register)
                .register("DeregisterTargets", Requests.DeregisterTargets.class, targets::deregister)
                .register("DescribeTargetHealth", Requests.DescribeTargetHealth.class, targets::describe)
                .register("CreateListener", Requests.CreateListener.class, listeners::create)
                .register("DescribeListeners", Requests.DescribeListeners.class, listeners::describe)
                .register("DeleteListener", Requests.DeleteListener.class, listeners::delete)
                .register("ModifyListener", Requests.ModifyListener.class, listeners::modify)
                .register("CreateRule", Requests.CreateRule.class, listeners::createRule)
                .register("DescribeRules", Requests.DescribeRules.class, listeners::describeRules)
                .register("DeleteRule", Requests.DeleteRule.class, listeners::deleteRule)
                .register("ModifyRule", Requests.ModifyRule.class, listeners::modifyRule)
                .register("AddTags", Requests.AddTags.class, tags::add)
                .register("RemoveTags", Requests.RemoveTags.class, tags::remove)
                .register("DescribeTags", Requests.DescribeTags.class, tags::describe);
    }
}
