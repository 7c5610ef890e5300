package dev.mooring.control.ecs;

import dev.mooring.core.operation.Operations;

/** Every ECS operation Mooring serves (spec §3.1), whatever protocol serves them. */
public final class EcsApi {
    private EcsApi() {}

    public static Operations operations(EcsState ecs) {
        ClusterOperations clusters = new ClusterOperations(ecs);
        TaskDefinitionOperations taskDefinitions = new TaskDefinitionOperations(ecs);
        ServiceOperations services = new ServiceOperations(ecs);
        TaskOperations tasks = new TaskOperations(ecs);
        TagOperations tags = new TagOperations(ecs);
        CapacityProviders capacity = new CapacityProviders(ecs);
        TaskProtectionOperations protection = new TaskProtectionOperations(ecs);
        AccountSettingOperations settings = new AccountSettingOperations(ecs);
        TaskSetOperations taskSets = new TaskSetOperations(ecs);
        ServiceDeploymentOperations deployments = new ServiceDeploymentOperations(ecs, services);
        return new Operations("ecs")
                .register("CreateCluster", Requests.CreateCluster.class, clusters::create)
                .register("UpdateCluster", Requests.UpdateCluster.class, clusters::update)
                .register("DeleteCluster", Requests.DeleteCluster.class, clusters::delete)
                .register("DescribeClusters", Requests.DescribeClusters.class, clusters::describeClusters)
                .register("ListClusters", Requests.ListClusters.class, clusters::list)
                .register("PutClusterCapacityProviders", Requests.PutClusterCapacityProviders.class,
                        clusters::putCapacityProviders)
                .register("UpdateClusterSettings", Requests.UpdateClusterSettings.class, clusters::updateSettings)
                .register("DescribeCapacityProviders", Requests.DescribeCapacityProviders.class, capacity::describe)
                .register("CreateCapacityProvider", Requests.CapacityProviderChange.class, capacity::refuse)
                .register("UpdateCapacityProvider", Requests.CapacityProviderChange.class, capacity::refuse)
                .register("DeleteCapacityProvider", Requests.CapacityProviderChange.class, capacity::refuse)
                .register("ListContainerInstances", Requests.ListContainerInstances.class,
                        capacity::listContainerInstances)
                .register("DescribeContainerInstances", Requests.DescribeContainerInstances.class,
                        capacity::describeContainerInstances)
                .register("PutAccountSetting", Requests.PutAccountSetting.class, settings::put)
                .register("PutAccountSettingDefault", Requests.PutAccountSetting.class, settings::putDefault)
                .register("DeleteAccountSetting", Requests.DeleteAccountSetting.class, settings::delete)
                .register("ListAccountSettings", Requests.ListAccountSettings.class, settings::list)
                .register("UpdateTaskProtection", Requests.UpdateTaskProtection.class, protection::update)
                .register("GetTaskProtection", Requests.GetTaskProtection.class, protection::get)
                .register("ListServiceDeployments", ServiceDeploymentOperations.ListServiceDeploymentsRequest.class,
                        deployments::list)
                .register("DescribeServiceDeployments",
                        ServiceDeploymentOperations.DescribeServiceDeploymentsRequest.class,
                        deployments::describeDeployments)
                .register("DescribeServiceRevisions", ServiceDeploymentOperations.DescribeServiceRevisionsRequest.class,
                        deployments::describeRevisions)
                .register("StopServiceDeployment", ServiceDeploymentOperations.StopServiceDeploymentRequest.class,
                        deployments::stop)
                .register("DeleteTaskDefinitions", Requests.DeleteTaskDefinitions.class, taskDefinitions::delete)
                .register("RegisterTaskDefinition", Requests.RegisterTaskDefinition.class,
                        taskDefinitions::register)
                .register("DeregisterTaskDefinition", Requests.TaskDefinitionRef.class,
                        taskDefinitions::deregister)
                .register("DescribeTaskDefinition", Requests.TaskDefinitionRef.class, taskDefinitions::describe)
                .register("ListTaskDefinitions", Requests.ListTaskDefinitions.class, taskDefinitions::list)
                .register("ListTaskDefinitionFamilies", Requests.ListTaskDefinitionFamilies.class,
                        taskDefinitions::families)
                .register("CreateService", Requests.CreateService.class, services::create)
                .register("UpdateService", Requests.UpdateService.class, services::update)
                .register("DeleteService", Requests.DeleteService.class, services::delete)
                .register("DescribeServices", Requests.DescribeServices.class, services::describe)
                .register("ListServices", Requests.ListServices.class, services::list)
                .register("ListServicesByNamespace", Requests.ListServicesByNamespace.class,
                        services::listByNamespace)
                .register("CreateTaskSet", TaskSetOperations.CreateTaskSetRequest.class, taskSets::create)
                .register("DescribeTaskSets", TaskSetOperations.DescribeTaskSetsRequest.class, taskSets::describe)
                .register("UpdateTaskSet", TaskSetOperations.UpdateTaskSetRequest.class, taskSets::update)
                .register("DeleteTaskSet", TaskSetOperations.DeleteTaskSetRequest.class, taskSets::delete)
                .register("UpdateServicePrimaryTaskSet", TaskSetOperations.UpdateServicePrimaryTaskSetRequest.class,
                        taskSets::updatePrimary)
                .register("RunTask", Requests.RunTask.class, tasks::run)
                .register("StopTask", Requests.StopTask.class, tasks::stop)
                .register("DescribeTasks", Requests.DescribeTasks.class, tasks::describe)
                .register("ListTasks", Requests.ListTasks.class, tasks::list)
                .register("TagResource", Requests.TagResource.class, tags::tag)
                .register("UntagResource", Requests.UntagResource.class, tags::untag)
                .register("ListTagsForResource", Requests.ListTagsForResource.class, tags::list);
    }
}
