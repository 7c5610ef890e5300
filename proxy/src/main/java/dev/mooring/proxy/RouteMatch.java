package dev.mooring.proxy;

import java.util.List;
import java.util.Locale;

/**
 * What a route matches, as ALB's rule conditions do: each non-empty list must have a pattern that matches (values
 * within a list are alternatives; the lists must all hold). Host and path patterns take {@code *} (any characters,
 * none included) and {@code ?} (exactly one); hosts compare without case and without a port, paths with case and
 * without the query string. Methods compare exactly.
 */
public record RouteMatch(List<String> hosts, List<String> paths, List<String> methods) {
    public static final RouteMatch ANY = new RouteMatch(List.of(), List.of(), List.of());

    public RouteMatch {
        hosts = hosts == null ? List.of() : hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        paths = paths == null ? List.of() : List.copyOf(paths);
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    /** @param host the Host header (or :authority), possibly with a port; @param path without the query string */
    public boolean matches(String host, String path, String method) {
        if (!hosts.isEmpty()) {
            String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
            int colon = h.lastIndexOf(':');
            if (colon >= 0 && h.indexOf(']') < colon) h = h.substring(0, colon);
            String name = h;
            if (hosts.stream().noneMatch(p -> glob(p, name))) return false;
        }
        if (!paths.isEmpty() && paths.stream().noneMatch(p -> glob(p, path == null ? "" : path))) return false;
        return methods.isEmpty() || methods.contains(method);
    }

    /** Wildcard match with {@code *} and {@code ?}, iterative, backtracking only to the last {@code *}. */
    static boolean glob(String pattern, String text) {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }
}
