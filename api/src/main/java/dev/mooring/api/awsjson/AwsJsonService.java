package dev.mooring.api.awsjson;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mooring.core.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * One AWS JSON service as clients see it: its signing name (how the domain's operations find it), the target prefix
 * that routes to it, the member that carries an error's text (ECS models {@code message}, Cloud Map
 * {@code Message}; spec §1.4), the code of its server fault, and the mapper with its member casing.
 */
public record AwsJsonService(String name, String targetPrefix, String messageMember, String serverFault,
                             JsonMapper mapper) {

    public static final AwsJsonService ECS = new AwsJsonService("ecs", "AmazonEC2ContainerServiceV20141113",
            "message", "ServerException", Json.ecs());

    public static final AwsJsonService CLOUD_MAP = new AwsJsonService("servicediscovery",
            "Route53AutoNaming_v20170314", "Message", "InternalFailure", Json.cloudMap());

    /** Every service Mooring serves over awsJson1_1. */
    public static final List<AwsJsonService> ALL = List.of(ECS, CLOUD_MAP);

    public static Optional<AwsJsonService> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public String target(String operation) {
        return targetPrefix + "." + operation;
    }
}
