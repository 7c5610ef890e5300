package dev.mooring.api.awsquery;

import java.util.List;
import java.util.Optional;

/** One awsQuery service as clients see it: its signing name, the API version it speaks and its XML namespace. */
public record AwsQueryService(String name, String version, String xmlns) {

    public static final AwsQueryService ELBV2 = new AwsQueryService("elasticloadbalancing", "2015-12-01",
            "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");

    /** Every service Mooring serves over awsQuery. */
    public static final List<AwsQueryService> ALL = List.of(ELBV2);

    public static Optional<AwsQueryService> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
