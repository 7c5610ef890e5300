package dev.mooring.control;

/**
 * A tag, as ECS (spec §2.2 "Tag") and Cloud Map (Appendix B "Tag") both shape it; each service's mapper gives the
 * members its casing ({@code key} or {@code Key}). Cloud Map requires a value but allows it to be empty.
 */
public record Tag(String key, String value) {}
