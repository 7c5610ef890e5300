package dev.mooring.control.scheduler;

import dev.mooring.control.Ids;
import dev.mooring.control.ecs.Deployment;
import dev.mooring.control.ecs.EcsState;
import dev.mooring.control.ecs.LoadBalancing;
import dev.mooring.control.ecs.Service;
import dev.mooring.control.ecs.ServiceBuilder;
import dev.mooring.control.ecs.StoredService;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.Task;
import dev.mooring.control.ecs.TaskDefinition;
import dev.mooring.control.ecs.TaskFactory;
import dev.mooring.control.ecs.TaskSet;
import dev.mooring.control.ecs.TaskTags;
import dev.mooring.reconcile.Changes;
import dev.mooring.reconcile.Controller;
import dev.mooring.store.Table;
import dev.mooring.store.Tx;
import dev.mooring.task.HealthStatus;
import dev.mooring.task.Routability;
import dev.mooring.task.StopCode;
import dev.mooring.task.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The REPLICA service scheduler. For each service it keeps desiredCount tasks of the PRIMARY deployment, replaces
 * tasks that stop (with backoff when they keep failing), rolls older deployments' tasks over within
 * minimumHealthyPercent and maximumPercent, keeps the counts and rolloutState true, drains deleted services, and
 * removes the Service Connect Cloud Map services no deployment uses once their instances are gone.
 */
public final class ServiceScheduler implements Controller {
    static final int MAX_EVENTS = 100;

    private final EcsState ecs;
    private final Clock clock;

    /** What one pass decided for one service; applied only if nothing changed it meanwhile. */
    private record Decision(StoredService before, StoredService after, List<StoredTask> taskBefore,
                            List<StoredTask> taskAfter, List<StoredTask> created) {}

    public ServiceScheduler(EcsState ecs, Clock clock) {
        this.ecs = ecs;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "service scheduler";
    }

    @Override
    public List<Table<?>> watches() {
        return List.of(ecs.tables().services(), ecs.tables().tasks(), ecs.tables().taskDefinitions(),
                ecs.tables().taskProtection());
    }

    @Override
    public void reconcile(Changes changed) {
        Instant now = clock.instant();
        Collection<StoredService> services = affected(changed);
        if (services.isEmpty()) {
            return;
        }
        Set<String> wanted = services.stream().map(StoredService::arn).collect(Collectors.toSet());
        Map<String, List<StoredTask>> byService = new HashMap<>();
        ecs.tables().tasks().stream().filter(t -> t.serviceArn() != null && wanted.contains(t.serviceArn()))
                .forEach(t -> byService.computeIfAbsent(t.serviceArn(), k -> new ArrayList<>()).add(t));
        List<Decision> decisions = new ArrayList<>();
        for (StoredService s : services) {
            if (Service.INACTIVE.equals(s.service().status()) && unused(s).isEmpty()) {
                continue;
            }
            Decision d = new Pass(s, byService.getOrDefault(s.arn(), List.of()), now).decide();
            if (d != null) {
                decisions.add(d);
            }
        }
        if (decisions.isEmpty()) {
            return;
        }
        ecs.store().write(tx -> {
            for (Decision d : decisions) {
                if (!tx.get(ecs.tables().services(), d.before().arn()).equals(Optional.of(d.before()))) {
                    continue;
                }
                boolean tasksUnchanged = true;
                for (StoredTask t : d.taskBefore()) {
                    tasksUnchanged &= tx.get(ecs.tables().tasks(), t.arn()).equals(Optional.of(t));
                }
                if (!tasksUnchanged) {
                    continue;
                }
                d.taskAfter().forEach(t -> tx.put(ecs.tables().tasks(), t));
                Service service = d.after().service();
                for (StoredTask t : d.created()) {
                    tx.put(ecs.tables().tasks(), t);
                    ecs.putTags(tx, t.arn(), TaskTags.atLaunch(tx, ecs, t.task(), null, service.propagateTags(),
                            service.enableECSManagedTags(), service.serviceArn()));
                }
                StoredService after = removeUnusedCloudMapServices(tx, d.after());
                if (!after.equals(d.before())) {
                    tx.put(ecs.tables().services(), after);
                }
            }
            return null;
        });
    }

