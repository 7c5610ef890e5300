package dev.mooring.control.cloudmap;

import java.util.List;

/** The tags of one namespace or service, kept beside it so the resource records stay wire shapes. */
public record ResourceTags(String resourceArn, List<Tag> tags) {

    /** Cloud Map's Tag shape (spec Appendix B): Value is required but may be empty. */
    public record Tag(String key, String value) {}
}
