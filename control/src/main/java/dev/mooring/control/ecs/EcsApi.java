package dev.mooring.control.ecs;

import dev.mooring.api.ApiRouter;
import dev.mooring.api.AwsProtocol;

/** Registers every ECS operation Mooring serves (spec §3.1) on a router. */
public final class EcsApi {
    private EcsApi() {}

    public static void register(ApiRouter router, EcsState ecs) {
        ClusterOperations clusters = new ClusterOperations(ecs);
        TaskDefinitionOperations taskDefinitions = new TaskDefinitionOperations(ecs);
        ServiceOperations services = new ServiceOperations(ecs);
        TaskOperations tasks = new TaskOperations(ecs);
        TagOperations tags = new TagOperations(ecs);
        AwsProtocol p = AwsProtocol.ECS;
        router.register(p, "CreateCluster", Requests.CreateCluster.class, clusters::create)
                .register(p, "UpdateCluster", Requests.UpdateCluster.class, clusters::update)
                .register(p, "DeleteCluster", Requests.DeleteCluster.class, clusters::delete)
                .register(p, "DescribeClusters", Requests.DescribeClusters.class, clusters::describeClusters)
                .register(p, "ListClusters", Requests.ListClusters.class, clusters::list)
                .register(p, "RegisterTaskDefinition", Requests.RegisterTaskDefinition.class,
                        taskDefinitions::register)
                .register(p, "DeregisterTaskDefinition", Requests.TaskDefinitionRef.class,
                        taskDefinitions::deregister)
                .register(p, "DescribeTaskDefinition", Requests.TaskDefinitionRef.class, taskDefinitions::describe)
                .register(p, "ListTaskDefinitions", Requests.ListTaskDefinitions.class, taskDefinitions::list)
                .register(p, "ListTaskDefinitionFamilies", Requests.ListTaskDefinitionFamilies.class,
                        taskDefinitions::families)
                .register(p, "CreateService", Requests.CreateService.class, services::create)
                .register(p, "UpdateService", Requests.UpdateService.class, services::update)
                .register(p, "DeleteService", Requests.DeleteService.class, services::delete)
                .register(p, "DescribeServices", Requests.DescribeServices.class, services::describe)
                .register(p, "ListServices", Requests.ListServices.class, services::list)
                .register(p, "ListServicesByNamespace", Requests.ListServicesByNamespace.class,
                        services::listByNamespace)
                .register(p, "RunTask", Requests.RunTask.class, tasks::run)
                .register(p, "StopTask", Requests.StopTask.class, tasks::stop)
                .register(p, "DescribeTasks", Requests.DescribeTasks.class, tasks::describe)
                .register(p, "ListTasks", Requests.ListTasks.class, tasks::list)
                .register(p, "TagResource", Requests.TagResource.class, tags::tag)
                .register(p, "UntagResource", Requests.UntagResource.class, tags::untag)
                .register(p, "ListTagsForResource", Requests.ListTagsForResource.class, tags::list);
    }
}
