package dev.mooring.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members Mooring stores without interpreting (network configuration, volumes, mount points, …) still have the shape
 * the model gives them: a string where a structure or a list belongs is a SerializationException, as on AWS.
 */
class ShapeStrictnessTest {
    private static final String ECS = "AmazonEC2ContainerServiceV20141113.";

    @TempDir
    Path dir;
    MooringFixture mooring;
    RawApi api;

    @BeforeEach
    void start() {
        mooring = new MooringFixture(dir);
        api = new RawApi(mooring.endpoint());
        api.call(ECS + "CreateCluster", Map.of());
    }

    @AfterEach
    void stop() {
        mooring.close();
    }

    private RawApi.Answer post(String operation, String body) {
        return api.post(ECS + operation, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aStructureOrListGivenAsAnotherShapeIsRefusedByName() {
        RawApi.Answer mounts = post("RegisterTaskDefinition", "{\"family\":\"web\",\"containerDefinitions\":"
                + "[{\"name\":\"web\",\"image\":\"mooring/exec\",\"mountPoints\":{\"sourceVolume\":\"data\"}}]}");
        assertThat(mounts.status()).isEqualTo(400);
        assertThat(mounts.json().path("__type").asText()).isEqualTo("SerializationException");
        assertThat(mounts.json().path("message").asText()).contains("mountPoints");

        RawApi.Answer network = post("RunTask", "{\"taskDefinition\":\"web\",\"networkConfiguration\":\"subnet-1\"}");
        assertThat(network.status()).isEqualTo(400);
        assertThat(network.json().path("message").asText()).contains("networkConfiguration");

        RawApi.Answer balancers = post("CreateService", "{\"serviceName\":\"s\",\"taskDefinition\":\"web\","
                + "\"desiredCount\":1,\"loadBalancers\":{\"containerName\":\"web\"}}");
        assertThat(balancers.status()).isEqualTo(400);
        assertThat(balancers.json().path("message").asText()).contains("loadBalancers");

        RawApi.Answer fine = post("RegisterTaskDefinition", "{\"family\":\"web\",\"volumes\":[{\"name\":\"data\"}],"
                + "\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"mooring/exec\",\"mountPoints\":"
                + "[{\"sourceVolume\":\"data\",\"containerPath\":\"/data\"}]}]}");
        assertThat(fine.status()).as(fine.body()).isEqualTo(200);
        assertThat(fine.json().path("taskDefinition").path("containerDefinitions").path(0).path("mountPoints")
                .path(0).path("containerPath").asText()).isEqualTo("/data");
    }
}
