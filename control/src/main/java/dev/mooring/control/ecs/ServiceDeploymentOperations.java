package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.core.operation.ServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions and StopServiceDeployment, seen from
 * the service's deployments (spec §4.3): each deployment is one service deployment and one service revision, both
 * named after its id ({@code ecs-svc/<digits>} gives {@code …:service-deployment/<cluster>/<service>/<digits>} and
 * {@code …:service-revision/…}). The Service Connect configuration is the deployment's, so the revision shows it.
 */
final class ServiceDeploymentOperations {
    private static final Set<String> STATUSES = Set.of("PENDING", "SUCCESSFUL", "STOPPED", "STOP_REQUESTED",
            "IN_PROGRESS", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED");

    record CreatedAt(Instant before, Instant after) {}

    record ListServiceDeploymentsRequest(String service, String cluster, List<String> status, CreatedAt createdAt,
                                         String nextToken, Integer maxResults) {}

    record DescribeServiceDeploymentsRequest(List<String> serviceDeploymentArns) {}

    record DescribeServiceRevisionsRequest(List<String> serviceRevisionArns) {}

    record StopServiceDeploymentRequest(String serviceDeploymentArn, String stopType) {}

    record Brief(String serviceDeploymentArn, String serviceArn, String clusterArn, Instant startedAt,
                 Instant createdAt, Instant finishedAt, String targetServiceRevisionArn, String status,
                 String statusReason) {}

    record RevisionSummary(String arn, Integer requestedTaskCount, Integer runningTaskCount,
                           Integer pendingTaskCount) {}

    record ServiceDeployment(String serviceDeploymentArn, String serviceArn, String clusterArn, Instant createdAt,
                             Instant startedAt, Instant finishedAt, Instant updatedAt,
                             List<RevisionSummary> sourceServiceRevisions, RevisionSummary targetServiceRevision,
                             String status, String statusReason,
                             Service.DeploymentConfiguration deploymentConfiguration) {}

    record ServiceRevision(String serviceRevisionArn, String serviceArn, String clusterArn, String taskDefinition,
                           JsonNode capacityProviderStrategy, String launchType, String platformVersion,
                           String platformFamily, JsonNode loadBalancers, List<Service.ServiceRegistry>
                                   serviceRegistries, JsonNode networkConfiguration,
                           ServiceConnectConfiguration serviceConnectConfiguration, Instant createdAt) {}

    record ListResponse(List<Brief> serviceDeployments, String nextToken) {}

    record DescribeDeploymentsResponse(List<ServiceDeployment> serviceDeployments, List<Failure> failures) {}

    record DescribeRevisionsResponse(List<ServiceRevision> serviceRevisions, List<Failure> failures) {}

    record StopResponse(String serviceDeploymentArn) {}

    private final EcsState ecs;
    private final ServiceOperations services;

    ServiceDeploymentOperations(EcsState ecs, ServiceOperations services) {
        this.ecs = ecs;
        this.services = services;
    }

    private static String arn(String kind, Service s, Deployment d) {
        String cluster = Arns.lastSegment(s.clusterArn());
        return s.clusterArn().substring(0, s.clusterArn().indexOf(":cluster/") + 1) + kind + "/" + cluster + "/"
                + s.serviceName() + "/" + d.id().substring(d.id().indexOf('/') + 1);
    }

    /** A PRIMARY deployment is in progress or done; an older one was replaced before or after it finished. */
    private static String status(Deployment d) {
        boolean done = Deployment.COMPLETED.equals(d.rolloutState());
        if (Deployment.PRIMARY.equals(d.status())) {
            return done ? "SUCCESSFUL" : "IN_PROGRESS";
        }
        return done ? "SUCCESSFUL" : "STOPPED";
    }

    private static Instant finishedAt(Deployment d) {
        return "IN_PROGRESS".equals(status(d)) ? null : d.updatedAt();
    }

    ListResponse list(RequestContext ctx, ListServiceDeploymentsRequest in) {
        String ref = Validation.require(in.service(), "service");
        List<String> statuses = in.status() == null ? List.of() : in.status();
        statuses.forEach(st -> Validation.oneOf(st, STATUSES, "status"));
        Cluster cluster = ecs.resolver().activeCluster(null, ctx, in.cluster());
        Service s = ecs.resolver().service(null, cluster.clusterArn(), ref)
                .orElseThrow(() -> Errors.serviceNotFound(ref)).service();
        List<Brief> briefs = s.deployments().stream()
                .filter(d -> statuses.isEmpty() || statuses.contains(status(d)))
                .filter(d -> in.createdAt() == null || (in.createdAt().before() == null
                        || d.createdAt().isBefore(in.createdAt().before()))
                        && (in.createdAt().after() == null || d.createdAt().isAfter(in.createdAt().after())))
                .map(d -> new Brief(arn("service-deployment", s, d), s.serviceArn(), s.clusterArn(), d.createdAt(),
                        d.createdAt(), finishedAt(d), arn("service-revision", s, d), status(d), null))
                .toList();
        var page = dev.mooring.control.Page.of(briefs.stream(), b -> b.serviceDeploymentArn(), in.nextToken(),
                in.maxResults(), 20, 100, "InvalidParameterException");
        return new ListResponse(page.items(), page.nextToken());
    }

    /** The service and deployment an ARN of either kind names, if they still exist. */
    private Optional<Found> find(RequestContext ctx, String arn, String kind) {
        String marker = ":" + kind + "/";
        int at = arn.indexOf(marker);
        if (at < 0 || !arn.startsWith(Arns.prefix(ctx))) {
            return Optional.empty();
        }
        String[] parts = arn.substring(at + marker.length()).split("/");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String clusterArn = Arns.cluster(ctx, parts[0]);
        return ecs.tables().services().get(Arns.service(clusterArn, parts[1])).map(StoredService::service)
                .flatMap(s -> s.deployments().stream().filter(d -> d.id().equals("ecs-svc/" + parts[2]))
                        .findFirst().map(d -> new Found(s, d)));
    }

    private record Found(Service service, Deployment deployment) {}

    DescribeDeploymentsResponse describeDeployments(RequestContext ctx, DescribeServiceDeploymentsRequest in) {
        List<String> arns = requireArns(in.serviceDeploymentArns(), "serviceDeploymentArns");
        List<ServiceDeployment> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String arn : arns) {
            find(ctx, arn, "service-deployment").ifPresentOrElse(f -> {
                Service s = f.service();
                Deployment d = f.deployment();
                List<RevisionSummary> sources = s.deployments().stream().filter(o -> o != d
                        && o.createdAt().isBefore(d.createdAt())).map(o -> summary(s, o)).toList();
                found.add(new ServiceDeployment(arn, s.serviceArn(), s.clusterArn(), d.createdAt(), d.createdAt(),
                        finishedAt(d), d.updatedAt(), sources, summary(s, d), status(d), d.rolloutStateReason(),
                        s.deploymentConfiguration()));
            }, () -> failures.add(Failure.missing(arn)));
        }
        return new DescribeDeploymentsResponse(found, failures);
    }

