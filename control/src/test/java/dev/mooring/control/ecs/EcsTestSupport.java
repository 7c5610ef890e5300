package dev.mooring.control.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** Small helpers the ECS tests share. */
final class EcsTestSupport {
    private EcsTestSupport() {}

    /** A one-container task definition with a named port, as Service Connect needs. */
    static TaskDefinition registerWeb(EcsClient ecs, String family, String portName, int port) {
        return ecs.registerTaskDefinition(RegisterTaskDefinitionRequest.builder().family(family)
                .networkMode("awsvpc").cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx:1.27").essential(true)
                        .portMappings(PortMapping.builder().name(portName).containerPort(port).protocol("tcp")
                                .appProtocol("http").build())
                        .build())
                .build()).taskDefinition();
    }

    /** The AWS error a call fails with, asserting its code and that the message says something. */
    static EcsException error(String code, Runnable call) {
        EcsException e = catchThrowableOfType(EcsException.class, call::run);
        assertThat(e).as("expected " + code).isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }
}
