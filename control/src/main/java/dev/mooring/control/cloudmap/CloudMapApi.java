package dev.mooring.control.cloudmap;

import dev.mooring.api.ApiRouter;
import dev.mooring.api.AwsProtocol;

/** Registers every Cloud Map operation (spec §3.2) on a router. */
public final class CloudMapApi {
    private CloudMapApi() {}

    public static void register(ApiRouter router, CloudMapState state) {
        var tags = new TagOperations(state);
        var namespaces = new NamespaceOperations(state, tags);
        var services = new ServiceOperations(state, tags);
        var instances = new InstanceOperations(state);
        var discovery = new DiscoverInstancesOperation(state);
        var operations = new OperationQueries(state);
        AwsProtocol p = AwsProtocol.CLOUD_MAP;
        router.register(p, "CreateHttpNamespace", NamespaceOperations.CreateHttpNamespaceRequest.class,
                        namespaces::createHttp)
                .register(p, "CreatePrivateDnsNamespace", NamespaceOperations.CreatePrivateDnsNamespaceRequest.class,
                        namespaces::createPrivateDns)
                .register(p, "CreatePublicDnsNamespace", NamespaceOperations.CreatePublicDnsNamespaceRequest.class,
                        namespaces::createPublicDns)
                .register(p, "DeleteNamespace", NamespaceOperations.IdRequest.class, namespaces::delete)
                .register(p, "GetNamespace", NamespaceOperations.IdRequest.class, namespaces::get)
                .register(p, "ListNamespaces", NamespaceOperations.ListNamespacesRequest.class, namespaces::list)
                .register(p, "CreateService", ServiceOperations.CreateServiceRequest.class, services::create)
                .register(p, "GetService", NamespaceOperations.IdRequest.class, services::get)
                .register(p, "UpdateService", ServiceOperations.UpdateServiceRequest.class, services::update)
                .register(p, "ListServices", ServiceOperations.ListServicesRequest.class, services::list)
                .register(p, "DeleteService", NamespaceOperations.IdRequest.class, services::delete)
                .register(p, "RegisterInstance", InstanceOperations.RegisterInstanceRequest.class,
                        instances::register)
                .register(p, "DeregisterInstance", InstanceOperations.InstanceRequest.class, instances::deregister)
                .register(p, "ListInstances", InstanceOperations.ListInstancesRequest.class, instances::list)
                .register(p, "GetInstance", InstanceOperations.InstanceRequest.class, instances::get)
                .register(p, "GetInstancesHealthStatus", InstanceOperations.GetInstancesHealthStatusRequest.class,
                        instances::healthStatus)
                .register(p, "UpdateInstanceCustomHealthStatus",
                        InstanceOperations.UpdateInstanceCustomHealthStatusRequest.class, instances::updateCustomHealth)
                .register(p, "DiscoverInstances", DiscoverInstancesOperation.DiscoverInstancesRequest.class,
                        discovery::discover)
                .register(p, "GetOperation", OperationQueries.GetOperationRequest.class, operations::get)
                .register(p, "ListOperations", OperationQueries.ListOperationsRequest.class, operations::list)
                .register(p, "TagResource", TagOperations.TagResourceRequest.class, tags::tagResource)
                .register(p, "UntagResource", TagOperations.UntagResourceRequest.class, tags::untagResource)
                .register(p, "ListTagsForResource", TagOperations.ListTagsForResourceRequest.class,
                        tags::listTagsForResource);
    }
}
