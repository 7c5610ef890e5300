package dev.mooring.api;

import dev.mooring.api.admin.AdminEndpoints;
import dev.mooring.api.awsjson.AwsJson;
import dev.mooring.api.decorator.AccessLog;
import dev.mooring.api.decorator.BodyLimit;
import dev.mooring.api.decorator.ErrorMapping;
import dev.mooring.api.decorator.RequestIds;
import dev.mooring.api.decorator.SigV4Region;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.ServiceException;

/**
 * Mooring's API as one handler: the protocols, each inside its own decorators, behind a router that picks one by the
 * request's shape, inside the decorators every request gets. awsQuery (ELBv2) and restXml (Route 53) routes go here
 * next, beside awsJson1_1.
 */
public final class MooringApi {
    /** Requests above this are refused (AWS's JSON services use the same order). */
    public static final int MAX_BODY = 1024 * 1024;
    /** Admin endpoints take no meaningful body. */
    public static final int MAX_ADMIN_BODY = 64 * 1024;

    private MooringApi() {}

    public static HttpHandler of(AwsJson awsJson, AdminEndpoints admin) {
        HttpRouter router = HttpRouter.builder()
                .route(RequestShape.pathPrefix(AdminEndpoints.PREFIX), admin
                        .decorate(BodyLimit.of(MAX_ADMIN_BODY))
                        .decorate(ErrorMapping.to(AwsJson::error)))
                .route(RequestShape.amzJson(), awsJson
                        .decorate(BodyLimit.of(MAX_BODY))
                        .decorate(SigV4Region.decorator())
                        .decorate(ErrorMapping.to(AwsJson::error)))
                .fallback(((HttpHandler) MooringApi::unrouted).decorate(ErrorMapping.to(AwsJson::error)))
                .build();
        return router.decorate(AccessLog.decorator()).decorate(RequestIds.decorator());
    }

    /** A request of no known shape: most likely an AWS JSON call that lost its target, or a wrong path. */
    private static ApiResponse unrouted(ApiRequest r) {
        if (r.method().equals("POST") && r.path().equals("/")) {
            throw new ServiceException("UnknownOperationException",
                    "Missing X-Amz-Target header: name the operation as <service prefix>.<Operation>.");
        }
        throw new ServiceException("UnknownOperationException", ErrorKind.NOT_FOUND,
                "AWS JSON APIs are served at POST /; got " + r.method() + " " + r.path() + ".");
    }

    /** The API with no admin endpoints, for tests of the AWS APIs alone. */
    public static HttpHandler of(AwsJson awsJson) {
        return of(awsJson, new AdminEndpoints());
    }
}
