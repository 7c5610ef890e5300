package dev.mooring.control;

import dev.mooring.api.ApiServer;
import dev.mooring.api.MooringApi;
import dev.mooring.api.awsjson.AwsJson;

/** The control plane's operations served over awsJson1_1, as the server serves them, for tests that use the wire. */
public final class TestApi {
    private TestApi() {}

    public static AwsJson awsJson(ControlPlane control) {
        AwsJson awsJson = new AwsJson(control.accountId(), control.clock());
        control.services().forEach(awsJson::serve);
        return awsJson;
    }

    /** An API server on an ephemeral loopback port. */
    public static ApiServer start(ControlPlane control) throws InterruptedException {
        return ApiServer.builder().port(0).handler(MooringApi.of(awsJson(control))).start();
    }
}
