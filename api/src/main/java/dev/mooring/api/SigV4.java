package dev.mooring.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the region from a SigV4 Authorization header. Signatures are not checked: any credentials are accepted. */
final class SigV4 {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/");

    /** Where an unsigned request lands, as the CLI's own default region would put it. */
    static final String DEFAULT_REGION = "us-east-1";

    private SigV4() {}

    static String region(String authorization) {
        if (authorization == null) {
            return DEFAULT_REGION;
        }
        Matcher m = SCOPE.matcher(authorization);
        return m.find() ? m.group(1) : DEFAULT_REGION;
    }
}
