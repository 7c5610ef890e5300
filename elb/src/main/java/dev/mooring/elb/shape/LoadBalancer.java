package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** An application load balancer as DescribeLoadBalancers answers it. */
public record LoadBalancer(String loadBalancerArn, @JsonProperty("DNSName") String dnsName, String canonicalHostedZoneId, Instant createdTime, String loadBalancerName, Scheme scheme, String vpcId, LoadBalancerState state, LoadBalancerType type, List<AvailabilityZone> availabilityZones, List<String> securityGroups, IpAddressType ipAddressType) {
    /** This load balancer with {@code address} (null: none) as the address of each of its zones. */
    public LoadBalancer withAddress(String address) {
        List<LoadBalancerAddress> addresses = address == null ? List.of() : List.of(new LoadBalancerAddress(address));
        return new LoadBalancer(loadBalancerArn, dnsName, canonicalHostedZoneId, createdTime, loadBalancerName, scheme,
                vpcId, state, type, availabilityZones.stream().map(z -> new AvailabilityZone(z.zoneName(),
                z.subnetId(), addresses)).toList(), securityGroups, ipAddressType);
    }

    public LoadBalancer withState(LoadBalancerState next) {
        return new LoadBalancer(loadBalancerArn, dnsName, canonicalHostedZoneId, createdTime, loadBalancerName,
                scheme, vpcId, next, type, availabilityZones, securityGroups, ipAddressType);
    }
}
