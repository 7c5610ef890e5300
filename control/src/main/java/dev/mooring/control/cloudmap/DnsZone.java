package dev.mooring.control.cloudmap;

import java.util.List;
import java.util.Map;

/**
 * What the DNS server needs of one DNS namespace: the namespace (its Name is the zone, Properties.DnsProperties.SOA
 * the negative-caching TTL) and every service that has a DnsConfig, with its instances.
 */
public record DnsZone(Namespace namespace, List<Service> services) {

    /** A service with DNS records: the DnsConfig gives record types, TTLs and the routing policy. */
    public record Service(CloudMapService service, List<Endpoint> endpoints) {}

    /**
     * One registered instance: its attributes (AWS_INSTANCE_IPV4, AWS_INSTANCE_IPV6, AWS_INSTANCE_PORT,
     * AWS_INSTANCE_CNAME, ...) and health status.
     */
    public record Endpoint(String instanceId, Map<String, String> attributes, String healthStatus) {

        /** Route 53 answers with healthy instances and with those it has no health check for. */
        public boolean answersDns() {
            return !CloudMapInstance.UNHEALTHY.equals(healthStatus);
        }
    }
}
