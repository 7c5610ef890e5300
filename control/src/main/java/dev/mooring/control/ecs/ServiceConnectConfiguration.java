package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Service Connect as a service's deployment carries it (spec §2.1). Newer members the proxy does not act on yet
 * ({@code timeout}, {@code tls}, {@code testTrafficRules}, {@code accessLogConfiguration}) are kept as sent.
 */
public record ServiceConnectConfiguration(Boolean enabled, String namespace, List<ServiceConnectService> services,
                                          ContainerDefinition.LogConfiguration logConfiguration,
                                          ObjectNode accessLogConfiguration) {

    public boolean isEnabled() {
        return Boolean.TRUE.equals(enabled);
    }

    public List<ServiceConnectService> servicesOrEmpty() {
        return services == null ? List.of() : services;
    }

    public record ServiceConnectService(String portName, String discoveryName,
                                        List<ClientAlias> clientAliases, Integer ingressPortOverride,
                                        ObjectNode timeout, ObjectNode tls) {

        /** The Cloud Map service name: discoveryName, else portName (spec §4.1). */
        public String effectiveDiscoveryName() {
            return discoveryName != null ? discoveryName : portName;
        }
    }

    public record ClientAlias(Integer port, String dnsName, ObjectNode testTrafficRules) {}

    /** Deployment.serviceConnectResources: discoveryArn is the Cloud Map service ARN (spec §4.3). */
    public record Resource(String discoveryName, String discoveryArn) {}
}