    /**
     * The services a change can move: changed services and the services of changed tasks (a deleted task by what it
     * held). A new task definition or a resync looks at every service.
     */
    private boolean isProtected(StoredTask t, Instant now) {
        return ecs.tables().taskProtection().get(t.arn())
                .filter(p -> Boolean.TRUE.equals(p.protectionEnabled()) && p.expirationDate() != null
                        && p.expirationDate().isAfter(now))
                .isPresent();
    }

    private Collection<StoredService> affected(Changes changed) {
        Table<StoredService> services = ecs.tables().services();
        if (changed.resync() || !changed.ids(ecs.tables().taskDefinitions()).isEmpty()) {
            return services.all();
        }
        Set<String> arns = new HashSet<>(changed.ids(services));
        Table<StoredTask> tasks = ecs.tables().tasks();
        for (String arn : changed.ids(tasks)) {
            tasks.get(arn).or(() -> changed.before(tasks, arn)).map(StoredTask::serviceArn).ifPresent(arns::add);
        }
        // protection rows are keyed by task ARN: a task whose protection ended may now be scaled in
        for (String arn : changed.ids(ecs.tables().taskProtection())) {
            tasks.get(arn).map(StoredTask::serviceArn).ifPresent(arns::add);
        }
        List<StoredService> affected = new ArrayList<>();
        for (String arn : arns) {
            services.get(arn).ifPresent(affected::add);
        }
        return affected;
    }

    /** Cloud Map services this service made that no remaining deployment uses, deleted once they have no instances. */
    private StoredService removeUnusedCloudMapServices(Tx tx, StoredService s) {
        Set<String> unused = unused(s);
        List<String> kept = new ArrayList<>();
        for (String arn : s.cloudMapServices()) {
            if (!unused.contains(arn) || !ecs.cloudMap().deleteServiceIfEmpty(tx, arn)) {
                kept.add(arn);
            }
        }
        return kept.equals(s.cloudMapServices()) ? s : s.with(s.namespaces(), kept);
    }

    /** The Cloud Map services a service made for Service Connect that none of its deployments uses any more. */
    private static Set<String> unused(StoredService s) {
        Set<String> unused = new HashSet<>(s.cloudMapServices());
        if (!Service.INACTIVE.equals(s.service().status())) {
            s.service().deployments().forEach(d -> d.resourcesOrEmpty().forEach(r -> unused.remove(r.discoveryArn())));
        }
        return unused;
    }

    /** The scheduling of one service in one pass. */
    private final class Pass {
        private final StoredService stored;
        private final Service service;
        private final Instant now;
        private final List<StoredTask> tasks;
        private final Map<String, StoredTask> changedTasks = new HashMap<>();
        private final List<StoredTask> created = new ArrayList<>();
        private final List<String> events = new ArrayList<>();
        private final Map<String, Integer> newFailures = new HashMap<>();

        Pass(StoredService stored, List<StoredTask> tasks, Instant now) {
            this.stored = stored;
            this.service = stored.service();
            this.tasks = tasks;
            this.now = now;
        }

        Decision decide() {
            return service.isExternal() ? decideTaskSets() : decideDeployments();
        }

        /**
         * EXTERNAL controller: each task set keeps its computedDesiredCount of tasks, started by its id; the outside
         * controller does the shifting, so there is no rolling update here. Tasks of a task set that is gone stop.
         */
        private Decision decideTaskSets() {
            int failures = acknowledgeStops() + stopUnhealthy();
            Instant notBefore = stored.launchNotBefore();
            if (failures > stored.consecutiveFailures()) {
                notBefore = now.plus(SchedulerBackoff.of(failures));
            }
            boolean draining = !Service.ACTIVE.equals(service.status());
            int serviceDesired = draining ? 0 : service.desiredCount();
            Set<String> ids = new HashSet<>();
            boolean steady = true;
            for (TaskSet ts : service.taskSetsOrEmpty()) {
                ids.add(ts.id());
                int desired = ts.desiredFor(serviceDesired);
                List<StoredTask> mine = new ArrayList<>(live(ts.id()));
                List<StoredTask> removable = mine.stream().filter(t -> draining || !isProtected(t, now)).toList();
                int surplus = Math.min(mine.size() - desired, removable.size());
                if (surplus > 0) {
                    List<StoredTask> candidates = new ArrayList<>(removable);
                    candidates.sort(Comparator.comparing(ServiceScheduler.this::healthy)
                            .thenComparing(t -> t.task().createdAt(), Comparator.reverseOrder()));
                    List<StoredTask> extra = candidates.subList(0, surplus);
                    mine.removeAll(extra);
                    stop(List.copyOf(extra), draining ? "Service is being deleted"
                            : "Scaling activity initiated by (task set " + ts.id() + ")");
                }
                int launch = desired - mine.size();
                if (launch > 0 && (notBefore == null || !now.isBefore(notBefore))) {
                    launch(ts, launch);
                }
                steady &= mine.size() == desired && mine.stream().allMatch(ServiceScheduler.this::healthy);
            }
            List<StoredTask> orphans = live(null).stream().filter(t -> !ids.contains(t.task().startedBy())).toList();
            stop(orphans, "Task set deleted");
            if (steady && orphans.isEmpty()) {
                failures = 0;
            }
            Service next = taskSetCounts(draining);
            StoredService after = stored.with(next).withBackoff(failures, failures == 0 ? null : notBefore);
            if (after.equals(stored) && changedTasks.isEmpty() && created.isEmpty()) {
                return null;
            }
            List<StoredTask> before = tasks.stream().filter(t -> changedTasks.containsKey(t.arn())).toList();
            return new Decision(stored, after, before, List.copyOf(changedTasks.values()), created);
        }