    private static RevisionSummary summary(Service s, Deployment d) {
        return new RevisionSummary(arn("service-revision", s, d), d.desiredCount(), d.runningCount(),
                d.pendingCount());
    }

    DescribeRevisionsResponse describeRevisions(RequestContext ctx, DescribeServiceRevisionsRequest in) {
        List<String> arns = requireArns(in.serviceRevisionArns(), "serviceRevisionArns");
        List<ServiceRevision> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String arn : arns) {
            find(ctx, arn, "service-revision").ifPresentOrElse(f -> {
                Service s = f.service();
                Deployment d = f.deployment();
                found.add(new ServiceRevision(arn, s.serviceArn(), s.clusterArn(), d.taskDefinition(),
                        d.capacityProviderStrategy(), d.launchType(), d.platformVersion(), d.platformFamily(),
                        s.loadBalancers(), s.serviceRegistries(), d.networkConfiguration(),
                        d.serviceConnectConfiguration(), d.createdAt()));
            }, () -> failures.add(Failure.missing(arn)));
        }
        return new DescribeRevisionsResponse(found, failures);
    }

    /**
     * ROLLBACK (the default) starts a new deployment of the revision the stopped one replaced, as UpdateService with
     * its task definition would; ABORT is not offered. Only a deployment in progress can be stopped.
     */
    StopResponse stop(RequestContext ctx, StopServiceDeploymentRequest in) {
        String arn = Validation.require(in.serviceDeploymentArn(), "serviceDeploymentArn");
        Validation.oneOf(in.stopType(), Set.of("ROLLBACK", "ABORT"), "stopType");
        if ("ABORT".equals(in.stopType())) {
            throw new ServiceException("UnsupportedFeatureException", "Mooring stops a service deployment only by"
                    + " rolling back (stopType ROLLBACK).");
        }
        Found f = find(ctx, arn, "service-deployment").orElseThrow(() -> new ServiceException(
                "ServiceDeploymentNotFoundException", "The service deployment does not exist."));
        if (!"IN_PROGRESS".equals(status(f.deployment()))) {
            throw new ServiceException("ConflictException", "The service deployment is " + status(f.deployment())
                    + ", not IN_PROGRESS: only a deployment in progress can be stopped.");
        }
        Deployment previous = f.service().deployments().stream().filter(d -> d != f.deployment())
                .max(java.util.Comparator.comparing(Deployment::createdAt))
                .orElseThrow(() -> Errors.invalid("The service deployment replaced no earlier revision, so there is"
                        + " nothing to roll back to."));
        services.update(ctx, new Requests.UpdateService(f.service().clusterArn(), f.service().serviceArn(), null,
                previous.taskDefinition(), null, null, null, null, null, null, null, null, null, null, null, null,
                null, null));
        return new StopResponse(arn);
    }

    private static List<String> requireArns(List<String> arns, String member) {
        List<String> list = Validation.require(arns, member);
        if (list.isEmpty()) {
            throw Errors.required(member);
        }
        Validation.maxItems(list, 20, member);
        return list;
    }
}
