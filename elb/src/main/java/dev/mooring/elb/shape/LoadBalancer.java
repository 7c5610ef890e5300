package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** An application load balancer as DescribeLoadBalancers answers it. */
public record LoadBalancer(String loadBalancerArn, @JsonProperty("DNSName") String dnsName, String canonicalHostedZoneId, Instant createdTime, String loadBalancerName, Scheme scheme, String vpcId, LoadBalancerState state, LoadBalancerType type, List<AvailabilityZone> availabilityZones, List<String> securityGroups, IpAddressType ipAddressType) {
    public LoadBalancer withState(LoadBalancerState next) {
        return new LoadBalancer(loadBalancerArn, dnsName, canonicalHostedZoneId, createdTime, loadBalancerName,
                scheme, vpcId, next, type, availabilityZones, securityGroups, ipAddressType);
    }
}
