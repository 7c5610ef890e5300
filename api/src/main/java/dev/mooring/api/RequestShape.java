package dev.mooring.api;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * How a request shows which protocol it speaks, so that the {@link HttpRouter} can pick one without the operations
 * knowing who asked: awsJson names its operation in {@code X-Amz-Target}, awsQuery in a form body's {@code Action},
 * restXml (Route 53) and the admin endpoints by their path.
 */
public final class RequestShape {
    private static final String FORM = "application/x-www-form-urlencoded";

    private RequestShape() {}

    /** awsJson1_0/1_1: an {@code X-Amz-Target} header, or a body declared as AWS JSON. */
    public static Predicate<ApiRequest> amzJson() {
        return r -> r.header("X-Amz-Target") != null || r.mediaType().startsWith("application/x-amz-json");
    }

    /** awsQuery (ELBv2): a form with an {@code Action}, in the body or the query string. */
    public static Predicate<ApiRequest> formAction() {
        return r -> r.query().containsKey("Action") || (FORM.equals(r.mediaType())
                && new QueryStringDecoder(new String(r.body(), StandardCharsets.UTF_8), false)
                        .parameters().containsKey("Action"));
    }

    /** A path under {@code prefix}: restXml's {@code /2013-04-01/}, the admin endpoints' {@code /_mooring/}. */
    public static Predicate<ApiRequest> pathPrefix(String prefix) {
        return r -> r.path().startsWith(prefix);
    }
}
