package dev.mooring.control;

import dev.mooring.api.ApiServer;
import dev.mooring.api.MooringApi;
import dev.mooring.api.admin.AdminEndpoints;
import dev.mooring.api.awsjson.AwsJson;
import dev.mooring.api.awsjson.AwsJsonService;

/** The control plane's operations served as the server serves them, for tests that use the wire. */
public final class TestApi {
    private TestApi() {}

    /** The services that speak awsJson1_1 (ECS, Cloud Map), for tests that look at that protocol alone. */
    public static AwsJson awsJson(ControlPlane control) {
        AwsJson awsJson = new AwsJson(control.accountId(), control.clock());
        control.services().stream().filter(s -> AwsJsonService.named(s.service()).isPresent())
                .forEach(awsJson::serve);
        return awsJson;
    }

    /** An API server on an ephemeral loopback port, every service on its own protocol. */
    public static ApiServer start(ControlPlane control) throws InterruptedException {
        return ApiServer.builder().port(0).handler(MooringApi.of(control.accountId(), control.clock(),
                control.services(), new AdminEndpoints())).start();
    }
}
