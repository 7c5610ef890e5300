package dev.mooring.control.cloudmap;

import dev.mooring.core.operation.Operations;

/** Every Cloud Map operation (spec §3.2), whatever protocol serves them. */
public final class CloudMapApi {
    private CloudMapApi() {}

    public static Operations operations(CloudMapState state) {
        var tags = new TagOperations(state);
        var namespaces = new NamespaceOperations(state, tags);
        var services = new ServiceOperations(state, tags);
        var instances = new InstanceOperations(state);
        var discovery = new DiscoverInstancesOperation(state);
        var operations = new OperationQueries(state);
        var serviceAttributes = new ServiceAttributeOperations(state);
        return new Operations("servicediscovery")
                .register("CreateHttpNamespace", NamespaceOperations.CreateHttpNamespaceRequest.class,
                        namespaces::createHttp)
                .register("CreatePrivateDnsNamespace", NamespaceOperations.CreatePrivateDnsNamespaceRequest.class,
                        namespaces::createPrivateDns)
                .register("CreatePublicDnsNamespace", NamespaceOperations.CreatePublicDnsNamespaceRequest.class,
                        namespaces::createPublicDns)
                .register("DeleteNamespace", NamespaceOperations.IdRequest.class, namespaces::delete)
                .register("UpdateHttpNamespace", NamespaceOperations.UpdateHttpNamespaceRequest.class,
                        namespaces::updateHttp)
                .register("UpdatePrivateDnsNamespace", NamespaceOperations.UpdateDnsNamespaceRequest.class,
                        namespaces::updatePrivateDns)
                .register("UpdatePublicDnsNamespace", NamespaceOperations.UpdateDnsNamespaceRequest.class,
                        namespaces::updatePublicDns)
                .register("GetServiceAttributes", ServiceAttributeOperations.GetServiceAttributesRequest.class,
                        serviceAttributes::get)
                .register("UpdateServiceAttributes", ServiceAttributeOperations.UpdateServiceAttributesRequest.class,
                        serviceAttributes::update)
                .register("DeleteServiceAttributes", ServiceAttributeOperations.DeleteServiceAttributesRequest.class,
                        serviceAttributes::delete)
                .register("DiscoverInstancesRevision",
                        DiscoverInstancesOperation.DiscoverInstancesRevisionRequest.class, discovery::revision)
                .register("GetNamespace", NamespaceOperations.IdRequest.class, namespaces::get)
                .register("ListNamespaces", NamespaceOperations.ListNamespacesRequest.class, namespaces::list)
                .register("CreateService", ServiceOperations.CreateServiceRequest.class, services::create)
                .register("GetService", NamespaceOperations.IdRequest.class, services::get)
                .register("UpdateService", ServiceOperations.UpdateServiceRequest.class, services::update)
                .register("ListServices", ServiceOperations.ListServicesRequest.class, services::list)
                .register("DeleteService", NamespaceOperations.IdRequest.class, services::delete)
                .register("RegisterInstance", InstanceOperations.RegisterInstanceRequest.class,
                        instances::register)
                .register("DeregisterInstance", InstanceOperations.InstanceRequest.class, instances::deregister)
                .register("ListInstances", InstanceOperations.ListInstancesRequest.class, instances::list)
                .register("GetInstance", InstanceOperations.InstanceRequest.class, instances::get)
                .register("GetInstancesHealthStatus", InstanceOperations.GetInstancesHealthStatusRequest.class,
                        instances::healthStatus)
                .register("UpdateInstanceCustomHealthStatus",
                        InstanceOperations.UpdateInstanceCustomHealthStatusRequest.class, instances::updateCustomHealth)
                .register("DiscoverInstances", DiscoverInstancesOperation.DiscoverInstancesRequest.class,
                        discovery::discover)
                .register("GetOperation", OperationQueries.GetOperationRequest.class, operations::get)
                .register("ListOperations", OperationQueries.ListOperationsRequest.class, operations::list)
                .register("TagResource", TagOperations.TagResourceRequest.class, tags::tagResource)
                .register("UntagResource", TagOperations.UntagResourceRequest.class, tags::untagResource)
                .register("ListTagsForResource", TagOperations.ListTagsForResourceRequest.class,
                        tags::listTagsForResource);
    }
}
