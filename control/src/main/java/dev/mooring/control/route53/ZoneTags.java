package dev.mooring.control.route53;

import java.util.List;

/** The tags of one hosted zone (Route 53 keeps them beside the zone, changed with ChangeTagsForResource). */
public record ZoneTags(String hostedZoneId, List<Tag> tags) {
    /** A Route 53 tag. */
    public record Tag(String key, String value) {}

    public ZoneTags {
        tags = List.copyOf(tags);
    }
}
