package dev.mooring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The AWS SDK for Java v2 parses Mooring's awsQuery and restXml answers and errors into its typed models. */
class ElbSdkTest {
    @TempDir
    static Path stateDir;

    static MooringServer server;
    static ElasticLoadBalancingV2Client elb;
    static Route53Client route53;

    @BeforeAll
    static void start() throws Exception {
        server = MooringServer.builder().stateDir(stateDir).port(0).runtime(MooringServer.RuntimeKind.SIMULATED)
                .simulatedStep(Duration.ofMillis(50)).start();
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        URI endpoint = URI.create(server.endpointUrl());
        elb = ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(Region.EU_CENTRAL_1)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
        route53 = Route53Client.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        elb.close();
        route53.close();
        server.close();
    }

    @Test
    void loadBalancersTargetGroupsAndListenersRoundTrip() {
        LoadBalancer lb = elb.createLoadBalancer(b -> b.name("sdk-alb").scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets("subnet-1", "subnet-2")).loadBalancers().getFirst();
        assertThat(lb.loadBalancerArn()).startsWith("arn:aws:elasticloadbalancing:eu-central-1:000000000000:"
                + "loadbalancer/app/sdk-alb/");
        assertThat(lb.dnsName()).startsWith("internal-sdk-alb-").endsWith(".eu-central-1.elb.amazonaws.com");
        assertThat(lb.createdTime()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(lb.availabilityZones()).hasSize(2);

        var tg = elb.createTargetGroup(b -> b.name("sdk-tg").protocol(ProtocolEnum.HTTP).port(4567).vpcId("vpc-1")
                .targetType(TargetTypeEnum.IP).healthCheckPath("/api/getvotes")).targetGroups().getFirst();
        assertThat(tg.healthCheckIntervalSeconds()).isEqualTo(30);
        assertThat(tg.healthCheckTimeoutSeconds()).isEqualTo(5);
        var listener = elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP)
                .port(4567).defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn())))
                .listeners().getFirst();
        assertThat(listener.defaultActions().getFirst().forwardConfig().targetGroups().getFirst().weight())
                .isEqualTo(1);

        elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("127.0.0.1").port(1)));
        var health = elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn()))
                .targetHealthDescriptions().getFirst();
        assertThat(health.target().port()).isEqualTo(1);
        assertThat(health.targetHealth().state()).isIn(TargetHealthStateEnum.INITIAL, TargetHealthStateEnum.UNHEALTHY);

        assertThatThrownBy(() -> elb.describeLoadBalancers(b -> b.names("nope")))
                .isInstanceOfSatisfying(LoadBalancerNotFoundException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LoadBalancerNotFound");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void hostedZonesAndRecordSetsRoundTrip() {
        var created = route53.createHostedZone(b -> b.name("sdk.lb.internal").callerReference("sdk-1")
                .vpc(v -> v.vpcId("vpc-1").vpcRegion("eu-central-1")));
        String zoneId = created.hostedZone().id();
        // the SDK strips the /hostedzone/ prefix Mooring answers with, as it does for AWS
        assertThat(zoneId).matches("Z[A-Z0-9]+");
        assertThat(created.location()).endsWith(zoneId);
        assertThat(created.changeInfo().status()).isEqualTo(ChangeStatus.INSYNC);

        var change = route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(
                ch -> ch.action(ChangeAction.CREATE).resourceRecordSet(r -> r.name("api.sdk.lb.internal")
                        .type(RRType.A).ttl(30L).resourceRecords(v -> v.value("198.18.0.7"))))));
        assertThat(route53.getChange(b -> b.id(change.changeInfo().id())).changeInfo().status())
                .isEqualTo(ChangeStatus.INSYNC);
        ResourceRecordSet set = route53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets()
                .getFirst();
        assertThat(set.name()).isEqualTo("api.sdk.lb.internal.");
        assertThat(set.ttl()).isEqualTo(30L);
        assertThat(set.resourceRecords().getFirst().value()).isEqualTo("198.18.0.7");

        assertThatThrownBy(() -> route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c ->
                c.changes(ch -> ch.action(ChangeAction.CREATE).resourceRecordSet(r -> r.name("api.sdk.lb.internal")
                        .type(RRType.A).ttl(30L).resourceRecords(v -> v.value("198.18.0.8")))))))
                .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> route53.getHostedZone(b -> b.id("ZNOPE")))
                .isInstanceOfSatisfying(NoSuchHostedZoneException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
    }
}
