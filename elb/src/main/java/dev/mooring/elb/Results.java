package dev.mooring.elb;

import dev.mooring.elb.shape.Attribute;
import dev.mooring.elb.shape.Listener;
import dev.mooring.elb.shape.LoadBalancer;
import dev.mooring.elb.shape.Rule;
import dev.mooring.elb.shape.TagDescription;
import dev.mooring.elb.shape.TargetGroup;
import dev.mooring.elb.shape.TargetHealthDescription;
import java.util.List;

/** The result of each ELBv2 operation that answers with members (the others answer an empty result). */
public final class Results {
    private Results() {}

    public record LoadBalancers(List<LoadBalancer> loadBalancers, String nextMarker) {}

    public record Attributes(List<Attribute> attributes) {}

    public record TargetGroups(List<TargetGroup> targetGroups, String nextMarker) {}

    public record TargetHealthDescriptions(List<TargetHealthDescription> targetHealthDescriptions) {}

    public record Listeners(List<Listener> listeners, String nextMarker) {}

    public record Rules(List<Rule> rules, String nextMarker) {}

    public record TagDescriptions(List<TagDescription> tagDescriptions) {}
}
