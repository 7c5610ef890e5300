package dev.mooring.connect.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mooring.control.ecs.ContainerDefinition.PortMapping;
import dev.mooring.control.ecs.ServiceConnectConfiguration;
import dev.mooring.core.json.Json;
import java.util.List;

/**
 * The YELB sample's four Service Connect configurations (shared/reference/sample-app.md: sc-update/*.json) and the
 * port mappings of its task definitions, as test fixtures.
 */
final class Yelb {
    static final String NS_ARN = "arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-yelb";
    static final String NS = "yelb.sc.internal";
    static final String LOGS = """
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "ecs/serviceconnectdemo",
              "awslogs-region": "us-west-2", "awslogs-stream-prefix": "%s-envoy"}}""";

    static final ServiceConnectConfiguration APPSERVER = config("""
            {"enabled": true, "namespace": "yelb.sc.internal",
             "services": [{"portName": "yelb-appserver",
                           "clientAliases": [{"port": 4567, "dnsName": "yelb-appserver.yelb.lb.internal"}]}],
             %s}""".formatted(LOGS.formatted("appserver")));
    static final ServiceConnectConfiguration DB = config("""
            {"enabled": true, "namespace": "yelb.sc.internal",
             "services": [{"portName": "yelb-db",
                           "clientAliases": [{"port": 5432, "dnsName": "yelb-db.yelb.cloudmap.internal"}]}],
             %s}""".formatted(LOGS.formatted("db")));
    static final ServiceConnectConfiguration REDIS = config("""
            {"enabled": true, "namespace": "yelb.sc.internal",
             "services": [{"portName": "yelb-redis",
                           "clientAliases": [{"port": 6379, "dnsName": "yelb-redis.yelb.cloudmap.internal"}]}],
             %s}""".formatted(LOGS.formatted("redis")));
    static final ServiceConnectConfiguration UI = config("""
            {"enabled": true, "namespace": "yelb.sc.internal", %s}""".formatted(LOGS.formatted("ui")));

    static final List<PortMapping> APPSERVER_PORTS = List.of(port("yelb-appserver", 4567, "http"));
    static final List<PortMapping> DB_PORTS = List.of(port("yelb-db", 5432, null));
    static final List<PortMapping> REDIS_PORTS = List.of(port("yelb-redis", 6379, null));
    static final List<PortMapping> UI_PORTS = List.of(port("yelb-ui", 80, "http"));

    /** The namespace after all four services joined, as NamespaceCatalogs reads it. */
    static NamespaceCatalog catalog() {
        return new NamespaceCatalog(NS_ARN, NS, List.of(
                endpoint("yelb-appserver.yelb.lb.internal", 4567, "yelb-appserver", AppProtocol.HTTP),
                endpoint("yelb-db.yelb.cloudmap.internal", 5432, "yelb-db", AppProtocol.TCP),
                endpoint("yelb-redis.yelb.cloudmap.internal", 6379, "yelb-redis", AppProtocol.TCP)));
    }

    static NamespaceEndpoint endpoint(String dnsName, int port, String discoveryName, AppProtocol protocol) {
        return new NamespaceEndpoint(dnsName, port, discoveryName, protocol, Timeouts.defaults(protocol),
                TrafficPolicy.AWS, "arn:aws:ecs:us-east-1:000000000000:service/yelb/" + discoveryName);
    }

    static PortMapping port(String name, int containerPort, String appProtocol) {
        return new PortMapping(containerPort, containerPort, "tcp", name, appProtocol, null);
    }

    static ServiceConnectConfiguration config(String json) {
        try {
            return Json.ecs().readValue(json, ServiceConnectConfiguration.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Yelb() {}
}