        private void launch(TaskSet ts, int count) {
            Optional<TaskDefinition> td = ecs.tables().taskDefinitions().get(ts.taskDefinition());
            if (td.isEmpty()) {
                return;
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // as on AWS, a task set's tasks carry its id as startedBy
                Task t = TaskFactory.newTask(service.clusterArn(), td.get(), null, "service:" + service.serviceName(),
                        ts.id(), ts.launchType(), ts.platformVersion(), service.enableExecuteCommand(), now);
                String provider = Deployment.providerOf(ts.capacityProviderStrategy());
                if (provider != null) {
                    t = t.toBuilder().capacityProviderName(provider).build();
                }
                created.add(new StoredTask(t, service.serviceArn(), null, List.of(), false));
                ids.add("(task " + t.taskId() + ")");
            }
            events.add("(service " + service.serviceName() + ", taskSet " + ts.id() + ") has started " + count
                    + " tasks: " + String.join(" ", ids) + ".");
        }

        /** Counts per task set and for the service; a DRAINING task set leaves once its tasks have stopped. */
        private Service taskSetCounts(boolean draining) {
            List<StoredTask> current = new ArrayList<>();
            for (StoredTask t : tasks) {
                current.add(changedTasks.getOrDefault(t.arn(), t));
            }
            current.addAll(created);
            int serviceDesired = draining ? 0 : service.desiredCount();
            int running = 0;
            int pending = 0;
            List<TaskSet> taskSets = new ArrayList<>();
            for (TaskSet ts : service.taskSetsOrEmpty()) {
                List<StoredTask> mine = current.stream().filter(t -> ts.id().equals(t.task().startedBy())).toList();
                if (TaskSet.DRAINING.equals(ts.status()) && mine.stream().allMatch(t -> t.task().isStopped())) {
                    continue;
                }
                int r = (int) mine.stream().filter(t -> TaskStatus.RUNNING.equals(t.task().lastStatus())).count();
                int p = (int) mine.stream().filter(t -> TaskStatus.RUNNING.equals(t.task().desiredStatus())
                        && (TaskStatus.PENDING.equals(t.task().lastStatus())
                        || TaskStatus.PROVISIONING.equals(t.task().lastStatus()))).count();
                running += r;
                pending += p;
                taskSets.add(ts.withCounts(ts.desiredFor(serviceDesired), p, r, now));
            }
            ServiceBuilder b = service.toBuilder().taskSets(taskSets).runningCount(running).pendingCount(pending)
                    .events(withEvents());
            if (draining && current.stream().allMatch(t -> t.task().isStopped())) {
                b.status(Service.INACTIVE);
            }
            return b.build();
        }

