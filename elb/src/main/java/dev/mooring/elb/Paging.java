package dev.mooring.elb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * ELBv2's {@code Marker} pagination over a key-ordered listing: the marker is the last key returned, so a listing
 * resumes where it stopped, and the last page has no {@code NextMarker}.
 */
record Paging<T>(List<T> items, String nextMarker) {
    static final int MAX_PAGE_SIZE = 400;

    static <T> Paging<T> of(List<T> sorted, Function<T, String> key, String marker, Integer pageSize) {
        int size = pageSize == null ? MAX_PAGE_SIZE : Errors.range(pageSize, "PageSize", 1, MAX_PAGE_SIZE);
        String after = marker == null || marker.isEmpty() ? null : decode(marker);
        List<T> window = sorted.stream().filter(t -> after == null || key.apply(t).compareTo(after) > 0)
                .limit(size + 1L).toList();
        if (window.size() <= size) {
            return new Paging<>(window, null);
        }
        List<T> page = List.copyOf(window.subList(0, size));
        return new Paging<>(page, encode(key.apply(page.getLast())));
    }

    private static String encode(String key) {
        return Base64.getEncoder().encodeToString(("m1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        try {
            String s = new String(Base64.getDecoder().decode(marker), StandardCharsets.UTF_8);
            if (s.startsWith("m1:")) {
                return s.substring(3);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw Errors.validation("The marker '" + marker + "' is not one this service issued.");
    }
}
