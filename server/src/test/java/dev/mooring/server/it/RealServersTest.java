package dev.mooring.server.it;

import static dev.mooring.server.it.RealMooring.env;
import static dev.mooring.server.it.RealMooring.exec;
import static dev.mooring.server.it.RealMooring.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.Task;

/** The YELB sample's data tier as real servers: Redis and PostgreSQL tasks serve a client task by their DNS names. */
class RealServersTest {
    static final String CLUSTER = "yelb";
    static final String NAMESPACE = "yelb.cloudmap.internal";

    @TempDir
    static Path stateDir;
    static RealMooring mooring;

    @BeforeAll
    static void start() throws Exception {
        mooring = RealMooring.start(stateDir);
        mooring.ecs().createCluster(b -> b.clusterName(CLUSTER));
    }

    @AfterAll
    static void stop() {
        if (mooring != null) {
            mooring.close();
        }
    }

    @Test
    void redisAndPostgresServeAClientThroughTheirCloudMapNames() {
        String ns = mooring.privateNamespace(NAMESPACE);
        JsonNode redis = mooring.discoveryService("yelb-redis", ns, 10);
        JsonNode db = mooring.discoveryService("yelb-db", ns, 10);
        mooring.register("yelb-redis", RealMooring.container("redis-server", "public.ecr.aws/j7e2a1k3/redis-sc:4.0.2")
                .portMappings(PortMapping.builder().name("yelb-redis").containerPort(6379).build()).build());
        mooring.register("yelb-db", RealMooring.container("yelb-db", "public.ecr.aws/j7e2a1k3/yelb-sc-db:0.5")
                .environment(env("POSTGRES_PASSWORD", "postgres_password")).stopTimeout(10)
                .portMappings(PortMapping.builder().name("yelb-db").containerPort(5432).build()).build());
        for (var s : List.of(redis, db)) {
            String name = s.path("Name").asText();
            mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName(name).taskDefinition(name)
                    .desiredCount(1).launchType("FARGATE")
                    .serviceRegistries(ServiceRegistry.builder().registryArn(s.path("Arn").asText()).build()));
        }
        Task redisTask = mooring.awaitRunning(CLUSTER, "yelb-redis", 1, Duration.ofSeconds(60)).getFirst();
        mooring.awaitRunning(CLUSTER, "yelb-db", 1, Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(10)).until(() -> mooring.dig("yelb-redis." + NAMESPACE).size() == 1
                && mooring.dig("yelb-db." + NAMESPACE).size() == 1);

        String client = """
                while :; do
                  /usr/bin/python3 -c "import socket; s = socket.create_connection(('yelb-redis.yelb.cloudmap.internal', 6379), 2); s.sendall(b'PING\\r\\n'); print('redis says', s.recv(64).decode().strip())" 2>&1
                  /usr/bin/psql -h yelb-db.yelb.cloudmap.internal -U postgres -d yelbdatabase -tA -c "SELECT 'postgres says ' || string_agg(rtrim(name), ',' ORDER BY name) FROM restaurants" 2>&1
                  sleep 1
                done
                """;
        mooring.register("yelb-client", exec("client", "/bin/sh", "-c", client)
                .environment(env("PGPASSWORD", "postgres_password"), env("PGCONNECT_TIMEOUT", "3")).build());
        String clientArn = mooring.ecs().runTask(b -> b.cluster(CLUSTER).taskDefinition("yelb-client")
                .launchType("FARGATE")).tasks().getFirst().taskArn();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mooring.logLines(taskId(clientArn),
                "client")).contains("redis says +PONG", "postgres says bucadibeppo,chipotle,ihop,outback"));
        mooring.ecs().stopTask(b -> b.cluster(CLUSTER).task(clientArn));
    }
}