        private Decision decideDeployments() {
            int failures = acknowledgeStops() + stopUnhealthy();
            Instant notBefore = stored.launchNotBefore();
            if (failures > stored.consecutiveFailures()) {
                notBefore = now.plus(SchedulerBackoff.of(failures));
            }
            boolean draining = !Service.ACTIVE.equals(service.status());
            int desired = draining ? 0 : service.desiredCount();
            Deployment primary = service.primary();
            List<StoredTask> primaryLive = live(primary.id());
            List<StoredTask> oldLive = live(null).stream().filter(t -> !primary.id().equals(t.task().startedBy()))
                    .toList();
            Service.DeploymentConfiguration dc = service.deploymentConfiguration();
            int minHealthy = (int) Math.ceil(desired * dc.minHealthyPercent() / 100.0);
            int maxTotal = (int) Math.floor(desired * dc.maxPercent() / 100.0);

            List<StoredTask> primaryKept = new ArrayList<>(primaryLive);
            // scale-in protection (UpdateTaskProtection) spares a task until it ends, unless the service is deleted
            List<StoredTask> removable = primaryKept.stream().filter(t -> draining || !isProtected(t, now)).toList();
            int surplus = Math.min(primaryKept.size() - desired, removable.size());
            if (surplus > 0) {
                // scale in: pending tasks go first, then the newest
                List<StoredTask> candidates = new ArrayList<>(removable);
                candidates.sort(Comparator.comparing(ServiceScheduler.this::healthy)
                        .thenComparing(t -> t.task().createdAt(), Comparator.reverseOrder()));
                List<StoredTask> extra = new ArrayList<>(candidates.subList(0, surplus));
                primaryKept.removeAll(extra);
                stop(extra, draining ? "Service is being deleted" : "Scaling activity initiated by (deployment "
                        + primary.id() + ")");
            }
            int healthyCount = (int) primaryKept.stream().filter(ServiceScheduler.this::healthy).count()
                    + (int) oldLive.stream().filter(ServiceScheduler.this::healthy).count();
            List<StoredTask> oldStopped = new ArrayList<>();
            for (StoredTask t : oldLive) {
                if (!healthy(t)) {
                    oldStopped.add(t);
                } else if (healthyCount - 1 >= minHealthy) {
                    oldStopped.add(t);
                    healthyCount--;
                }
            }
            stop(oldStopped, "Scaling activity initiated by (deployment " + primary.id() + ")");
            int liveAfter = primaryKept.size() + oldLive.size() - oldStopped.size();
            int launch = Math.min(desired - primaryKept.size(), Math.max(0, maxTotal - liveAfter));
            if (launch > 0 && (notBefore == null || !now.isBefore(notBefore))) {
                launch(primary, launch);
            }
            if (primaryKept.size() == desired && oldLive.isEmpty()
                    && primaryKept.stream().allMatch(ServiceScheduler.this::healthy)) {
                failures = 0; // steady: the failure streak is over
            }
            Service next = counts(draining);
            StoredService after = stored.with(next).withBackoff(failures, failures == 0 ? null : notBefore);
            after = after.with(prunedNamespaces(next), after.cloudMapServices());
            if (after.equals(stored) && changedTasks.isEmpty() && created.isEmpty()) {
                return unused(stored).isEmpty() ? null
                        : new Decision(stored, stored, List.of(), List.of(), List.of());
            }
            List<StoredTask> before = tasks.stream().filter(t -> changedTasks.containsKey(t.arn())).toList();
            return new Decision(stored, after, before, List.copyOf(changedTasks.values()), created);
        }

        /** Tasks that stopped since the last pass: events for unexpected stops, and the failure streak. */
        private int acknowledgeStops() {
            int failures = stored.consecutiveFailures();
            for (StoredTask t : tasks) {
                if (!t.task().isStopped() || t.acknowledged()) {
                    continue;
                }
                StopCode code = t.task().stopCode();
                if (code == null || !code.isRequested()) {
                    failures++;
                    newFailures.merge(t.task().startedBy(), 1, Integer::sum);
                    events.add("(service " + service.serviceName() + ") task " + t.task().taskId() + " stopped: "
                            + t.task().stoppedReason() + " (" + code + ").");
                }
                changedTasks.put(t.arn(), t.acknowledge());
            }
            return failures;
        }

        /**
         * ECS's service scheduler (not the agent) replaces a task whose essential container failed its health
         * check: stopped here, counted as a failure for the backoff, and replaced like any stopped task.
         */
        private int stopUnhealthy() {
            List<StoredTask> unhealthy = tasks.stream().filter(t -> TaskStatus.RUNNING.equals(t.task().desiredStatus())
                    && t.task().healthStatus() == HealthStatus.UNHEALTHY).toList();
            for (StoredTask t : unhealthy) {
                newFailures.merge(t.task().startedBy(), 1, Integer::sum);
                events.add("(service " + service.serviceName() + ") (task " + t.task().taskId()
                        + ") failed container health checks.");
            }
            stop(unhealthy, "Task failed container health checks");
            return unhealthy.size() + stopFailingTargets(unhealthy);
        }

