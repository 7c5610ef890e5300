package dev.mooring.api;

import dev.mooring.api.admin.AdminEndpoints;
import dev.mooring.api.awsjson.AwsJson;
import dev.mooring.api.awsjson.AwsJsonService;
import dev.mooring.api.awsquery.AwsQueryService;
import dev.mooring.core.operation.Operations;
import dev.mooring.api.awsquery.AwsQuery;
import dev.mooring.api.decorator.AccessLog;
import dev.mooring.api.decorator.BodyLimit;
import dev.mooring.api.decorator.ErrorMapping;
import dev.mooring.api.decorator.RequestIds;
import dev.mooring.api.decorator.SigV4Region;
import dev.mooring.api.restxml.RestXml;
import dev.mooring.api.restxml.RestXmlService;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.ServiceException;

/**
 * Mooring's API as one handler: the protocols, each inside its own decorators, behind a router that picks one by the
 * request's shape (admin path, Route 53's path, {@code X-Amz-Target}, a form {@code Action}), inside the decorators every
 * request gets.
 */
public final class MooringApi {
    /** Requests above this are refused (AWS's JSON services use the same order). */
    public static final int MAX_BODY = 1024 * 1024;
    /** Admin endpoints take no meaningful body. */
    public static final int MAX_ADMIN_BODY = 64 * 1024;

    private MooringApi() {}

    public static HttpHandler of(AwsJson awsJson, AwsQuery awsQuery, RestXml restXml, AdminEndpoints admin) {
        HttpRouter router = HttpRouter.builder()
                .route(RequestShape.pathPrefix(AdminEndpoints.PREFIX), admin
                        .decorate(BodyLimit.of(MAX_ADMIN_BODY))
                        .decorate(ErrorMapping.to(AwsJson::error)))
                .route(RequestShape.pathPrefix(RestXmlService.ROUTE53.pathPrefix()), restXml
                        .decorate(BodyLimit.of(MAX_BODY))
                        .decorate(SigV4Region.decorator())
                        .decorate(ErrorMapping.to(RestXml::error)))
                .route(RequestShape.amzJson(), awsJson
                        .decorate(BodyLimit.of(MAX_BODY))
                        .decorate(SigV4Region.decorator())
                        .decorate(ErrorMapping.to(AwsJson::error)))
                .route(RequestShape.formAction(), awsQuery
                        .decorate(BodyLimit.of(MAX_BODY))
                        .decorate(SigV4Region.decorator())
                        .decorate(ErrorMapping.to(AwsQuery::error)))
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
                "AWS APIs are served at POST / (an X-Amz-Target header or a form Action) and under /2013-04-01/"
                        + " (Route 53); got " + r.method() + " " + r.path() + ".");
    }

    /**
     * Every service bound to the protocol that serves it, found by its signing name (awsJson1_1 for ECS and Cloud Map,
     * awsQuery for ELBv2, restXml for Route 53): the domain declares operations, never protocols.
     */
    public static HttpHandler of(String accountId, java.time.Clock clock, java.util.List<Operations> services,
                                 AdminEndpoints admin) {
        AwsJson awsJson = new AwsJson(accountId, clock);
        AwsQuery awsQuery = new AwsQuery(accountId, clock);
        RestXml restXml = new RestXml(accountId, clock);
        for (Operations service : services) {
            if (AwsJsonService.named(service.service()).isPresent()) {
                awsJson.serve(service);
            } else if (AwsQueryService.named(service.service()).isPresent()) {
                awsQuery.serve(service);
            } else if (RestXmlService.named(service.service()).isPresent()) {
                restXml.serve(service);
            } else {
                throw new IllegalArgumentException("no protocol serves " + service.service());
            }
        }
        return of(awsJson, awsQuery, restXml, admin);
    }

    /** The awsJson services and admin endpoints alone, for tests that need no XML protocol. */
    public static HttpHandler of(AwsJson awsJson, AdminEndpoints admin) {
        return of(awsJson, new AwsQuery("000000000000", java.time.Clock.systemUTC()),
                new RestXml("000000000000", java.time.Clock.systemUTC()), admin);
    }

    /** The API with no admin endpoints, for tests of the AWS JSON APIs alone. */
    public static HttpHandler of(AwsJson awsJson) {
        return of(awsJson, new AdminEndpoints());
    }
}
