package dev.mooring.control.ecs;

import dev.mooring.control.ResourceTags;
import dev.mooring.store.Store;
import dev.mooring.store.Table;

/** The store tables of ECS, all keyed by ARN so that a region's resources share a key prefix. */
public record EcsTables(Table<Cluster> clusters, Table<TaskDefinition> taskDefinitions,
                        Table<StoredService> services, Table<StoredTask> tasks, Table<ResourceTags> tags,
                        Table<TaskProtection> taskProtection, Table<StoredAccountSetting> accountSettings) {

    public static EcsTables declare(Store store) {
        return new EcsTables(
                store.table("ecs.cluster", Cluster.class, Cluster::clusterArn),
                store.table("ecs.taskDefinition", TaskDefinition.class, TaskDefinition::taskDefinitionArn),
                store.table("ecs.service", StoredService.class, StoredService::arn),
                store.table("ecs.task", StoredTask.class, StoredTask::arn),
                store.table("ecs.tags", ResourceTags.class, ResourceTags::resourceArn),
                store.table("ecs.taskProtection", TaskProtection.class, TaskProtection::taskArn),
                store.table("ecs.accountSetting", StoredAccountSetting.class, StoredAccountSetting::key));
    }
}
