package dev.mooring.api;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mooring.core.json.Json;

/**
 * One AWS JSON service as clients see it: the target prefix that routes to it, the member that carries an error's
 * text (ECS models {@code message}, Cloud Map {@code Message}; spec §1.4), the code of its server fault, and the
 * mapper with its member casing.
 */
public record AwsProtocol(String name, String targetPrefix, String messageMember, String serverFault,
                          JsonMapper mapper) {

    public static final AwsProtocol ECS = new AwsProtocol("ecs", "AmazonEC2ContainerServiceV20141113", "message",
            "ServerException", Json.ecs());

    public static final AwsProtocol CLOUD_MAP = new AwsProtocol("servicediscovery", "Route53AutoNaming_v20170314",
            "Message", "InternalFailure", Json.cloudMap());

    public String target(String operation) {
        return targetPrefix + "." + operation;
    }
}