        /**
         * A task whose target fails its load balancer's health checks, once the service's
         * healthCheckGracePeriodSeconds since it started are over, is replaced as ECS replaces it.
         */
        private int stopFailingTargets(List<StoredTask> alreadyStopped) {
            if (service.loadBalancers() == null || service.loadBalancers().isEmpty()) {
                return 0;
            }
            int grace = service.healthCheckGracePeriodSeconds() == null ? 0 : service.healthCheckGracePeriodSeconds();
            int stopped = 0;
            for (StoredTask t : tasks) {
                Task task = t.task();
                if (alreadyStopped.contains(t) || task.desiredStatus() != TaskStatus.RUNNING
                        || task.lastStatus() != TaskStatus.RUNNING || task.startedAt() == null
                        || task.startedAt().plusSeconds(grace).isAfter(now)) {
                    continue;
                }
                if (ecs.loadBalancing().targetHealth(task.taskArn())
                        instanceof LoadBalancing.TargetHealth.Unhealthy u) {
                    newFailures.merge(task.startedBy(), 1, Integer::sum);
                    events.add("(service " + service.serviceName() + ") (task " + task.taskId() + ") (port "
                            + u.port() + ") is unhealthy in (target-group " + u.targetGroupArn() + ") due to (reason "
                            + u.reason() + ").");
                    stop(List.of(t), "Task failed ELB health checks in (target-group " + u.targetGroupArn() + ")");
                    stopped++;
                }
            }
            return stopped;
        }

        /** Tasks meant to run, as this pass left them (a task it just stopped is no longer live). */
        private List<StoredTask> live(String deploymentId) {
            return tasks.stream().map(t -> changedTasks.getOrDefault(t.arn(), t))
                    .filter(t -> TaskStatus.RUNNING.equals(t.task().desiredStatus()))
                    .filter(t -> deploymentId == null || deploymentId.equals(t.task().startedBy())).toList();
        }

        private void stop(List<StoredTask> victims, String reason) {
            if (victims.isEmpty()) {
                return;
            }
            for (StoredTask t : victims) {
                Task task = t.task().toBuilder().desiredStatus(TaskStatus.STOPPED)
                        .stopCode(StopCode.SERVICE_SCHEDULER_INITIATED)
                        .stoppedReason(reason).version(t.task().version() + 1).build();
                changedTasks.put(t.arn(), t.with(task));
            }
            events.add("(service " + service.serviceName() + ") has stopped " + victims.size() + " running tasks: "
                    + victims.stream().map(t -> "(task " + t.task().taskId() + ")")
                    .collect(java.util.stream.Collectors.joining(" ")) + ".");
        }

        private void launch(Deployment primary, int count) {
            Optional<TaskDefinition> td = ecs.tables().taskDefinitions().get(primary.taskDefinition());
            if (td.isEmpty()) {
                return;
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Task t = TaskFactory.newTask(service.clusterArn(), td.get(), null, "service:" + service.serviceName(),
                        primary.id(), primary.launchType(), primary.platformVersion(),
                        service.enableExecuteCommand(), now);
                if (primary.capacityProvider() != null) {
                    t = t.toBuilder().capacityProviderName(primary.capacityProvider()).build();
                }
                if (primary.serviceConnectConfiguration() != null
                        && primary.serviceConnectConfiguration().isEnabled()) {
                    t = TaskFactory.withServiceConnect(t);
                }
                created.add(new StoredTask(t, service.serviceArn(), null, List.of(), false));
                ids.add("(task " + t.taskId() + ")");
            }
            events.add("(service " + service.serviceName() + ") has started " + count + " tasks: "
                    + String.join(" ", ids) + ".");
        }

