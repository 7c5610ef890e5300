package dev.mooring.elb;

import dev.mooring.elb.shape.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ELBv2's tag rules: keys 1–128 characters, values up to 256, the {@code aws:} prefix reserved, 50 per resource. */
final class Tags {
    static final int MAX_PER_RESOURCE = 50;

    private Tags() {}

    /** {@code tags} checked (null means none). */
    static List<Tag> valid(List<Tag> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (Tag t : tags) {
            String key = Errors.required(t.key(), "Key");
            if (key.length() > 128 || (t.value() != null && t.value().length() > 256)) {
                throw Errors.validation("Tag keys must be 1 to 128 characters and values at most 256: '" + key + "'");
            }
            if (key.startsWith("aws:")) {
                throw Errors.validation("Tag keys starting with 'aws:' are reserved for AWS: '" + key + "'");
            }
            if (!seen.add(key)) {
                throw Errors.of("DuplicateTagKeys", "A tag key was specified more than once: '" + key + "'");
            }
        }
        if (tags.size() > MAX_PER_RESOURCE) {
            throw Errors.of("TooManyTags", "A resource can have at most " + MAX_PER_RESOURCE + " tags");
        }
        return tags.stream().map(t -> new Tag(t.key(), t.value() == null ? "" : t.value())).toList();
    }

    static List<Tag> merge(List<Tag> current, List<Tag> added, String arn) {
        Map<String, Tag> byKey = new LinkedHashMap<>();
        current.forEach(t -> byKey.put(t.key(), t));
        added.forEach(t -> byKey.put(t.key(), t));
        if (byKey.size() > MAX_PER_RESOURCE) {
            throw Errors.of("TooManyTags", "The resource " + arn + " would have more than " + MAX_PER_RESOURCE
                    + " tags");
        }
        return new ArrayList<>(byKey.values());
    }

    static List<Tag> remove(List<Tag> current, List<String> keys) {
        return current.stream().filter(t -> !keys.contains(t.key())).toList();
    }
}
