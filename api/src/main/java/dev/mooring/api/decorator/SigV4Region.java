package dev.mooring.api.decorator;

import dev.mooring.api.Decorator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the request's region from its SigV4 Authorization header, as AWS routes a call to a region. Signatures are
 * not checked: any credentials are accepted.
 */
public final class SigV4Region {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/");

    /** Where an unsigned request lands, as the CLI's own default region would put it. */
    public static final String DEFAULT_REGION = "us-east-1";

    private SigV4Region() {}

    public static Decorator decorator() {
        return next -> request -> next.handle(request.withRegion(region(request.header("Authorization"))));
    }

    static String region(String authorization) {
        if (authorization == null) {
            return DEFAULT_REGION;
        }
        Matcher m = SCOPE.matcher(authorization);
        return m.find() ? m.group(1) : DEFAULT_REGION;
    }
}
