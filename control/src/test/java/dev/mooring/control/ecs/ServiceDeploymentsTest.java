package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * Service deployments and revisions as Terraform's steady-state wait and rollbacks read them (issue 10), through the
 * AWS SDK for Java: one per deployment, Service Connect in the revision, StopServiceDeployment rolling back.
 */
class ServiceDeploymentsTest extends EcsTestBase {
    @Test
    void deploymentsAndRevisionsFollowTheServiceAndStopRollsBack() {
        ecs.createCluster(b -> b.clusterName("apps").serviceConnectDefaults(d -> d.namespace("apps.local")));
        String v1 = EcsTestSupport.registerWeb(ecs, "web", "http", 8080).taskDefinitionArn();
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(1)
                .serviceConnectConfiguration(sc -> sc.enabled(true).services(s -> s.portName("http")
                        .clientAliases(a -> a.port(80)))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ecs.listServiceDeployments(b -> b
                .cluster("apps").service("web")).serviceDeployments()).singleElement()
                .extracting(ServiceDeploymentBrief::status).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL));
        ServiceDeploymentBrief first = ecs.listServiceDeployments(b -> b.cluster("apps").service("web"))
                .serviceDeployments().getFirst();
        assertThat(first.serviceDeploymentArn())
                .matches("arn:aws:ecs:us-east-1:123456789012:service-deployment/apps/web/\\d+");
        assertThat(first.finishedAt()).isNotNull();

        var revision = ecs.describeServiceRevisions(b -> b.serviceRevisionArns(first.targetServiceRevisionArn()))
                .serviceRevisions().getFirst();
        assertThat(revision.taskDefinition()).isEqualTo(v1);
        assertThat(revision.serviceConnectConfiguration().enabled()).isTrue();
        assertThat(revision.serviceConnectConfiguration().services().getFirst().portName()).isEqualTo("http");

        // a new revision that never gets healthy enough to finish: its deployment stays IN_PROGRESS
        mooring.close();
        mooring = new dev.mooring.control.MooringFixture(dir, Duration.ofMinutes(5));
        ecs = mooring.ecs();
        EcsTestSupport.registerWeb(ecs, "web", "http", 8080);
        ecs.updateService(b -> b.cluster("apps").service("web").taskDefinition("web:2"));
        var inProgress = ecs.listServiceDeployments(b -> b.cluster("apps").service("web")
                .statusWithStrings("IN_PROGRESS")).serviceDeployments();
        assertThat(inProgress).singleElement();
        var described = ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(
                inProgress.getFirst().serviceDeploymentArn(), first.serviceDeploymentArn() + "9"));
        assertThat(described.serviceDeployments()).singleElement().satisfies(d -> {
            assertThat(d.sourceServiceRevisions()).extracting(r -> r.arn())
                    .containsExactly(first.targetServiceRevisionArn());
            assertThat(d.targetServiceRevision().requestedTaskCount()).isEqualTo(1);
        });
        assertThat(described.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));

        ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(inProgress.getFirst().serviceDeploymentArn()));
        var service = ecs.describeServices(b -> b.cluster("apps").services("web")).services().getFirst();
        assertThat(service.taskDefinition()).isEqualTo(v1);
        error("ConflictException", () -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(
                inProgress.getFirst().serviceDeploymentArn())));
        error("ServiceDeploymentNotFoundException", () -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(
                first.serviceDeploymentArn() + "9")));
        error("ServiceNotFoundException", () -> ecs.listServiceDeployments(b -> b.cluster("apps").service("nope")));
    }
}