        /** Counts per deployment and for the service, rolloutState, finished deployments dropped, events added. */
        private Service counts(boolean draining) {
            List<StoredTask> current = new ArrayList<>();
            for (StoredTask t : tasks) {
                current.add(changedTasks.getOrDefault(t.arn(), t));
            }
            current.addAll(created);
            int running = 0;
            int pending = 0;
            List<Deployment> deployments = new ArrayList<>();
            for (Deployment d : service.deployments()) {
                boolean isPrimary = d == service.primary();
                List<StoredTask> mine = current.stream().filter(t -> d.id().equals(t.task().startedBy())).toList();
                if (!isPrimary && mine.stream().allMatch(t -> t.task().isStopped())) {
                    continue; // drained: the deployment becomes INACTIVE and leaves the list
                }
                int r = (int) mine.stream().filter(t -> TaskStatus.RUNNING.equals(t.task().lastStatus())).count();
                int p = (int) mine.stream().filter(t -> TaskStatus.RUNNING.equals(t.task().desiredStatus())
                        && (TaskStatus.PENDING.equals(t.task().lastStatus())
                        || TaskStatus.PROVISIONING.equals(t.task().lastStatus()))).count();
                int liveCount = (int) mine.stream().filter(t -> TaskStatus.RUNNING.equals(t.task().desiredStatus()))
                        .count();
                running += r;
                pending += p;
                int failed = d.failedTasks() + newFailures.getOrDefault(d.id(), 0);
                int desired = isPrimary ? (draining ? 0 : service.desiredCount()) : liveCount;
                deployments.add(d.withCounts(desired, p, r, failed, d.rolloutState(), d.rolloutStateReason(), now));
            }
            Deployment primary = deployments.getFirst();
            boolean done = deployments.size() == 1 && primary.runningCount().equals(primary.desiredCount())
                    && primary.pendingCount() == 0;
            if (done && Deployment.IN_PROGRESS.equals(primary.rolloutState())) {
                primary = primary.withCounts(primary.desiredCount(), primary.pendingCount(), primary.runningCount(),
                        primary.failedTasks(), Deployment.COMPLETED, "ECS deployment " + primary.id()
                                + " completed.", now);
                deployments.set(0, primary);
                events.add("(service " + service.serviceName() + ") (deployment " + primary.id()
                        + ") deployment completed.");
                events.add("(service " + service.serviceName() + ") has reached a steady state.");
            }
            ServiceBuilder b = service.toBuilder().deployments(deployments).runningCount(running)
                    .pendingCount(pending).events(withEvents());
            if (draining && current.stream().allMatch(t -> t.task().isStopped())) {
                b.status(Service.INACTIVE);
            }
            return b.build();
        }

        private List<Service.ServiceEvent> withEvents() {
            if (events.isEmpty()) {
                return service.events();
            }
            List<Service.ServiceEvent> all = new ArrayList<>();
            for (int i = events.size() - 1; i >= 0; i--) {
                all.add(new Service.ServiceEvent(Ids.uuid(), now, events.get(i)));
            }
            all.addAll(service.events());
            return List.copyOf(all.subList(0, Math.min(all.size(), MAX_EVENTS)));
        }

        private Map<String, String> prunedNamespaces(Service next) {
            Map<String, String> kept = new HashMap<>();
            if (!Service.INACTIVE.equals(next.status())) {
                next.deployments().forEach(d -> {
                    String ns = stored.namespaces().get(d.id());
                    if (ns != null) {
                        kept.put(d.id(), ns);
                    }
                });
            }
            return kept;
        }
    }

    /** Counts toward minimumHealthyPercent (see {@link Routability#isHealthy}). */
    private boolean healthy(StoredTask t) {
        Task task = t.task();
        boolean containers = Routability.isHealthy(task.desiredStatus(), task.lastStatus(), task.healthStatus(),
                () -> healthChecked(task.taskDefinitionArn()));
        // behind a load balancer, a task counts only once its targets pass the load balancer's health checks (ECS)
        return containers && (!behindLoadBalancer(t) || ecs.loadBalancing().targetHealth(task.taskArn())
                instanceof LoadBalancing.TargetHealth.Healthy);
    }

    private boolean behindLoadBalancer(StoredTask t) {
        return t.serviceArn() != null && ecs.tables().services().get(t.serviceArn())
                .map(s -> s.service().loadBalancers() != null && !s.service().loadBalancers().isEmpty())
                .orElse(false);
    }

    private boolean healthChecked(String taskDefinitionArn) {
        return ecs.tables().taskDefinitions().get(taskDefinitionArn).map(td -> td.containerDefinitions().stream()
                .anyMatch(c -> !Boolean.FALSE.equals(c.essential()) && c.healthCheck() != null)).orElse(false);
    }
}
